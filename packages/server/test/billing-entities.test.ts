import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { ADMINS, assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';

const LICENSEE = demoBillingEntityId('licensee');
const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');
const GAMMA = demoBillingEntityId('gamma');

const harbour = (suffix: string, extra: Record<string, unknown> = {}) => ({
  name: `Harbour Cloud ${suffix}`,
  currency: { code: 'GBP', symbol: '£', decimalPlaces: 2 },
  controlPanelUrl: 'https://cp.harbour.example',
  controlPanelOptions: { allowAutoSignup: true, allowInvites: false },
  allowedOrigins: ['https://portal.harbour.example'],
  emailSettings: { fromAddress: 'noreply@harbour.example' },
  ...extra,
});

const signup = (suffix: string) => ({
  organisationName: `Signup ${suffix}`,
  email: `owner-${suffix}@signup.example`,
  firstName: 'Sam',
  lastName: 'Signup',
  password: 'correct-horse-battery',
});

describe('billing entities', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 40 });
  });
  after(() => t.close());

  const ids = (page: any) => page.body.items.map((be: any) => be.id).sort();

  it('lists the tree in scope: everything for the licensee, the subtree for a billing entity admin', async () => {
    const all = await t.call('listBillingEntities', { token: t.tokens.licensee });
    assert.equal(all.status, 200);
    assert.deepEqual(ids(all), [LICENSEE, ALPHA, ALPHA_KIDS, BETA, GAMMA].sort());
    assert.deepEqual(ids(await t.call('listBillingEntities', { token: t.tokens.alpha })), [ALPHA, ALPHA_KIDS].sort());
    assert.deepEqual(ids(await t.call('listBillingEntities', { token: t.tokens.beta })), [BETA]);

    const master = await t.call('listBillingEntities', { token: t.tokens.licensee, query: { filter: 'parentId = null' } });
    assert.deepEqual(ids(master), [LICENSEE]);
    assert.equal(master.body.items[0].isMaster, true);
    const children = await t.call('listBillingEntities', { token: t.tokens.licensee, query: { filter: `parentId = "${LICENSEE}"`, orderBy: 'name desc' } });
    assert.deepEqual(children.body.items.map((be: any) => be.name), ['Gamma Networks', 'Beta Hosting', 'Alpha Cloud']);
    const noPage = await t.call('listBillingEntities', { token: t.tokens.licensee, query: { filter: 'adminPageEnabled = false' } });
    assert.deepEqual(ids(noPage), [GAMMA]);
    // A BE admin's filter stays inside its scope.
    assert.deepEqual(ids(await t.call('listBillingEntities', { token: t.tokens.alpha, query: { filter: 'parentId = null' } })), []);
    assertProblem(await t.call('listBillingEntities', { token: t.tokens.licensee, query: { filter: 'currency = "GBP"' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listBillingEntities', { token: t.tokens.licensee, query: { orderBy: 'vatNumber' } }), 400, 'invalid_order_by');
    assertProblem(await t.call('listBillingEntities', {}), 401, 'unauthenticated');
  });

  it('gets one in scope with an ETag; out of scope is 404', async () => {
    const alpha = await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA } });
    assert.equal(alpha.status, 200);
    assert.ok(alpha.headers.get('etag'));
    assert.equal(alpha.body.childCount, 1);
    assert.ok(alpha.body.customerCount > 0);
    assert.equal((await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA_KIDS } })).status, 200);
    for (const id of [LICENSEE, BETA, GAMMA]) {
      assertProblem(await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: id } }), 404, 'not_found');
    }
    assertProblem(await t.call('getBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: 'not-a-uuid' } }), 400, 'invalid_parameter');
  });

  it('creates a child in scope with defaults; only the licensee sets adminPageEnabled', async () => {
    const created = await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('a') });
    assert.equal(created.status, 201);
    const child = created.body;
    assert.equal(created.headers.get('location'), `/v1/billing-entities/${child.id}`);
    assert.equal(child.parentId, ALPHA);
    assert.equal(child.isMaster, false);
    assert.equal(child.billingType, 'REGULARBILL');
    assert.equal(child.adminPageEnabled, false);
    assert.equal(child.controlPanelOptions.allowAutoSignup, true);
    assert.equal(child.controlPanelOptions.allowInvites, false);
    assert.equal(child.controlPanelOptions.allowViewInvoices, true);
    assert.deepEqual(child.emailSettings, { fromAddress: 'noreply@harbour.example', replyTo: null, supportEmail: null });
    assert.equal(child.customerCount, 0);
    assert.equal(child.childCount, 0);
    assert.equal((await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA } })).body.childCount, 2);
    assert.ok(ids(await t.call('listBillingEntities', { token: t.tokens.alpha })).includes(child.id));
    assertProblem(await t.call('getBillingEntity', { token: t.tokens.beta, params: { billingEntityId: child.id } }), 404, 'not_found');

    // Under a descendant: fine; under another tenant: 404 (not revealed).
    const grandchild = await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('b', { parentId: ALPHA_KIDS }) });
    assert.equal(grandchild.body.parentId, ALPHA_KIDS);
    assertUnknownReference(await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('c', { parentId: BETA }) }), '/parentId');
    assertProblem(await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('d', { adminPageEnabled: true }) }), 403, 'forbidden');
    const byLicensee = await t.call('createBillingEntity', { token: t.tokens.licensee, body: harbour('e', { adminPageEnabled: true, parentId: BETA }) });
    assert.equal(byLicensee.body.adminPageEnabled, true);
    assert.equal(byLicensee.body.parentId, BETA);
    // The licensee's own default parent is the master.
    assert.equal((await t.call('createBillingEntity', { token: t.tokens.licensee, body: harbour('f') })).body.parentId, LICENSEE);

    assertProblem(await t.call('createBillingEntity', { token: t.tokens.alpha, body: { name: 'No currency' } }), 422, 'validation_failed');
    assertProblem(await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('g', { allowedOrigins: ['http://evil.example'] }) }), 422, 'validation_failed');
    assertProblem(await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('h', { isMaster: true }) }), 422, 'read_only_field');
    assertProblem(await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('i', { colour: 'blue' }) }), 422, 'unknown_field');
  });

  it('edits with merge patch and If-Match; parent and currency are read only', async () => {
    const child = (await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('patch', { vatNumber: 'GB1', address: { line1: '1 Quay', city: 'Leith' } }) })).body;
    const read = await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id } });
    const etag = read.headers.get('etag')!;
    const patched = await t.call('updateBillingEntity', {
      token: t.tokens.alpha,
      params: { billingEntityId: child.id },
      headers: { 'if-match': etag },
      body: { controlPanelOptions: { allowInvites: true }, address: { city: 'Edinburgh' }, vatNumber: null, emailSettings: { supportEmail: 'help@harbour.example' }, allowedOrigins: ['https://a.harbour.example', 'http://localhost:9000'] },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.controlPanelOptions.allowInvites, true);
    assert.equal(patched.body.controlPanelOptions.allowAutoSignup, true, 'other options keep their values');
    assert.deepEqual(patched.body.address, { line1: '1 Quay', city: 'Edinburgh' });
    assert.equal(patched.body.vatNumber, null);
    assert.deepEqual(patched.body.emailSettings, { fromAddress: 'noreply@harbour.example', replyTo: null, supportEmail: 'help@harbour.example' });
    assert.deepEqual(patched.body.allowedOrigins, ['https://a.harbour.example', 'http://localhost:9000']);
    assert.equal(patched.headers.get('etag'), (await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id } })).headers.get('etag'));

    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, headers: { 'if-match': etag }, body: { name: 'Stale' } }), 412, 'precondition_failed');
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, body: { parentId: BETA } }), 422, 'read_only_field');
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, body: { currency: { code: 'USD', symbol: '$', decimalPlaces: 2 } } }), 422, 'read_only_field');
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, body: {} }), 422, 'validation_failed');
    // Allowed origins are bare origins (https, or http on this machine only), each once.
    for (const allowedOrigins of [['https://a.example/path'], ['http://portal.example'], ['https://a.example/'], ['https://a.example', 'https://a.example']]) {
      const refused = await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, body: { allowedOrigins } });
      assertProblem(refused, 422, 'validation_failed');
      assert.ok(refused.body.errors.every((e: any) => e.pointer.startsWith('/allowedOrigins')), JSON.stringify(refused.body.errors));
    }
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, body: { adminPageEnabled: true } }), 403, 'forbidden');
    // Sending the current value is not a change.
    assert.equal((await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, body: { adminPageEnabled: false, name: 'Harbour Renamed' } })).body.name, 'Harbour Renamed');
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.beta, params: { billingEntityId: child.id }, body: { name: 'Mine now' } }), 404, 'not_found');
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: LICENSEE }, body: { name: 'Mine now' } }), 404, 'not_found');
    assertProblem(await t.call('updateBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: LICENSEE }, body: { adminPageEnabled: false } }), 409, 'invalid_state');
  });

  it('turning auto signup off makes the next signup wait for approval, and on again makes it ACTIVE', async () => {
    const off = await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA }, body: { controlPanelOptions: { allowAutoSignup: false } } });
    assert.equal(off.body.controlPanelOptions.allowAutoSignup, false);
    const pending = await t.call('signUpCustomer', { params: { billingEntityId: ALPHA }, body: signup('off') });
    assert.equal(pending.body.status, 'PENDING_APPROVAL');
    await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA }, body: { controlPanelOptions: { allowAutoSignup: true } } });
    assert.equal((await t.call('signUpCustomer', { params: { billingEntityId: ALPHA }, body: signup('on') })).body.status, 'ACTIVE');
    // Signups count as customers of the billing entity.
    const before = (await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA } })).body.customerCount;
    await t.call('signUpCustomer', { params: { billingEntityId: ALPHA }, body: signup('count') });
    assert.equal((await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA } })).body.customerCount, before + 1);
  });

  it('turning the Admin page off locks that billing entity\'s admins out at once (403), on again lets them back', async () => {
    const token = await t.login(ADMINS.beta);
    assert.equal((await t.call('getMe', { token })).status, 200);
    const off = await t.call('updateBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: BETA }, body: { adminPageEnabled: false } });
    assert.equal(off.body.adminPageEnabled, false);
    assertProblem(await t.call('getMe', { token }), 403, 'forbidden');
    assertProblem(await t.call('listCustomers', { token }), 403, 'forbidden');
    assertProblem(await t.call('createSession', { body: { email: ADMINS.beta, password: 'demo-password' } }), 403, 'forbidden');
    await t.call('updateBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: BETA }, body: { adminPageEnabled: true } });
    assert.equal((await t.call('getMe', { token })).status, 200);
    // Gamma's admins are locked out by the seed; the licensee lets them in.
    assertProblem(await t.call('createSession', { body: { email: ADMINS.gamma, password: 'demo-password' } }), 403, 'forbidden');
    await t.call('updateBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: GAMMA }, body: { adminPageEnabled: true } });
    const gamma = await t.login(ADMINS.gamma);
    assert.deepEqual(ids(await t.call('listBillingEntities', { token: gamma })), [GAMMA]);
    await t.call('updateBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: GAMMA }, body: { adminPageEnabled: false } });
    assertProblem(await t.call('listBillingEntities', { token: gamma }), 403, 'forbidden');
  });

  it('allowed origins drive CORS and embed sessions at once', async () => {
    const origin = 'https://shop.alpha.example';
    const preflight = () =>
      fetch(new URL('/v1/customers', t.url), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal((await preflight()).headers.get('access-control-allow-origin'), null);
    const key = (await t.call('createApiKey', { token: t.tokens.alpha, body: { name: 'Shop', scopes: ['embed-sessions:create', 'customers:read'] } })).body.secret;
    const mint = () => t.call('createEmbedSession', { token: key, body: { userEmail: ADMINS.alpha, origin, scopes: ['customers:read'] } });
    assertProblem(await mint(), 422, 'origin_not_allowed');

    const current = (await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA } })).body;
    await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA }, body: { allowedOrigins: [...current.allowedOrigins, origin] } });
    assert.equal((await preflight()).headers.get('access-control-allow-origin'), origin);
    const minted = await mint();
    assert.equal(minted.status, 201);
    const listed = await t.call('listCustomers', { token: minted.body.token, headers: { origin } });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('access-control-allow-origin'), origin);

    await t.call('updateBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA }, body: { allowedOrigins: current.allowedOrigins } });
    assert.equal((await preflight()).headers.get('access-control-allow-origin'), null);
    assertProblem(await mint(), 422, 'origin_not_allowed');
    // A token minted while the origin was allowed ends with it, even for a client that ignores CORS.
    assertProblem(await t.call('listCustomers', { token: minted.body.token, headers: { origin } }), 401, 'origin_not_allowed');
  });

  it('deletes only empty billing entities', async () => {
    const parent = (await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('parent') })).body;
    const child = (await t.call('createBillingEntity', { token: t.tokens.alpha, body: harbour('child', { parentId: parent.id }) })).body;
    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: parent.id } }), 409, 'invalid_state');

    const customer = await t.call('createCustomer', {
      token: t.tokens.alpha,
      body: { billingEntityId: child.id, organisationName: 'Tiny Tenant', email: 'tiny@tenant.example', adminUser: { firstName: 'Tia', lastName: 'Tenant', email: 'tia@tenant.example' } },
    });
    assert.equal(customer.status, 201);
    assert.equal((await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id } })).body.customerCount, 1);
    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id } }), 409, 'invalid_state');
    assert.equal((await t.call('deleteCustomer', { token: t.tokens.alpha, params: { customerId: customer.body.id } })).status, 204);

    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.beta, params: { billingEntityId: child.id } }), 404, 'not_found');
    const etag = (await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id } })).headers.get('etag')!;
    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, headers: { 'if-match': '"stale"' } }), 412, 'precondition_failed');
    assert.equal((await t.call('deleteBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id }, headers: { 'if-match': etag } })).status, 204);
    assertProblem(await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: child.id } }), 404, 'not_found');
    assert.equal((await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: parent.id } })).body.childCount, 0);
    const product = await t.call('createProduct', { token: t.tokens.alpha, body: { billingEntityId: parent.id, name: 'Parent disks', associatedType: 'DISK', components: [] } });
    assert.equal(product.status, 201);
    assert.equal((await t.call('deleteBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: parent.id } })).status, 204);
    assertProblem(await t.call('getProduct', { token: t.tokens.alpha, params: { productId: product.body.id } }), 404, 'not_found');

    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: LICENSEE } }), 409, 'invalid_state');
    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: BETA } }), 409, 'invalid_state');
    assertProblem(await t.call('deleteBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: ALPHA } }), 409, 'invalid_state');
  });
});
