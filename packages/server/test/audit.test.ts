/**
 * The audit trail: every write an authenticated caller attempts is recorded (who, what, which object, when, outcome,
 * request id), a succeeded write's record in the write's own transaction; the licensee reads everything, a billing
 * entity's admins their scope; filtered and paged like every list; nothing in the API changes or deletes a record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId, LOCAL_DEMO_ORIGINS } from '../src/areas/billing-entities/seed.js';
import { operations } from '../src/spec/document.js';
import { ADMINS, assertProblem, startTestServer, type CallResult, type TestServer } from './harness.js';
import { listOperationFor, pathParams, sampleBody } from './spec-samples.js';

const ALPHA = demoBillingEntityId('alpha');
const BETA = demoBillingEntityId('beta');
const LICENSEE = demoBillingEntityId('licensee');
const ORIGIN = LOCAL_DEMO_ORIGINS[0]!;

describe('audit trail', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 20 });
  });
  after(() => t.close());

  /** The records of one request, as the licensee reads them. */
  const recordsOf = async (result: CallResult) => {
    const requestId = result.headers.get('x-request-id')!;
    // The server's own ids: `req_` and 20 random hex digits.
    assert.match(requestId, /^req_[0-9a-f]{20}$/);
    const page = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { filter: `requestId = "${requestId}"` } });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    return page.body.items as any[];
  };
  const firstCustomerOf = async (billingEntityId: string) =>
    (await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: `billingEntityId = "${billingEntityId}"`, pageSize: 1 } })).body.items[0];

  it('records a write with its actor, operation, object, outcome and request id', async () => {
    const customer = await firstCustomerOf(ALPHA);
    const updated = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: customer.id }, body: { vatNumber: 'GB123' } });
    assert.equal(updated.status, 200);
    const me = (await t.call('getMe', { token: t.tokens.alpha })).body;
    const [record, ...more] = await recordsOf(updated);
    assert.equal(more.length, 0);
    assert.deepEqual(
      { ...record, id: undefined, occurredAt: undefined, sessionId: undefined },
      {
        id: undefined, occurredAt: undefined, sessionId: undefined,
        requestId: updated.headers.get('x-request-id'), operationId: 'updateCustomer', method: 'PATCH',
        path: `/v1/customers/${customer.id}`, objectType: 'customers', objectId: customer.id, outcome: 'SUCCEEDED',
        status: 200, problemCode: null, tokenType: 'SESSION', actorUserId: me.user.id, actorEmail: ADMINS.alpha,
        apiKeyId: null, origin: null, billingEntityId: ALPHA,
      },
    );
    assert.match(record.sessionId, /^[0-9a-f-]{36}$/);
    assert.ok(Math.abs(Date.parse(record.occurredAt) - Date.now()) < 60_000);
    const read = await t.call('getAuditRecord', { token: t.tokens.alpha, params: { auditRecordId: record.id } });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, record);
    assert.ok(read.headers.get('etag'));
  });

  it('a create names the object it made; reads, sign-in and idempotent replays are not recorded', async () => {
    const body = { organisationName: 'Audited Ltd', email: 'audited@example.com', adminUser: { firstName: 'A', lastName: 'D', email: 'admin@audited.example' } };
    const created = await t.call('createCustomer', { token: t.tokens.beta, body, headers: { 'idempotency-key': 'audit-create-1' } });
    assert.equal(created.status, 201);
    const [record] = await recordsOf(created);
    assert.deepEqual([record.operationId, record.objectType, record.objectId, record.status, record.billingEntityId], ['createCustomer', 'customers', created.body.id, 201, BETA]);
    const replay = await t.call('createCustomer', { token: t.tokens.beta, body, headers: { 'idempotency-key': 'audit-create-1' } });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await recordsOf(replay), []);
    assert.deepEqual(await recordsOf(await t.call('getCustomer', { token: t.tokens.beta, params: { customerId: created.body.id } })), []);
    assert.deepEqual(await recordsOf(await t.call('createSession', { body: { email: ADMINS.beta, password: 'demo-password' } })), []);
    assert.deepEqual(await recordsOf(await t.call('runReport', { token: t.tokens.beta, params: { reportId: 'revenue' }, body: { inputs: {} } })), []);
  });

  it('records refused and failed attempts with their status and problem code; the refused write changed nothing', async () => {
    const customer = await firstCustomerOf(ALPHA);
    const stale = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: customer.id }, body: { vatNumber: 'X' }, headers: { 'if-match': '"stale"' } });
    assertProblem(stale, 412, 'precondition_failed');
    assert.deepEqual((await recordsOf(stale)).map((r) => [r.outcome, r.status, r.problemCode, r.objectId]), [['FAILED', 412, 'precondition_failed', customer.id]]);
    const forbidden = await t.call('updateCluster', { token: t.tokens.alpha, params: { clusterId: '00000000-0000-4000-8000-000000000000' }, body: { name: 'x' } });
    assertProblem(forbidden, 403, 'forbidden');
    assert.deepEqual((await recordsOf(forbidden)).map((r) => [r.operationId, r.outcome, r.status, r.problemCode, r.billingEntityId]), [['updateCluster', 'FAILED', 403, 'forbidden', ALPHA]]);
    const invalid = await t.call('createCustomer', { token: t.tokens.alpha, body: { organisationName: '' } });
    assertProblem(invalid, 422, 'validation_failed');
    assert.deepEqual((await recordsOf(invalid)).map((r) => [r.outcome, r.objectId, r.problemCode]), [['FAILED', null, 'validation_failed']]);
    // Without a principal there is no one to record.
    assert.deepEqual(await recordsOf(await t.call('updateCustomer', { params: { customerId: customer.id }, body: { vatNumber: 'X' } })), []);
  });

  it('names the API key, or the embed session and its origin, a write was made with', async () => {
    const key = await t.call('createApiKey', { token: t.tokens.alpha, body: { name: 'audited backend', scopes: ['embed-sessions:create', 'customers:read', 'customers:write'] } });
    assert.equal(key.status, 201);
    assert.deepEqual((await recordsOf(key)).map((r) => [r.operationId, r.objectType, r.objectId]), [['createApiKey', 'api-keys', key.body.apiKey.id]]);
    const customer = await firstCustomerOf(ALPHA);
    const byKey = await t.call('changeCustomerStatus', { token: key.body.secret, params: { customerId: customer.id }, body: { status: 'ACTIVE' } });
    const [keyRecord] = await recordsOf(byKey);
    assert.deepEqual([keyRecord.tokenType, keyRecord.apiKeyId, keyRecord.actorEmail, keyRecord.sessionId, keyRecord.origin], ['API_KEY', key.body.apiKey.id, ADMINS.alpha, null, null]);
    const minted = await t.call('createEmbedSession', { token: key.body.secret, body: { userEmail: ADMINS.alpha, origin: ORIGIN, scopes: ['customers:read', 'customers:write'] } });
    assert.equal(minted.status, 201);
    const byEmbed = await t.call('updateCustomer', { token: minted.body.token, params: { customerId: customer.id }, body: { vatNumber: 'EMB1' }, headers: { origin: ORIGIN } });
    assert.equal(byEmbed.status, 200);
    const [embedRecord] = await recordsOf(byEmbed);
    assert.deepEqual([embedRecord.tokenType, embedRecord.origin, embedRecord.apiKeyId, embedRecord.actorEmail], ['EMBED', ORIGIN, null, ADMINS.alpha]);
    assert.match(embedRecord.sessionId, /^[0-9a-f-]{36}$/);
  });

  it('the licensee reads every record; a billing entity admin its own scope\'s only', async () => {
    assert.equal((await t.call('resetLayout', { token: t.tokens.licensee })).status, 200);
    const all = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { pageSize: 500 } });
    const owners = new Set(all.body.items.map((r: any) => r.billingEntityId));
    assert.ok(owners.has(ALPHA) && owners.has(BETA) && owners.has(LICENSEE), [...owners].join(', '));
    const alpha = await t.call('listAuditRecords', { token: t.tokens.alpha, query: { pageSize: 500 } });
    assert.ok(alpha.body.items.length > 0);
    assert.ok(alpha.body.items.every((r: any) => [ALPHA, demoBillingEntityId('alpha-kids')].includes(r.billingEntityId)));
    const betaRecord = all.body.items.find((r: any) => r.billingEntityId === BETA);
    assertProblem(await t.call('getAuditRecord', { token: t.tokens.alpha, params: { auditRecordId: betaRecord.id } }), 404, 'not_found');
    const licenseeRecord = (await t.call('listAuditRecords', { token: t.tokens.licensee, query: { filter: `billingEntityId = "${LICENSEE}"` } })).body.items[0];
    assertProblem(await t.call('getAuditRecord', { token: t.tokens.beta, params: { auditRecordId: licenseeRecord.id } }), 404, 'not_found');
  });

  it('filters, orders and pages like every list', async () => {
    const failed = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { filter: 'outcome = FAILED AND status >= 400', orderBy: 'status desc' } });
    assert.ok(failed.body.items.length >= 3);
    assert.ok(failed.body.items.every((r: any) => r.outcome === 'FAILED'));
    assert.deepEqual(failed.body.items.map((r: any) => r.status), [...failed.body.items.map((r: any) => r.status)].sort((a, b) => b - a));
    const newestFirst = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { pageSize: 500 } });
    const times = newestFirst.body.items.map((r: any) => r.occurredAt);
    assert.deepEqual(times, [...times].sort().reverse());
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { pageSize: 20, pageToken } });
      seen.push(...page.body.items.map((r: any) => r.id));
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    assert.deepEqual(seen, newestFirst.body.items.map((r: any) => r.id));
    const byActor = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { filter: `actorEmail = "${ADMINS.alpha}" AND operationId = "updateCustomer"` } });
    assert.ok(byActor.body.items.length >= 2 && byActor.body.items.every((r: any) => r.actorEmail === ADMINS.alpha && r.operationId === 'updateCustomer'));
    assertProblem(await t.call('listAuditRecords', { token: t.tokens.licensee, query: { filter: 'colour = "red"' } }), 400, 'invalid_filter');
  });

  it('records cannot be changed or deleted through the API', async () => {
    const paths = [...operations.values()].filter((op) => op.path.startsWith('/v1/audit-records'));
    assert.deepEqual(paths.map((op) => op.method).sort(), ['get', 'get'], 'the spec has no write on audit records');
    const record = (await t.call('listAuditRecords', { token: t.tokens.licensee, query: { pageSize: 1 } })).body.items[0];
    const before = await t.call('getAuditRecord', { token: t.tokens.licensee, params: { auditRecordId: record.id } });
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
      const response = await fetch(`${t.url}/v1/audit-records/${record.id}`, {
        method,
        headers: { authorization: `Bearer ${t.tokens.licensee}`, 'content-type': 'application/json', 'if-match': before.headers.get('etag')! },
        body: method === 'DELETE' ? null : JSON.stringify({ outcome: 'SUCCEEDED' }),
      });
      assert.equal(response.status, 404, method);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
    const afterwards = await t.call('getAuditRecord', { token: t.tokens.licensee, params: { auditRecordId: record.id } });
    assert.deepEqual(afterwards.body, before.body);
  });

  it('the licensee\'s default Platform tab has the audit log; billing entity admins can add it', async () => {
    const licensee = (await t.call('getLayout', { token: t.tokens.licensee })).body;
    assert.ok(licensee.tabs.find((tab: any) => tab.id === 'platform').widgets.some((w: any) => w.type === 'fco-audit-log'));
    const beta = await t.call('getLayout', { token: t.tokens.beta });
    assert.ok(!JSON.stringify(beta.body).includes('fco-audit-log'));
    const tabs = [{ id: 'trail', title: 'Trail', widgets: [{ id: 'audit-log', type: 'fco-audit-log' }] }];
    const saved = await t.call('replaceLayout', { token: t.tokens.beta, body: { tabs }, headers: { 'if-match': beta.headers.get('etag')! } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  });

  // Writes, read from the spec: everything but GETs that a signed-in caller does. POSTs that need read scopes only
  // compute an answer and change nothing; they are named here, so a new one is a decision, not an accident.
  const READING_POSTS = ['checkFdlCode', 'exportReport', 'runReport'];
  const signedIn = [...operations.values()].filter((op) => op.requiredScopes !== null && op.method !== 'get');
  const writes = signedIn.filter((op) => !READING_POSTS.includes(op.operationId));

  // Last: it writes with every operation, deletes included.
  it('every write operation of the spec records exactly one record per attempt, with the outcome the caller was given', async () => {
    assert.deepEqual(signedIn.filter((op) => op.requiredScopes!.length > 0 && op.requiredScopes!.every((s) => s.endsWith(':read'))).map((op) => op.operationId).sort(), READING_POSTS);
    assert.ok(writes.length >= 40, `only ${writes.length} writes`);
    /**
     * A real id for each path parameter: the first item of the list it comes from (looked up once; a later delete
     * makes it an attempt on nothing, which is recorded all the same), or an id of nothing.
     */
    const known = new Map<string, string>();
    const paramsOf = async (op: (typeof writes)[number]) => {
      const params: Record<string, string> = {};
      for (const name of pathParams(op)) {
        const list = listOperationFor(op, name);
        const key = `${list.operationId}:${JSON.stringify(params)}`;
        if (!known.has(key)) {
          const item = (await t.call(list.operationId, { token: t.tokens.licensee, params, query: { pageSize: 1 } })).body.items?.[0];
          known.set(key, item?.[name] ?? item?.id ?? '00000000-0000-4000-8000-000000000000');
        }
        params[name] = known.get(key)!;
      }
      return params;
    };
    // Signing out ends the token the others use: it goes last, with a token of its own.
    const ordered = [...writes.filter((op) => op.operationId !== 'deleteCurrentSession'), operations.get('deleteCurrentSession')!, ...signedIn.filter((op) => !writes.includes(op))];
    const since = new Date().toISOString();
    const attempts: { op: (typeof ordered)[number]; result: CallResult }[] = [];
    for (const op of ordered) {
      const token = op.operationId === 'deleteCurrentSession' ? await t.login(ADMINS.licensee) : t.tokens.licensee;
      attempts.push({ op, result: await t.call(op.operationId, { token, params: await paramsOf(op), body: sampleBody(op, () => null) }) });
    }
    const byRequest = new Map<string, any[]>();
    const trail = await t.call('listAuditRecords', { token: t.tokens.licensee, query: { pageSize: 500, filter: `occurredAt >= "${since}"` } });
    assert.equal(trail.body.nextPageToken, null);
    for (const record of trail.body.items) byRequest.set(record.requestId, [...(byRequest.get(record.requestId) ?? []), record]);
    const outcomes = new Set<string>();
    for (const { op, result } of attempts) {
      const records = byRequest.get(result.headers.get('x-request-id')!) ?? [];
      const what = `${op.operationId} (${result.status} ${JSON.stringify(result.body)?.slice(0, 200)})`;
      if (!writes.includes(op)) {
        assert.deepEqual(records, [], `${what}: only reads`);
        continue;
      }
      assert.equal(records.length, 1, what);
      const [record] = records;
      const succeeded = result.status < 400;
      assert.deepEqual(
        [record.operationId, record.method, record.status, record.outcome, record.problemCode],
        [op.operationId, op.method.toUpperCase(), result.status, succeeded ? 'SUCCEEDED' : 'FAILED', succeeded ? null : result.body.code],
        what,
      );
      outcomes.add(record.outcome);
    }
    assert.deepEqual([...outcomes].sort(), ['FAILED', 'SUCCEEDED']);
  });
});

describe('audit trail and the write it records', () => {
  it('share one transaction: when the record cannot be written, the write is undone', async () => {
    const t = await startTestServer({ customers: 5 });
    try {
      await t.server.store.alterTables((db) => db.schema.dropTable('audit_records').execute());
      const response = await fetch(`${t.url}/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokens.licensee}`, 'content-type': 'application/json' },
        body: JSON.stringify({ organisationName: 'Never Audited', email: 'never@audited.example', adminUser: { firstName: 'N', lastName: 'A', email: 'admin@never.example' } }),
      });
      assert.equal(response.status, 500);
      const found = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: 'organisationName = "Never Audited"' } });
      assert.equal(found.body.items.length, 0, 'the customer was created without its audit record');
    } finally {
      await t.close();
    }
  });
});
