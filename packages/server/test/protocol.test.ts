/**
 * @sqlite-only HTTP protocol rules (negotiation, methods, preconditions on the wire, limits): the database
 * behind them is incidental; the areas' suites check their stores on both dialects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unimplementedOperations } from '../src/app.js';
import { operations } from '../src/spec/document.js';
import { assertProblem, checkContract, startTestServer, type TestServer } from './harness.js';

describe('protocol', () => {
  let t: TestServer;
  let customerId: string;
  before(async () => {
    t = await startTestServer({ customers: 10 });
    customerId = (await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 1 } })).body.items[0].id;
  });
  after(() => t.close());

  it('answers bad bodies with 4xx problem+json naming the field, never 5xx', async () => {
    const token = t.tokens.licensee;
    assertProblem(await t.call('createCustomer', { token, rawBody: '{"organisationName": ' }), 400, 'invalid_json');
    assertProblem(await t.call('createCustomer', { token, rawBody: '{}', contentType: 'text/plain' }), 400, 'unsupported_media_type');
    const wrongType = await t.call('createCustomer', { token, body: { organisationName: 42, email: 'x@y.example', adminUser: { firstName: 'a', lastName: 'b', email: 'a@b.example' } } });
    assertProblem(wrongType, 422, 'validation_failed');
    assert.deepEqual(wrongType.body.errors.map((e: any) => [e.location, e.pointer, e.code]), [['body', '/organisationName', 'type']]);
    const missing = await t.call('createCustomer', { token, body: { organisationName: 'x' } });
    assert.ok(missing.body.errors.some((e: any) => e.pointer === '/email' && e.code === 'required'));
    const badEmail = await t.call('createCustomer', { token, body: { organisationName: 'x', email: 'nope', adminUser: { firstName: 'a', lastName: 'b', email: 'a@b.example' } } });
    assert.ok(badEmail.body.errors.some((e: any) => e.pointer === '/email' && e.code === 'format'));
    const unknown = await t.call('updateCustomer', { token, params: { customerId }, body: { colour: 'red' } });
    assertProblem(unknown, 422, 'unknown_field');
    assert.equal(unknown.body.errors[0].pointer, '/colour');
    const readOnly = await t.call('updateCustomer', { token, params: { customerId }, body: { balance: { amount: '1.00', currency: 'EUR' }, status: 'ACTIVE' } });
    assertProblem(readOnly, 422, 'read_only_field');
    assert.deepEqual(readOnly.body.errors.map((e: any) => e.pointer).sort(), ['/balance', '/status']);
    assertProblem(await t.call('updateCustomer', { token, params: { customerId }, body: {} }), 422, 'validation_failed');
    assertProblem(await t.call('updateCustomer', { token, params: { customerId }, body: { organisationName: 'x'.repeat(100_000) } }), 422, 'validation_failed');
    assertProblem(await t.call('updateCustomer', { token, params: { customerId }, rawBody: JSON.stringify({ organisationName: 'x'.repeat(2_000_000) }) }), 400, 'payload_too_large');
    assertProblem(await t.call('updateCustomer', { token, params: { customerId }, rawBody: '[1,2' }), 400, 'invalid_json');
    assertProblem(await t.call('updateCustomer', { token, params: { customerId }, rawBody: '"text"' }), 422, 'validation_failed');
    assertProblem(await t.call('createSession', { rawBody: 'null' }), 422, 'validation_failed');
  });

  it('answers bad parameters with 400', async () => {
    const token = t.tokens.licensee;
    assertProblem(await t.call('getCustomer', { token, params: { customerId: 'not-a-uuid' } }), 400, 'invalid_parameter');
    assertProblem(await t.call('listCustomers', { token, query: { pageSize: 0 } }), 400, 'invalid_parameter');
    assertProblem(await t.call('listCustomers', { token, query: { pageSize: 'many' } }), 400, 'invalid_parameter');
    assertProblem(await t.call('listCustomers', { token, query: { colour: 'red' } }), 400, 'invalid_parameter');
    assertProblem(await t.call('listCustomers', { token, query: { filter: 'x'.repeat(2001) } }), 400, 'invalid_parameter');
    assertProblem(await t.call('listCustomers', { token, query: { filter: 'status = "' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listCustomers', { token, query: { filter: 'colour = 1' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listCustomers', { token, query: { orderBy: 'colour' } }), 400, 'invalid_order_by');
    assertProblem(await t.call('listCustomers', { token, query: { offset: 5, pageToken: 'x.y' } }), 400, 'invalid_parameter');
    const unknownPath = await fetch(`${t.url}/v1/nothing-here`);
    assert.equal(unknownPath.status, 404);
    assert.equal(unknownPath.headers.get('content-type'), 'application/problem+json');
  });

  it('checks scopes from the operation\'s security requirement', async () => {
    const secret = (await t.call('createApiKey', { token: t.tokens.licensee, body: { name: 'read only', scopes: ['customers:read'] } })).body.secret;
    const refused = await t.call('updateCustomer', { token: secret, params: { customerId }, body: { vatNumber: 'X' } });
    assertProblem(refused, 403, 'forbidden');
    assert.match(refused.body.detail, /customers:write/);
  });

  it('sets X-Request-Id and RateLimit headers on every response, and echoes a sane caller id', async () => {
    const result = await t.call('getMe', { token: t.tokens.alpha, headers: { 'x-request-id': 'portal-42' } });
    assert.equal(result.headers.get('x-request-id'), 'portal-42');
    for (const name of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) assert.ok(result.headers.get(name), name);
  });

  it('rate limits per principal with 429 and Retry-After', async () => {
    const limited = await startTestServer({ customers: 5, rateLimit: { limit: 8, windowSeconds: 60 } });
    try {
      const token = limited.tokens.alpha; // logins used the address's quota, not this token's
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 10; i++) {
        last = await limited.call('getMe', { token });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
      assertProblem(last!, 429, 'rate_limited');
      assert.ok(Number(last!.headers.get('retry-after')) >= 1);
      assert.equal(last!.headers.get('ratelimit-remaining'), '0');
      // Another principal has its own quota.
      assert.equal((await limited.call('getMe', { token: limited.tokens.beta })).status, 200);
    } finally {
      await limited.close();
    }
  });

  it('answers operations no area implements yet with 501, never an unmatched 404', async () => {
    const remaining = unimplementedOperations();
    for (const id of remaining) {
      const op = operations.get(id)!;
      const path = op.path.replace(/\{[^}]+\}/g, '0b5f7a52-3c1e-4d59-9a57-6f1f2f0e9a11');
      const response = await fetch(t.url + path, { method: op.method.toUpperCase(), headers: { authorization: `Bearer ${t.tokens.licensee}` } });
      assert.equal(response.status, 501, `${id} ${op.method} ${path}`);
      assert.equal((await response.json()).code, 'not_implemented');
    }
    assert.ok(!remaining.includes('listCustomers'));
  });

  it('allows CORS from billing entities\' allowed origins only', async () => {
    const preflight = await fetch(`${t.url}/v1/customers`, {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.alpha.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://portal.alpha.example');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    // Every header parameter of the spec may be sent from a portal (the change stream's Last-Event-ID too).
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').split(', ');
    for (const op of operations.values()) for (const p of op.parameters) if (p.in === 'header') assert.ok(allowed.includes(p.name), `${op.operationId}: ${p.name}`);
    assert.ok(allowed.includes('Last-Event-ID'));
    const refused = await fetch(`${t.url}/v1/customers`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const actual = await t.call('getMe', { token: t.tokens.alpha, headers: { origin: 'https://portal.alpha.example' } });
    assert.equal(actual.headers.get('access-control-allow-origin'), 'https://portal.alpha.example');
    assert.match(actual.headers.get('access-control-expose-headers') ?? '', /ETag/);
    // A download's file name is readable from the portal's origin.
    assert.match(actual.headers.get('access-control-expose-headers') ?? '', /Content-Disposition/);
  });

  it('serves the spec and a self-hosted API reference', async () => {
    const specResponse = await fetch(`${t.url}/openapi.json`);
    assert.equal((await specResponse.json()).openapi, '3.1.0');
    const page = await (await fetch(`${t.url}/docs`)).text();
    assert.match(page, /src="\/docs\/standalone.js"/);
    assert.doesNotMatch(page, /https?:\/\/cdn/);
    const script = await fetch(`${t.url}/docs/standalone.js`);
    assert.equal(script.status, 200);
    assert.ok((await script.text()).length > 100_000);
  });

  it('the spec makes If-Match required on every write to an existing object, each declaring 428', () => {
    // Ending one's own session changes no versioned object.
    const unversioned = new Set(['deleteCurrentSession']);
    for (const op of operations.values()) {
      const edits = ['patch', 'put', 'delete'].includes(op.method) && !unversioned.has(op.operationId);
      if (edits) assert.ok(op.requiresIfMatch, `${op.operationId} writes without requiring If-Match`);
      if (op.requiresIfMatch) assert.ok(op.responses['428'], `${op.operationId} requires If-Match but does not declare 428`);
      if (!op.requiresIfMatch) assert.ok(!op.parameters.some((p) => p.name === 'If-Match'), `${op.operationId} takes an optional If-Match`);
    }
  });

  it('the contract check catches answers the spec does not declare', () => {
    const headers = new Headers({ 'x-request-id': 'r1', 'content-type': 'application/json' });
    assert.throws(() => checkContract('getMe', 418, headers, {}, '{}'), /not declared/);
    assert.throws(() => checkContract('getMe', 200, headers, { user: 'nobody' }, '{}'), /header|does not match/);
  });
});
