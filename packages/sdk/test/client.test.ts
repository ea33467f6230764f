import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiError,
  ConflictError,
  createClient,
  etagOf,
  NetworkError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
  type ClientOptions,
} from '../src/index.js';
import { problem, startServer, type TestServer } from './server.js';

const customerId = '0b5f7a52-3c1e-4d59-9a57-6f1f2f0e9a11';
const customer = { id: customerId, organisationName: 'Acme Hosting Ltd', status: 'ACTIVE' };
const newCustomer = { organisationName: 'Northwind', email: 'ops@northwind.example' } as never;

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(() => server.close());

const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl: server.url, auth: 'token-1', retry: { baseDelayMs: 1 }, ...options });

describe('requests', () => {
  it('sends path, query and header parameters and the bearer token', async () => {
    server.handle(() => ({ json: { items: [], nextPageToken: null, totalSize: 0, offset: 0 } }));
    await client({ headers: { 'x-trace': 'abc' } }).customers.list({ filter: 'status = ACTIVE', pageSize: 5, offset: 10 });
    const [request] = server.requests;
    assert.equal(request?.method, 'GET');
    assert.equal(request?.url.pathname, '/v1/customers');
    assert.equal(request?.url.searchParams.get('filter'), 'status = ACTIVE');
    assert.equal(request?.url.searchParams.get('pageSize'), '5');
    assert.equal(request?.url.searchParams.get('offset'), '10');
    assert.equal(request?.headers.authorization, 'Bearer token-1');
    assert.equal(request?.headers['x-trace'], 'abc');
  });

  it('exposes the ETag of a read and sends it back as If-Match with a merge-patch body', async () => {
    server.handle((request) =>
      request.method === 'GET' ? { json: customer, headers: { etag: '"v1"' } } : { json: { ...customer, email: 'new@example.com' }, headers: { etag: '"v2"' } },
    );
    const api = client();
    const read = await api.customers.get({ customerId });
    assert.deepEqual(read, customer);
    assert.equal(etagOf(read), '"v1"');
    const updated = await api.customers.update({ customerId, ifMatch: read, body: { email: 'new@example.com' } });
    assert.equal(etagOf(updated), '"v2"');
    // The answer of a write carries the next version: chaining writes needs no read in between.
    await api.customers.update({ customerId, ifMatch: updated, body: { email: 'newer@example.com' } });
    assert.equal(server.requests[2]?.headers['if-match'], '"v2"');
    await api.customers.update({ customerId, ifMatch: '"v7"', body: { email: 'x@example.com' } });
    assert.equal(server.requests[3]?.headers['if-match'], '"v7"');
    const patch = server.requests[1];
    assert.equal(patch?.method, 'PATCH');
    assert.equal(patch?.url.pathname, `/v1/customers/${customerId}`);
    assert.equal(patch?.headers['if-match'], '"v1"');
    assert.equal(patch?.headers['content-type'], 'application/merge-patch+json');
    assert.deepEqual(JSON.parse(patch?.body ?? ''), { email: 'new@example.com' });
  });

  it('resolves binary answers to a Blob and CSV to a string', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const handler = async (request: Request) =>
      request.url.endsWith('/pdf')
        ? new Response(pdf, { headers: { 'content-type': 'application/pdf' } })
        : new Response('day,units\n2026-11-01,3\n', { headers: { 'content-type': 'text/csv' } });
    const api = createClient({ baseUrl: 'http://admin.test', auth: 'k', fetch: handler });
    const blob = await api.invoices.downloadPdf({ invoiceId: customerId });
    assert.ok(blob instanceof Blob);
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), pdf);
    const csv = await api.reports.export({ reportId: customerId, body: {} as never });
    assert.equal(csv, 'day,units\n2026-11-01,3\n');
  });

  it('resolves a 204 to undefined', async () => {
    server.handle(() => ({ status: 204 }));
    assert.equal(await client().customers.delete({ customerId, ifMatch: '"v1"' }), undefined);
  });

  it('refuses an ifMatch object it holds no ETag for, before sending anything', async () => {
    server.handle(() => ({ json: customer }));
    const api = client();
    for (const ifMatch of [{ ...customer }, new Date(), []]) {
      await assert.rejects(api.customers.update({ customerId, ifMatch, body: { email: 'a@example.com' } }), /updateCustomer: ifMatch was given an object this client did not return/);
    }
    assert.equal(server.requests.length, 0);
  });

  it('rejects unknown options and missing path parameters with a clear TypeError', async () => {
    server.handle(() => ({ json: customer }));
    const api = client();
    await assert.rejects(api.customers.get({ customerId, colour: 'red' } as never), /getCustomer does not take "colour"/);
    await assert.rejects(api.customers.get({} as never), /getCustomer needs the path parameter "customerId"/);
    assert.equal(server.requests.length, 0);
  });
});

describe('auth', () => {
  it('asks the provider once for 10 concurrent calls', async () => {
    server.handle(() => ({ json: customer }));
    let calls = 0;
    const api = client({
      auth: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 20));
        return { token: `t${calls}`, expiresAt: Date.now() + 3_600_000 };
      },
    });
    await Promise.all(Array.from({ length: 10 }, () => api.customers.get({ customerId })));
    assert.equal(calls, 1);
    assert.equal(server.requests.length, 10);
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer t1'));
    await api.customers.get({ customerId });
    assert.equal(calls, 1, 'a valid token is reused');
  });

  it('renews a token that is about to expire before using it', async () => {
    server.handle(() => ({ json: customer }));
    let calls = 0;
    // 10 s left is inside the 30 s renewal margin, so every call renews.
    const api = client({ auth: async () => ({ token: `t${++calls}`, expiresAt: new Date(Date.now() + 10_000).toISOString() }) });
    await api.customers.get({ customerId });
    await api.customers.get({ customerId });
    assert.equal(calls, 2);
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['Bearer t1', 'Bearer t2']);
  });

  it('renews once after a 401 and retries with the new token', async () => {
    server.handle((request) => (request.headers.authorization === 'Bearer t1' ? problem(401, 'token_expired') : { json: customer }));
    let calls = 0;
    const api = client({ auth: async () => `t${++calls}` });
    const results = await Promise.all(Array.from({ length: 5 }, () => api.customers.get({ customerId })));
    assert.deepEqual(results[4], customer);
    assert.equal(calls, 2, 'one initial token, one shared renewal');
    assert.equal(server.requests.filter((r) => r.headers.authorization === 'Bearer t2').length, 5);
  });

  it('gives up with UnauthorizedError when the renewed token is refused too', async () => {
    server.handle(() => problem(401, 'unauthenticated'));
    let calls = 0;
    const api = client({ auth: async () => `t${++calls}` });
    await assert.rejects(api.customers.get({ customerId }), UnauthorizedError);
    assert.equal(calls, 2);
    assert.equal(server.requests.length, 2);
  });

  it('does not retry a 401 with a fixed token', async () => {
    server.handle(() => problem(401, 'unauthenticated'));
    await assert.rejects(client().customers.get({ customerId }), UnauthorizedError);
    assert.equal(server.requests.length, 1);
  });
});

describe('retries', () => {
  it('retries a create on 5xx with the same Idempotency-Key', async () => {
    server.handle((_, index) => (index < 2 ? problem(503, 'internal') : { status: 201, json: customer }));
    const created = await client().customers.create({ body: newCustomer });
    assert.deepEqual(created, customer);
    assert.equal(server.requests.length, 3);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    assert.match(String(keys[0]), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(keys.every((k) => k === keys[0]), `keys differ: ${keys.join(', ')}`);
  });

  it('gives each logical create its own key and keeps a caller-supplied one', async () => {
    server.handle(() => ({ status: 201, json: customer }));
    const api = client();
    await api.customers.create({ body: newCustomer });
    await api.customers.create({ body: newCustomer });
    await api.customers.create({ body: newCustomer, idempotencyKey: 'mine' });
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    assert.notEqual(keys[0], keys[1]);
    assert.equal(keys[2], 'mine');
  });

  it('stops after maxAttempts and throws the last error', async () => {
    server.handle(() => problem(500, 'internal'));
    await assert.rejects(client({ retry: { maxAttempts: 4, baseDelayMs: 1 } }).customers.get({ customerId }), ServerError);
    assert.equal(server.requests.length, 4);
  });

  it('does not retry a domain action on 5xx', async () => {
    server.handle(() => problem(503, 'internal'));
    await assert.rejects(client().customers.approve({ customerId, ifMatch: '"v1"' }), ServerError);
    assert.equal(server.requests.length, 1);
  });

  it('does not retry client errors', async () => {
    server.handle(() => problem(409, 'conflict'));
    await assert.rejects(client().customers.get({ customerId }), ConflictError);
    assert.equal(server.requests.length, 1);
  });

  it('honours Retry-After in seconds', async () => {
    server.handle((_, index) => (index === 0 ? problem(429, 'rate_limited', {}, { 'retry-after': '1' }) : { json: customer }));
    const started = Date.now();
    await client().customers.get({ customerId });
    const waited = Date.now() - started;
    assert.equal(server.requests.length, 2);
    assert.ok(waited >= 950, `waited only ${waited} ms`);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const retryAt = new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000);
    server.handle((_, index) => (index === 0 ? problem(503, 'internal', {}, { 'retry-after': retryAt.toUTCString() }) : { json: customer }));
    await client().customers.get({ customerId });
    assert.ok(Date.now() >= retryAt.getTime() - 20, 'retried before the date');
  });

  it('throws RateLimitError with retryAfter when the wait is longer than allowed', async () => {
    server.handle(() => problem(429, 'rate_limited', {}, { 'retry-after': '120' }));
    const error = await client()
      .customers.get({ customerId })
      .catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfter, 120);
    assert.equal(server.requests.length, 1);
  });

  it('retries connection errors of idempotent calls only', async () => {
    let attempts = 0;
    const refusing = async () => {
      attempts++;
      throw new TypeError('fetch failed');
    };
    const api = client({ fetch: refusing, retry: { maxAttempts: 3, baseDelayMs: 1 } });
    await assert.rejects(api.customers.get({ customerId }), NetworkError);
    assert.equal(attempts, 3);
    attempts = 0;
    await assert.rejects(api.customers.approve({ customerId, ifMatch: '"v1"' }), NetworkError);
    assert.equal(attempts, 1);
  });
});

describe('failures', () => {
  it('turns problem+json into the matching ApiError subclass', async () => {
    const fieldErrors = [{ location: 'body', pointer: '/email', code: 'format', message: 'must be an email address' }];
    server.handle(() => problem(422, 'validation_failed', { detail: 'email: must be an email address', requestId: 'req_42', errors: fieldErrors }));
    const error = await client()
      .customers.update({ customerId, ifMatch: '"v1"', body: { email: 'nope' } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 422);
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.title, 'Problem validation_failed');
    assert.equal(error.detail, 'email: must be an email address');
    assert.equal(error.requestId, 'req_42');
    assert.deepEqual(error.fieldErrors, fieldErrors);
    assert.equal(error.problem.type, 'https://fco-admin.dev/problems/validation_failed');

    for (const [status, code, ErrorClass] of [
      [404, 'not_found', NotFoundError],
      [412, 'precondition_failed', PreconditionFailedError],
      [428, 'precondition_required', PreconditionRequiredError],
    ] as const) {
      server.handle(() => problem(status, code));
      await assert.rejects(client().customers.get({ customerId }), ErrorClass);
    }
  });

  it('turns a non-problem error body into an ApiError too', async () => {
    server.handle(() => ({ status: 502, text: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html', 'x-request-id': 'req_gw' } }));
    const error = await client({ retry: false })
      .customers.get({ customerId })
      .catch((e: unknown) => e);
    assert.ok(error instanceof ServerError);
    assert.equal(error.status, 502);
    assert.equal(error.code, 'unexpected_response');
    assert.equal(error.detail, '<html>Bad gateway</html>');
    assert.equal(error.requestId, 'req_gw');
  });

  it('fails with TimeoutError when an attempt takes too long', async () => {
    server.handle(() => ({ json: customer, delay: 300 }));
    const error = await client({ timeout: 50 })
      .customers.get({ customerId })
      .catch((e: unknown) => e);
    assert.ok(error instanceof TimeoutError, String(error));
    assert.equal(error.timeout, 50);
    await assert.rejects(client().customers.get({ customerId, timeout: 30 }), TimeoutError);
  });

  it('fails with NetworkError when nothing listens', async () => {
    const closed = await startServer();
    await closed.close();
    await assert.rejects(createClient({ baseUrl: closed.url, auth: 't', retry: false }).customers.get({ customerId }), NetworkError);
  });

  it('rejects with AbortError when the signal aborts a request in flight', async () => {
    server.handle(() => ({ json: customer, delay: 1000 }));
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(client().customers.get({ customerId, signal: controller.signal }), { name: 'AbortError' });
    assert.ok(Date.now() - started < 500, 'the abort was not prompt');
  });

  it('rejects with AbortError when the signal aborts a retry wait', async () => {
    server.handle(() => problem(503, 'internal', {}, { 'retry-after': '5' }));
    const started = Date.now();
    await assert.rejects(client().customers.get({ customerId, signal: AbortSignal.timeout(50) }), { name: 'TimeoutError' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(client().customers.get({ customerId, signal: controller.signal }), { name: 'AbortError' });
    assert.ok(Date.now() - started < 1000, 'the abort was not prompt');
  });
});

describe('the fetch option', () => {
  it('talks to any fetch-compatible handler, under a base path', async () => {
    const seen: Request[] = [];
    // Synchronous, like Hono's app.request can be.
    const handler = (request: Request) => {
      seen.push(request);
      return Response.json(customer, { headers: { etag: '"h1"' } });
    };
    const api = createClient({ baseUrl: 'http://admin.test/api', auth: 'k', fetch: handler });
    const result = await api.customers.get({ customerId });
    assert.deepEqual(result, customer);
    assert.equal(etagOf(result), '"h1"');
    assert.equal(seen[0]?.url, `http://admin.test/api/v1/customers/${customerId}`);
    assert.equal(seen[0]?.headers.get('authorization'), 'Bearer k');
  });
});

describe('downloads', () => {
  it('hands the answer to onResponse (the file name from Content-Disposition) and still resolves to the body', async () => {
    const { filenameOf } = await import('../src/index.js');
    const names: (string | undefined)[] = [];
    for (const header of [
      'attachment; filename="invoice-2026-0042.pdf"',
      "attachment; filename=\"fallback.csv\"; filename*=UTF-8''Kunden%20%C3%BCbersicht.csv",
      'attachment; filename="../../etc/passwd"',
      'inline',
    ]) {
      names.push(filenameOf(new Response('', { headers: { 'content-disposition': header } })));
    }
    assert.deepEqual(names, ['invoice-2026-0042.pdf', 'Kunden übersicht.csv', 'passwd', undefined]);

    const { createClient } = await import('../src/index.js');
    const client = createClient({
      baseUrl: 'https://admin.example',
      auth: 'token',
      fetch: async () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="invoice-7.pdf"' } }),
    });
    let seen: string | undefined;
    const pdf = await client.invoices.downloadPdf({ invoiceId: '0b5f7a52-3c1e-4d59-9a57-6f1f2f0e9a11', onResponse: (response) => (seen = filenameOf(response)) });
    assert.equal(seen, 'invoice-7.pdf');
    assert.equal(await pdf.text(), '%PDF-1.7');
  });
});
