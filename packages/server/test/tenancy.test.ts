import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { ADMINS, assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';

const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');

describe('tenancy', () => {
  let t: TestServer;
  let alphaCustomer: any;
  let betaCustomer: any;
  let betaUser: any;

  before(async () => {
    t = await startTestServer();
    const alpha = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: `billingEntityId = "${ALPHA}"`, pageSize: 1 } });
    alphaCustomer = alpha.body.items[0];
    const beta = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: `billingEntityId = "${BETA}"`, pageSize: 1 } });
    betaCustomer = beta.body.items[0];
    betaUser = (await t.call('listUsers', { token: t.tokens.licensee, query: { filter: `billingEntityId = "${BETA}"`, pageSize: 1 } })).body.items[0];
    assert.ok(alphaCustomer && betaCustomer && betaUser);
  });
  after(() => t.close());

  it('licensee admins see every billing entity', async () => {
    const all = await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 500 } });
    assert.equal(all.status, 200);
    assert.equal(all.body.totalSize, 120);
    assert.ok(new Set(all.body.items.map((c: any) => c.billingEntityId)).size >= 4);
  });

  it('a billing entity admin sees its own billing entity and its descendants only', async () => {
    for (const operationId of ['listCustomers', 'listUsers']) {
      const page = await t.call(operationId, { token: t.tokens.alpha, query: { pageSize: 500 } });
      assert.equal(page.status, 200);
      assert.ok(page.body.totalSize > 0);
      const owners = new Set(page.body.items.map((c: any) => c.billingEntityId));
      assert.deepEqual([...owners].sort(), [ALPHA, ALPHA_KIDS].sort(), operationId);
    }
  });

  it('filters cannot widen the scope', async () => {
    const other = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter: `billingEntityId = "${BETA}" OR status != DELETED` } });
    assert.ok(other.body.items.every((c: any) => c.billingEntityId !== BETA));
    const only = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter: `billingEntityId = "${BETA}"` } });
    assert.equal(only.body.totalSize, 0);
  });

  it('another tenant\'s objects answer 404 on every operation', async () => {
    const token = t.tokens.alpha;
    const params = { customerId: betaCustomer.id };
    assertProblem(await t.call('getCustomer', { token, params }), 404, 'not_found');
    assertProblem(await t.call('updateCustomer', { token, params, body: { organisationName: 'Taken over' } }), 404, 'not_found');
    assertProblem(await t.call('changeCustomerStatus', { token, params, body: { status: 'DISABLED' } }), 404, 'not_found');
    assertProblem(await t.call('approveCustomer', { token, params }), 404, 'not_found');
    assertProblem(await t.call('rejectCustomer', { token, params, body: { reason: 'no' } }), 404, 'not_found');
    assertProblem(await t.call('deleteCustomer', { token, params }), 404, 'not_found');
    assertProblem(await t.call('getUser', { token, params: { userId: betaUser.id } }), 404, 'not_found');
    assertProblem(await t.call('lockUser', { token, params: { userId: betaUser.id } }), 404, 'not_found');
    assertProblem(await t.call('deleteUser', { token, params: { userId: betaUser.id } }), 404, 'not_found');
    assertUnknownReference(await t.call('createUser', { token, body: { customerId: betaCustomer.id, firstName: 'X', lastName: 'Y', email: 'x@y.example' } }), '/customerId');
    assertUnknownReference(
      await t.call('createCustomer', { token, body: { billingEntityId: BETA, organisationName: 'X', email: 'x@y.example', adminUser: { firstName: 'X', lastName: 'Y', email: 'x@y.example' } } }),
      '/billingEntityId',
    );
    // Beta's admin cannot see Alpha's either, and nothing changed.
    assertProblem(await t.call('getCustomer', { token: t.tokens.beta, params: { customerId: alphaCustomer.id } }), 404, 'not_found');
    const unchanged = await t.call('getCustomer', { token: t.tokens.licensee, params });
    assert.deepEqual(unchanged.body, betaCustomer);
  });

  it('a billing entity whose Admin page is disabled gets 403 on everything, login included', async () => {
    assertProblem(await t.call('createSession', { body: { email: ADMINS.gamma, password: 'demo-password' } }), 403, 'forbidden');
    // Alpha's admin page switched off by the licensee while a session is open: the open session stops working at once.
    assert.equal((await t.call('getMe', { token: t.tokens.alpha })).status, 200);
    const toggle = async (adminPageEnabled: boolean) => {
      const params = { billingEntityId: ALPHA };
      const current = await t.call('getBillingEntity', { token: t.tokens.licensee, params });
      const result = await t.call('updateBillingEntity', { token: t.tokens.licensee, params, body: { adminPageEnabled }, headers: { 'if-match': current.headers.get('etag')! } });
      assert.equal(result.status, 200);
    };
    await toggle(false);
    try {
      assertProblem(await t.call('listCustomers', { token: t.tokens.alpha }), 403, 'forbidden');
      assertProblem(await t.call('getMe', { token: t.tokens.alpha }), 403, 'forbidden');
    } finally {
      await toggle(true);
    }
    assert.equal((await t.call('getMe', { token: t.tokens.alpha })).status, 200);
  });

  it('anonymous and bad tokens get 401 with a bearer challenge', async () => {
    const anonymous = await t.call('listCustomers');
    assertProblem(anonymous, 401, 'unauthenticated');
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    assertProblem(await t.call('listCustomers', { token: 'not-a-token' }), 401, 'unauthenticated');
    assertProblem(await t.call('listCustomers', { token: 'fco_unknown' }), 401, 'unauthenticated');
    assertProblem(await t.call('listCustomers', { headers: { authorization: 'Basic abc' } }), 401, 'unauthenticated');
    const forged = t.tokens.alpha.slice(0, -4) + 'AAAA';
    assertProblem(await t.call('listCustomers', { token: forged }), 401, 'unauthenticated');
    // The header's forms: the scheme in any case, spaces or tabs around the token; never two words, nor no token.
    for (const authorization of [`bearer ${t.tokens.alpha}`, `BEARER \t ${t.tokens.alpha}  `, `Bearer\t${t.tokens.alpha}`]) {
      assert.equal((await t.call('getMe', { headers: { authorization } })).status, 200, JSON.stringify(authorization));
    }
    for (const authorization of [`Bearer${t.tokens.alpha}`, `Bearer ${t.tokens.alpha} extra`, 'Bearer ', 'Bearer', `Bearers ${t.tokens.alpha}`, `Token ${t.tokens.alpha}`]) {
      assertProblem(await t.call('getMe', { headers: { authorization } }), 401, 'unauthenticated');
    }
  });

  it('expired session tokens answer token_expired', async () => {
    let now = Date.now();
    const clocked = await startTestServer({ customers: 5, sessionTtlSeconds: 60, now: () => new Date(now) });
    try {
      const token = await clocked.login(ADMINS.alpha);
      assert.equal((await clocked.call('getMe', { token })).status, 200);
      now += 61_000;
      const expired = await clocked.call('getMe', { token });
      assertProblem(expired, 401, 'token_expired');
      assert.match(expired.headers.get('www-authenticate') ?? '', /invalid_token/);
    } finally {
      await clocked.close();
    }
  });
});
