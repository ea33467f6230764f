/**
 * The tenancy matrix, driven by the spec: every operation × {anonymous, expired, revoked, wrong-origin embed token,
 * disabled billing entity's admin, licensee, BE-A admin, BE-B admin} × objects of other tenants. A new operation in
 * the spec is covered without editing this file.
 *
 * @sqlite-only Who may call what is decided before the store is asked; the store's scoped queries are checked on
 * both dialects by tenancy.test.ts (every operation against another tenant's objects) and each area's own suite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId, LOCAL_DEMO_ORIGINS } from '../src/areas/billing-entities/seed.js';
import { sessionScopes } from '../src/identity/scopes.js';
import { operations, spec, type OperationSpec } from '../src/spec/document.js';
import { widgetsMayCall } from '../src/spec/widgets.js';
import { ADMINS, assertProblem, startTestServer, type CallOptions, type TestServer } from './harness.js';
import { listOperationFor, ownerField, pathParams, readOperationFor, sampleBody } from './spec-samples.js';

const LICENSEE = demoBillingEntityId('licensee');
const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');
const GAMMA = demoBillingEntityId('gamma');
const ALPHA_SCOPE = new Set([ALPHA, ALPHA_KIDS]);
const EMBED_ORIGIN = LOCAL_DEMO_ORIGINS[0]!;
const STALE_ETAG = '"stale-etag"';
const NOWHERE = '00000000-0000-4000-8000-000000000000';

const ALL = [...operations.values()];
/** Objects owned elsewhere but shared with one of these billing entities (images published to them). */
const sharedWith = (item: any, scope: ReadonlySet<string>) =>
  Array.isArray(item.publishedTo) && item.publishedTo.some((p: any) => scope.has(p.billingEntityId) && !p.exclude);
const isPublic = (op: OperationSpec) => op.requiredScopes === null;
const beAdminMay = (op: OperationSpec) => op.requiredScopes!.every((s) => sessionScopes('BE_ADMIN').includes(s as never));
const licenseeMay = (op: OperationSpec) => op.requiredScopes!.every((s) => sessionScopes('LICENSEE_ADMIN').includes(s as never));
const takesIfMatch = (op: OperationSpec) => op.parameters.some((p) => p.in === 'header' && p.name === 'If-Match');
/** Reads: GETs, and POSTs that need read scopes only (running a report). */
const isRead = (op: OperationSpec) => op.method === 'get' || op.requiredScopes!.every((s) => s.endsWith(':read'));
/** The list a path parameter of this name comes from (first operation that has it). */
const listForParam = new Map<string, OperationSpec>();
for (const op of ALL) for (const p of pathParams(op)) if (!listForParam.has(p)) listForParam.set(p, listOperationFor(op, p));

describe('tenancy matrix', () => {
  let t: TestServer;
  let clock = 0;
  /** Ids per tenant, keyed by path parameter name (for nested lists, by "operationId:param"). */
  const ids: Record<'alpha' | 'beta', Map<string, string>> = { alpha: new Map(), beta: new Map() };
  const tokens: Record<string, string> = {};

  /** A real object of a tenant for a path parameter: its billing entity's first item of the matching list. */
  async function resolveId(op: OperationSpec, param: string, tenant: 'alpha' | 'beta', known: Record<string, string>): Promise<string> {
    const list = listOperationFor(op, param);
    const owner = ownerField(list);
    const be = tenant === 'alpha' ? ALPHA : BETA;
    const key = list.path.includes('{') ? `${list.operationId}:${param}:${JSON.stringify(known)}` : param;
    const cached = ids[tenant].get(key);
    if (cached) return cached;
    let id: string | undefined;
    if (owner === 'id') id = be;
    else {
      const query: CallOptions['query'] = { pageSize: 1 };
      if (owner) query.filter = `${owner} = "${be}"`;
      query.pageSize = 100;
      const page = await t.call(list.operationId, { token: t.tokens.licensee, query, params: known });
      assert.equal(page.status, 200, `${list.operationId}: ${JSON.stringify(page.body)}`);
      // Not one the other tenant may legitimately read (an image published to it).
      const other = tenant === 'alpha' ? new Set([BETA]) : ALPHA_SCOPE;
      const item = page.body.items.find((i: any) => !sharedWith(i, other));
      id = item?.[param] ?? item?.id;
      if (!id && !owner) id = be; // a nested list with nothing in it yet (publications): name the tenant itself
    }
    assert.ok(id, `no ${param} of ${tenant} in ${list.operationId}`);
    ids[tenant].set(key, id);
    return id;
  }

  async function paramsFor(op: OperationSpec, tenant: 'alpha' | 'beta'): Promise<Record<string, string>> {
    const params: Record<string, string> = {};
    for (const name of pathParams(op)) params[name] = await resolveId(op, name, tenant, { ...params });
    return params;
  }

  /** Body ids always name alpha's own objects, so only the path decides whose object is addressed. */
  const alphaIdFor = (name: string) => (name === 'billingEntityId' ? ALPHA : ids.alpha.get(name) ?? null);
  const bodyOf = (op: OperationSpec) => sampleBody(op, alphaIdFor);

  before(async () => {
    t = await startTestServer({ customers: 40, now: () => new Date(Date.now() + clock) });
    const licensee = t.tokens.licensee;
    // Give beta and alpha an API key each, so api-key ids exist for both tenants.
    for (const tenant of ['alpha', 'beta'] as const) {
      const key = await t.call('createApiKey', { token: t.tokens[tenant], body: { name: `${tenant} key`, scopes: ['customers:read'] } });
      assert.equal(key.status, 201);
    }
    // Expired: a session opened two days ago (the default lifetime is hours).
    clock = -2 * 86400_000;
    tokens.expired = await t.login(ADMINS.alpha);
    clock = 0;
    tokens.revoked = await t.login(ADMINS.alpha);
    assert.equal((await t.call('deleteCurrentSession', { token: tokens.revoked })).status, 204);
    // An embed token minted properly (API key → embed session) for an allowed origin, then used from another.
    const apiKey = await t.call('createApiKey', {
      token: licensee,
      body: { name: 'embedding backend', scopes: [...sessionScopes('LICENSEE_ADMIN'), 'embed-sessions:create'] },
    });
    assert.equal(apiKey.status, 201, JSON.stringify(apiKey.body));
    const embed = await t.call('createEmbedSession', {
      token: apiKey.body.secret,
      body: { userEmail: ADMINS.alpha, origin: EMBED_ORIGIN, scopes: sessionScopes('BE_ADMIN') },
    });
    assert.equal(embed.status, 201, JSON.stringify(embed.body));
    tokens.embed = embed.body.token;
    assert.equal((await t.call('getMe', { token: tokens.embed, headers: { origin: EMBED_ORIGIN } })).status, 200, 'the embed token works from its origin');
    // Gamma's Admin page is off, so its admin cannot log in: open a session (and a key) while on, then switch it off.
    const toggle = (adminPageEnabled: boolean) =>
      t.call('updateBillingEntity', { token: licensee, params: { billingEntityId: GAMMA }, body: { adminPageEnabled } });
    assert.equal((await toggle(true)).status, 200);
    tokens.gamma = await t.login(ADMINS.gamma);
    const gammaKey = await t.call('createApiKey', { token: tokens.gamma, body: { name: 'gamma key', scopes: sessionScopes('BE_ADMIN') } });
    assert.equal(gammaKey.status, 201);
    tokens.gammaKey = gammaKey.body.secret;
    assert.equal((await toggle(false)).status, 200);
    // Each tenant's image gets a publication, so publication ids exist for both (to billing entities outside alpha).
    for (const [tenant, to] of [['alpha', ALPHA_KIDS], ['beta', GAMMA]] as const) {
      const params = await paramsFor(operations.get('publishImage')!, tenant);
      const published = await t.call('publishImage', { token: licensee, params, body: { billingEntityId: to } });
      assert.ok([201, 409].includes(published.status), JSON.stringify(published.body));
    }
    // Resolve every tenant-owned id up front (alpha first: bodies refer to alpha's ids).
    for (const tenant of ['alpha', 'beta'] as const) for (const op of ALL) await paramsFor(op, tenant);
  });
  after(() => t.close());

  it('covers every operation of the spec', () => {
    const inSpec = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).length, 0);
    assert.equal(ALL.length, inSpec);
    assert.ok(ALL.length >= 100);
  });

  for (const [who, expected] of [
    ['anonymous', 'unauthenticated'],
    ['expired', 'token_expired'],
    ['revoked', 'unauthenticated'],
    ['embed', 'origin_not_allowed'],
  ] as const) {
    it(`${who}: 401 ${expected} on every non-public operation`, async () => {
      for (const op of ALL.filter((o) => !isPublic(o))) {
        const token = who === 'anonymous' ? null : tokens[who]!;
        const headers: Record<string, string> = who === 'embed' ? { origin: 'https://evil.example' } : {};
        const result = await t.call(op.operationId, { token, headers, params: await paramsFor(op, 'beta'), body: bodyOf(op) });
        assertProblem(result, 401, expected);
        assert.match(result.headers.get('www-authenticate') ?? '', /^Bearer/, op.operationId);
      }
    });
  }

  it('a widget-limited embed token reaches exactly its widgets\' operations on every operation, whatever the headers say', async () => {
    const backend = await t.call('createApiKey', {
      token: t.tokens.licensee,
      body: { name: 'widget-limited backend', scopes: [...sessionScopes('LICENSEE_ADMIN'), 'embed-sessions:create'] },
    });
    for (const widgets of [['fco-customers'], ['fco-admin-page', 'fco-clusters', 'fco-reports']]) {
      const minted = await t.call('createEmbedSession', {
        token: backend.body.secret,
        body: { userEmail: ADMINS.licensee, origin: EMBED_ORIGIN, scopes: sessionScopes('LICENSEE_ADMIN'), widgets },
      });
      assert.equal(minted.status, 201, JSON.stringify(minted.body));
      let allowed = 0;
      // Logging out would end the token: it goes last.
      for (const op of [...ALL.filter((o) => !isPublic(o) && o.operationId !== 'deleteCurrentSession'), operations.get('deleteCurrentSession')!]) {
        const may = widgetsMayCall(widgets, op.operationId);
        // Ids of nothing and an empty body: an allowed call stops at 404 or 422, so nothing changes.
        const params = Object.fromEntries(pathParams(op).map((p) => [p, NOWHERE]));
        const claimsAll = { origin: EMBED_ORIGIN, 'x-fco-widget': 'fco-admin-provider' };
        const result = await t.call(op.operationId, { token: minted.body.token, headers: claimsAll, params, ...(op.requestBody ? { body: {} } : {}) });
        const refusedForWidgets = result.status === 403 && /none of them calls/.test(result.body.detail);
        const what = `${widgets.join('+')} → ${op.operationId}: ${result.status} ${JSON.stringify(result.body)}`;
        if (may) {
          assert.ok(!refusedForWidgets, what);
          allowed++;
        } else {
          assertProblem(result, 403, 'forbidden');
          // The token holds every scope a session may; only the widgets can refuse what those scopes allow.
          if (beAdminMay(op) || licenseeMay(op)) assert.ok(refusedForWidgets, what);
        }
      }
      assert.ok(allowed >= 3 && allowed < ALL.length / 4, `${widgets.join('+')}: ${allowed} operations allowed`);
    }
  });

  it('the embed token without an Origin header is refused too', async () => {
    assertProblem(await t.call('getMe', { token: tokens.embed }), 401, 'origin_not_allowed');
  });

  it('a disabled billing entity\'s admin: 403 on every operation (session and API key), login refused', async () => {
    for (const op of ALL.filter((o) => !isPublic(o))) {
      for (const token of [tokens.gamma!, tokens.gammaKey!]) {
        assertProblem(await t.call(op.operationId, { token, params: await paramsFor(op, 'beta'), body: bodyOf(op) }), 403, 'forbidden');
      }
    }
    assertProblem(await t.call('createSession', { body: { email: ADMINS.gamma, password: 'demo-password' } }), 403, 'forbidden');
  });

  it('public operations ignore the caller\'s token and keep their own rules', async () => {
    for (const token of [null, tokens.expired!, tokens.revoked!, tokens.gamma!]) {
      const login = await t.call('createSession', { token, body: { email: ADMINS.beta, password: 'demo-password' } });
      assert.equal(login.status, 201);
      assertProblem(await t.call('createSession', { token, body: { email: ADMINS.beta, password: 'wrong-password' } }), 401, 'invalid_credentials');
    }
    const signup = (n: number) => ({ organisationName: `Matrix ${n}`, email: `m${n}@matrix.example`, firstName: 'M', lastName: 'X', password: 'correct-horse-battery' });
    assert.equal((await t.call('signUpCustomer', { token: tokens.expired, params: { billingEntityId: ALPHA }, body: signup(1) })).status, 201);
    assertProblem(await t.call('signUpCustomer', { params: { billingEntityId: '00000000-0000-4000-8000-000000000000' }, body: signup(2) }), 404, 'not_found');
  });

  it('licensee-only operations: 403 for billing entity admins, allowed for the licensee', async () => {
    const licenseeOnly = ALL.filter((o) => !isPublic(o) && !beAdminMay(o) && licenseeMay(o));
    assert.ok(licenseeOnly.some((o) => o.operationId === 'signFdlCodeBlock') && licenseeOnly.some((o) => o.requiredScopes!.includes('hardware:read')));
    for (const op of licenseeOnly) {
      for (const tenant of ['alpha', 'beta'] as const) {
        const result = await t.call(op.operationId, { token: t.tokens[tenant], params: await paramsFor(op, tenant), body: bodyOf(op) });
        assertProblem(result, 403, 'forbidden');
      }
    }
  });

  it('the licensee reaches every tenant\'s objects (reads 200; writes stop only at a stale If-Match)', async () => {
    for (const op of ALL.filter((o) => !isPublic(o) && pathParams(o).length)) {
      const params = await paramsFor(op, 'beta');
      if (!licenseeMay(op)) continue;
      if (isRead(op)) {
        const result = await t.call(op.operationId, { token: t.tokens.licensee, params, body: bodyOf(op) });
        assert.ok([200, 409].includes(result.status), `${op.operationId}: ${JSON.stringify(result.body)}`);
      } else if (takesIfMatch(op)) {
        const result = await t.call(op.operationId, { token: t.tokens.licensee, params, body: bodyOf(op), headers: { 'if-match': STALE_ETAG } });
        assert.ok([409, 412].includes(result.status), `${op.operationId}: ${result.status} ${JSON.stringify(result.body)}`);
      }
    }
  });

  it('a billing entity admin gets 404 on another tenant\'s objects for every operation, and nothing changes', async () => {
    const checked: string[] = [];
    for (const op of ALL.filter((o) => !isPublic(o) && pathParams(o).length && beAdminMay(o))) {
      const params = await paramsFor(op, 'beta');
      const tenantOwned = pathParams(op).some((p) => ownerField(listForParam.get(p)!) !== null);
      if (!tenantOwned) continue; // reports: the catalogue is shared; its tenancy lives in the inputs (below)
      const read = readOperationFor(op)!;
      const readParams = Object.fromEntries(pathParams(read).map((p) => [p, params[p]!]));
      const before = await t.call(read.operationId, { token: t.tokens.licensee, params: readParams });
      assert.equal(before.status, 200, `${read.operationId}`);
      const attempts: Record<string, string>[] = takesIfMatch(op) ? [{ 'if-match': STALE_ETAG }, { 'if-match': before.headers.get('etag')! }] : [{}];
      for (const headers of attempts) {
        const result = await t.call(op.operationId, { token: t.tokens.alpha, params, body: bodyOf(op), headers });
        assertProblem(result, 404, 'not_found');
      }
      // Without If-Match the answer is the same 428 as for the caller's own objects: it tells no tenant apart.
      if (takesIfMatch(op)) assertProblem(await t.call(op.operationId, { token: t.tokens.alpha, params, body: bodyOf(op), blind: true }), 428, 'precondition_required');
      const afterwards = await t.call(read.operationId, { token: t.tokens.licensee, params: readParams });
      assert.equal(afterwards.status, 200, `${op.operationId} removed another tenant's object`);
      assert.equal(afterwards.headers.get('etag'), before.headers.get('etag'), `${op.operationId} changed another tenant's object`);
      checked.push(op.operationId);
    }
    assert.ok(checked.length >= 40, `only ${checked.length} operations checked`);
    // Beta's admin is refused alpha's objects the same way (reads suffice: the write path is the same code).
    for (const op of ALL.filter((o) => !isPublic(o) && o.method === 'get' && pathParams(o).length && beAdminMay(o))) {
      if (!pathParams(op).some((p) => ownerField(listForParam.get(p)!) !== null)) continue;
      assertProblem(await t.call(op.operationId, { token: t.tokens.beta, params: await paramsFor(op, 'alpha') }), 404, 'not_found');
    }
  });

  it('a child billing entity\'s admin gets 404 on its parent\'s objects, except images that reach it, which it may only read', async () => {
    const kids = await t.login(ADMINS.kids);
    /** The spec's rule: the publication entry nearest to Alpha Kids, up its lineage, decides. */
    const reachesKids = (publishedTo: Array<{ billingEntityId: string; exclude: boolean }>) => {
      for (const be of [ALPHA_KIDS, ALPHA, LICENSEE]) {
        const entry = publishedTo.find((p) => p.billingEntityId === be);
        if (entry) return !entry.exclude;
      }
      return false;
    };
    const seen = { hidden: 0, shared: 0 };
    for (const op of ALL.filter((o) => !isPublic(o) && pathParams(o).length && beAdminMay(o))) {
      if (!pathParams(op).some((p) => ownerField(listForParam.get(p)!) !== null)) continue;
      const params = await paramsFor(op, 'alpha');
      const read = readOperationFor(op)!;
      const readParams = Object.fromEntries(pathParams(read).map((p) => [p, params[p]!]));
      const before = await t.call(read.operationId, { token: t.tokens.licensee, params: readParams });
      const image = params.imageId ? (await t.call('getImage', { token: t.tokens.licensee, params: { imageId: params.imageId } })).body : null;
      const headers: Record<string, string> = takesIfMatch(op) ? { 'if-match': before.headers.get('etag')! } : {};
      const result = await t.call(op.operationId, { token: kids, params, body: bodyOf(op), headers });
      const what = `${op.operationId}: ${result.status} ${JSON.stringify(result.body)}`;
      if (image && reachesKids(image.publishedTo)) {
        // Shared down to it: readable; editing, sharing and revoking stay with the owner.
        if (isRead(op)) assert.equal(result.status, 200, what);
        else assertProblem(result, 403, 'forbidden');
        seen.shared++;
      } else {
        assertProblem(result, 404, 'not_found');
        seen.hidden++;
      }
      const afterwards = await t.call(read.operationId, { token: t.tokens.licensee, params: readParams });
      assert.equal(afterwards.headers.get('etag'), before.headers.get('etag'), `${op.operationId} changed its parent's object`);
    }
    assert.ok(seen.hidden >= 40 && seen.shared >= 3, JSON.stringify(seen));
  });

  it('a billing entity admin reaches its own objects (reads 200; writes stop only at a stale If-Match)', async () => {
    for (const op of ALL.filter((o) => !isPublic(o) && pathParams(o).length && beAdminMay(o))) {
      const params = await paramsFor(op, 'alpha');
      if (isRead(op)) {
        const result = await t.call(op.operationId, { token: t.tokens.alpha, params, body: bodyOf(op) });
        // 409: the object is there but its state has no such view (a PENDING invoice's PDF).
        assert.ok([200, 409].includes(result.status), `${op.operationId}: ${JSON.stringify(result.body)}`);
      } else if (takesIfMatch(op)) {
        const result = await t.call(op.operationId, { token: t.tokens.alpha, params, body: bodyOf(op), headers: { 'if-match': STALE_ETAG } });
        assert.ok([409, 412].includes(result.status), `${op.operationId}: ${result.status} ${JSON.stringify(result.body)}`);
      }
    }
  });

  it('every write to a versioned object refuses to run without If-Match (428), and nothing changes', async () => {
    const writes = ALL.filter((o) => o.requiresIfMatch);
    assert.ok(writes.length >= 30, `only ${writes.length} operations require If-Match`);
    for (const op of writes) {
      const token = beAdminMay(op) ? t.tokens.alpha : t.tokens.licensee;
      const params = await paramsFor(op, 'alpha');
      const read = readOperationFor(op)!;
      const readParams = Object.fromEntries(pathParams(read).map((p) => [p, params[p]!]));
      const before = await t.call(read.operationId, { token, params: readParams });
      for (const headers of [{}, { 'if-match': '' }, { 'if-match': '  ' }] as Record<string, string>[]) {
        const result = await t.call(op.operationId, { token, params, body: bodyOf(op), headers, blind: true });
        assertProblem(result, 428, 'precondition_required');
        assert.deepEqual(result.body.errors, [{ location: 'header', pointer: 'If-Match', code: 'required', message: 'is required' }]);
      }
      const afterwards = await t.call(read.operationId, { token, params: readParams });
      assert.equal(afterwards.headers.get('etag'), before.headers.get('etag'), `${op.operationId} changed something without If-Match`);
    }
  });

  it('bodies naming another tenant\'s objects are answered exactly as ids that do not exist', async () => {
    const betaIdFor = (name: string) => (name === 'billingEntityId' ? BETA : ids.beta.get(name) ?? null);
    const nowhereIdFor = () => NOWHERE;
    let checked = 0;
    for (const op of ALL.filter((o) => !isPublic(o) && o.requestBody && beAdminMay(o))) {
      const own = JSON.stringify(sampleBody(op, alphaIdFor));
      const body = sampleBody(op, betaIdFor);
      if (JSON.stringify(body) === own) continue; // the body names no tenant object
      const params = await paramsFor(op, 'alpha');
      const result = await t.call(op.operationId, { token: t.tokens.alpha, params, body });
      const missing = await t.call(op.operationId, { token: t.tokens.alpha, params, body: sampleBody(op, nowhereIdFor) });
      // One convention: a 422 pointing at the field that names the object, whether it is another tenant's or none at all.
      assertProblem(result, 422, 'validation_failed');
      assert.ok(result.body.errors.some((e: any) => e.location === 'body' && e.code === 'not_found'), `${op.operationId}: ${JSON.stringify(result.body)}`);
      const shape = (r: typeof result) => [r.status, r.body.code, (r.body.errors ?? []).map((e: any) => [e.pointer, e.code])];
      assert.deepEqual(shape(result), shape(missing), `${op.operationId}: another tenant's id is told apart from a missing one`);
      checked++;
    }
    assert.ok(checked >= 3, `only ${checked} bodies name tenant objects`);
    for (const report of ['runReport', 'exportReport']) {
      for (const inputs of [{ billingEntityId: BETA }, { billingEntityId: NOWHERE }, { customerId: NOWHERE }]) {
        const result = await t.call(report, { token: t.tokens.alpha, params: { reportId: 'unit-usage' }, body: { inputs } });
        assertProblem(result, 422, 'validation_failed');
        assert.deepEqual(result.body.errors.map((e: any) => [e.pointer, e.code]), [[`/inputs/${Object.keys(inputs)[0]}`, 'not_found']]);
      }
    }
  });

  it('the audit trail: the licensee reads every tenant\'s records, a billing entity admin its own scope\'s, and no operation writes one', async () => {
    const auditOps = ALL.filter((o) => o.path.startsWith('/v1/audit-records'));
    assert.deepEqual(auditOps.map((o) => `${o.method} ${o.operationId}`).sort(), ['get getAuditRecord', 'get listAuditRecords']);
    assert.ok(auditOps.every(beAdminMay), 'billing entity admins read their own trail');
    const trail = (token: string, filter?: string) => t.call('listAuditRecords', { token, query: { pageSize: 500, ...(filter ? { filter } : {}) } });
    const ownersOf = async (token: string) => new Set<string>((await trail(token)).body.items.map((r: any) => r.billingEntityId as string));
    for (const be of [LICENSEE, ALPHA, BETA]) {
      assert.ok((await trail(t.tokens.licensee, `billingEntityId = "${be}"`)).body.items.length > 0, `the licensee misses ${be}'s records`);
    }
    assert.deepEqual([...(await ownersOf(t.tokens.alpha))].filter((be) => !ALPHA_SCOPE.has(be)), []);
    assert.deepEqual([...(await ownersOf(t.tokens.beta))], [BETA]);
    // Each admin's own writes are in its trail; the other tenant's records are not found, one by one.
    const betaRecord = (await trail(t.tokens.licensee, `billingEntityId = "${BETA}"`)).body.items[0];
    const alphaRecord = (await trail(t.tokens.alpha)).body.items[0];
    assertProblem(await t.call('getAuditRecord', { token: t.tokens.alpha, params: { auditRecordId: betaRecord.id } }), 404, 'not_found');
    assertProblem(await t.call('getAuditRecord', { token: t.tokens.beta, params: { auditRecordId: alphaRecord.id } }), 404, 'not_found');
    for (const token of [t.tokens.alpha, t.tokens.licensee]) assert.equal((await t.call('getAuditRecord', { token, params: { auditRecordId: alphaRecord.id } })).status, 200);
  });

  it('lists never show another tenant\'s objects, whatever the filter or page token', async () => {
    for (const op of ALL.filter((o) => o.list && beAdminMay(o))) {
      const list = op.list!;
      const owner = ownerField(op);
      if (!owner) continue;
      const params = await paramsFor(op, 'alpha');
      // An item's tenant, or alpha's own when it is shared with alpha (an image published to it).
      const ownersOf = (items: any[]) => items.map((item) => (sharedWith(item, ALPHA_SCOPE) ? ALPHA : (item[owner] as string)));
      const leaks = (items: any[]) => items.flatMap((item) => (item.publishedTo ?? []).filter((p: any) => !ALPHA_SCOPE.has(p.billingEntityId)));
      const mine = await t.call(op.operationId, { token: t.tokens.alpha, params, query: { pageSize: 500 } });
      assert.equal(mine.status, 200);
      for (const be of ownersOf(mine.body.items)) assert.ok(ALPHA_SCOPE.has(be), `${op.operationId} shows an object of ${be}`);
      assert.deepEqual(leaks(mine.body.items), [], `${op.operationId} names other tenants' publications`);
      // Filters naming beta explicitly find nothing (and no error that would confirm beta exists).
      const filters = list.filterable.includes(owner)
        ? [`${owner} = "${BETA}"`, `${owner} = "${BETA}" OR ${owner} != "${ALPHA}"`, `NOT ${owner} = "${ALPHA}"`]
        : [`name = "Beta Hosting"`];
      for (const filter of filters) {
        const page = await t.call(op.operationId, { token: t.tokens.alpha, params, query: { filter, pageSize: 500 } });
        assert.equal(page.status, 200, `${op.operationId} ${filter}: ${JSON.stringify(page.body)}`);
        for (const be of ownersOf(page.body.items)) assert.ok(ALPHA_SCOPE.has(be), `${op.operationId} ${filter} shows ${be}`);
        if (filter.includes(`= "${BETA}"`) && !filter.includes('OR')) assert.equal(page.body.items.filter((i: any) => !sharedWith(i, ALPHA_SCOPE)).length, 0, `${op.operationId} ${filter}`);
      }
      // A page token of the licensee's list, replayed by alpha, pages alpha's scope only.
      const wide = await t.call(op.operationId, { token: t.tokens.licensee, params: await paramsFor(op, 'alpha'), query: { pageSize: 1 } });
      const pageToken = wide.body.nextPageToken;
      if (!pageToken) continue;
      const replay = await t.call(op.operationId, { token: t.tokens.alpha, params, query: { pageSize: 500, pageToken } });
      assert.ok([200, 400].includes(replay.status), `${op.operationId}: ${replay.status}`);
      if (replay.status === 200) for (const be of ownersOf(replay.body.items)) assert.ok(ALPHA_SCOPE.has(be), `${op.operationId} page token widened to ${be}`);
    }
    // The licensee, by contrast, sees more than alpha's scope.
    const all = await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 500 } });
    assert.ok(all.body.items.some((c: any) => c.billingEntityId === BETA) && all.body.items.some((c: any) => c.billingEntityId === LICENSEE));
  });
});
