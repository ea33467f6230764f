import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';

const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');
const NOWHERE = '00000000-0000-4000-8000-000000000000';

const signup = (suffix: string) => ({
  organisationName: `Fresh Start ${suffix}`,
  email: `hello-${suffix}@freshstart.example`,
  firstName: 'Fay',
  lastName: 'Fresh',
  password: 'correct-horse-battery',
});

describe('customers', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 60 });
  });
  after(() => t.close());

  it('signup with auto signup on is ACTIVE at once', async () => {
    const result = await t.call('signUpCustomer', { params: { billingEntityId: ALPHA }, body: signup('a') });
    assert.equal(result.status, 201);
    assert.equal(result.body.status, 'ACTIVE');
    const customer = await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: result.body.customerId } });
    assert.equal(customer.body.status, 'ACTIVE');
    assert.equal(customer.body.userCount, 1);
  });

  it('signup with auto signup off waits for approval, then approve → ACTIVE', async () => {
    const result = await t.call('signUpCustomer', { params: { billingEntityId: BETA }, body: signup('b') });
    assert.equal(result.body.status, 'PENDING_APPROVAL');
    const id = result.body.customerId;
    const pending = await t.call('listCustomers', { token: t.tokens.beta, query: { filter: 'status = PENDING_APPROVAL', pageSize: 500 } });
    assert.ok(pending.body.items.some((c: any) => c.id === id));
    assert.equal(pending.body.totalSize, pending.body.items.length);
    // Status changes do not bypass approval.
    assertProblem(await t.call('changeCustomerStatus', { token: t.tokens.beta, params: { customerId: id }, body: { status: 'ACTIVE' } }), 409, 'invalid_state');
    const approved = await t.call('approveCustomer', { token: t.tokens.beta, params: { customerId: id } });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, 'ACTIVE');
    assert.ok(approved.headers.get('etag'));
    assertProblem(await t.call('approveCustomer', { token: t.tokens.beta, params: { customerId: id } }), 409, 'invalid_state');
    const after = await t.call('listCustomers', { token: t.tokens.beta, query: { filter: 'status = PENDING_APPROVAL', pageSize: 500 } });
    assert.equal(after.body.totalSize, pending.body.totalSize - 1);
  });

  it('reject → CLOSED with the reason', async () => {
    const result = await t.call('signUpCustomer', { params: { billingEntityId: BETA }, body: signup('c') });
    const rejected = await t.call('rejectCustomer', { token: t.tokens.licensee, params: { customerId: result.body.customerId }, body: { reason: 'Could not verify the company.' } });
    assert.equal(rejected.body.status, 'CLOSED');
    assert.equal(rejected.body.rejectionReason, 'Could not verify the company.');
    assertProblem(await t.call('rejectCustomer', { token: t.tokens.licensee, params: { customerId: result.body.customerId }, body: { reason: 'again' } }), 409, 'invalid_state');
    assertProblem(await t.call('signUpCustomer', { params: { billingEntityId: '00000000-0000-4000-8000-000000000000' }, body: signup('d') }), 404, 'not_found');
  });

  it('creates, edits with If-Match, changes status, and deletes', async () => {
    const body = {
      organisationName: 'Northwind Hosting',
      email: 'billing@northwind.example',
      paymentType: 'INVOICE',
      creditLimit: '500.00',
      adminUser: { firstName: 'Nora', lastName: 'North', email: 'nora@northwind.example' },
    };
    const created = await t.call('createCustomer', { token: t.tokens.alpha, body });
    assert.equal(created.status, 201);
    const id = created.body.id;
    assert.equal(created.headers.get('location'), `/v1/customers/${id}`);
    assert.equal(created.body.billingEntityId, ALPHA);
    assert.deepEqual(created.body.creditLimit, { amount: '500.00', currency: 'GBP' });

    const read = await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: id } });
    const etag = read.headers.get('etag')!;
    assert.match(etag, /^"[^"]+"$/);
    assert.equal((await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: id } })).headers.get('etag'), etag, 'ETags are stable');

    const patched = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: id }, headers: { 'if-match': etag }, body: { vatNumber: 'GB123', address: { city: 'Leith' } } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.vatNumber, 'GB123');
    assert.notEqual(patched.headers.get('etag'), etag);
    // The old ETag no longer matches.
    assertProblem(await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: id }, headers: { 'if-match': etag }, body: { vatNumber: 'X' } }), 412, 'precondition_failed');
    const cleared = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: id }, body: { vatNumber: null } });
    assert.equal(cleared.body.vatNumber, null);
    // Limits merge field by field; each stays within the spec's bounds (a 422 at the limit's pointer).
    const before = cleared.body.limits;
    const limited = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: id }, body: { limits: { maxServers: 5, maxUsers: 3 } } });
    assert.deepEqual(limited.body.limits, { ...before, maxServers: 5, maxUsers: 3 });
    const refused = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: id }, body: { limits: { maxServers: -1 } } });
    assertProblem(refused, 422, 'validation_failed');
    assert.deepEqual(refused.body.errors.map((e: any) => e.pointer), ['/limits/maxServers']);
    assert.deepEqual((await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: id } })).body.limits, limited.body.limits);

    const disabled = await t.call('changeCustomerStatus', { token: t.tokens.alpha, params: { customerId: id }, body: { status: 'DISABLED', reason: 'Unpaid invoices' } });
    assert.equal(disabled.body.status, 'DISABLED');
    assert.equal(disabled.body.statusReason, 'Unpaid invoices');

    assertProblem(await t.call('deleteCustomer', { token: t.tokens.alpha, params: { customerId: id }, headers: { 'if-match': '"stale"' } }), 412, 'precondition_failed');
    assert.equal((await t.call('deleteCustomer', { token: t.tokens.alpha, params: { customerId: id } })).status, 204);
    assertProblem(await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: id } }), 404, 'not_found');
    const listed = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: 'organisationName = "Northwind Hosting"' } });
    assert.equal(listed.body.totalSize, 0);
  });

  it('creates a customer with its first admin user, who alone is its admin', async () => {
    const body = { organisationName: 'First Admin Ltd', email: 'ops@first-admin.example', adminUser: { firstName: 'Ada', lastName: 'First', email: 'ada@first-admin.example' } };
    const created = await t.call('createCustomer', { token: t.tokens.alpha, body });
    assert.equal(created.status, 201);
    assert.equal(created.body.userCount, 1);
    const users = await t.call('listUsers', { token: t.tokens.alpha, query: { filter: `customerId = "${created.body.id}"` } });
    assert.deepEqual(users.body.items.map((u: any) => [u.email, u.firstName, u.lastName, u.admin, u.userType, u.billingEntityId]), [['ada@first-admin.example', 'Ada', 'First', true, 'USER', ALPHA]]);
    // The first admin is also its last: it stays an admin and stays at all.
    const admin = users.body.items[0];
    const demoted = await t.call('updateUser', { token: t.tokens.alpha, params: { userId: admin.id }, body: { admin: false } });
    assertProblem(demoted, 409, 'invalid_state');
    assert.match(demoted.body.detail, /Ada First is the customer's last admin user .* make another user an admin first/);
    assertProblem(await t.call('deleteUser', { token: t.tokens.alpha, params: { userId: admin.id } }), 409, 'invalid_state');
    assert.equal((await t.call('getUser', { token: t.tokens.alpha, params: { userId: admin.id } })).body.admin, true);
  });

  it('refuses references it cannot resolve with a 422 at the field: billing entity, product offer', async () => {
    const offers = async (token: string, filter: string) => (await t.call('listProductOffers', { token, query: { filter, pageSize: 1 } })).body.items[0];
    const alphaOffer = await offers(t.tokens.alpha, `billingEntityId = "${ALPHA}" AND active = true`);
    const kidsOffer = await offers(t.tokens.alpha, `billingEntityId = "${ALPHA_KIDS}"`);
    const betaOffer = await offers(t.tokens.beta, `billingEntityId = "${BETA}"`);
    const product = (await t.call('getProductOffer', { token: t.tokens.alpha, params: { productOfferId: alphaOffer.id } })).body;
    const inactive = await t.call('createProductOffer', {
      token: t.tokens.alpha,
      body: { name: 'Retired plan', productId: product.productId, billingPeriod: 'MONTHLY', unitType: 'CARRYOVER', price: product.price, active: false },
    });
    assert.equal(inactive.status, 201, JSON.stringify(inactive.body));
    const body = (extra: object) => ({ organisationName: 'Refs Ltd', email: 'ops@refs.example', adminUser: { firstName: 'R', lastName: 'Ef', email: 'r@refs.example' }, ...extra });
    const create = (extra: object) => t.call('createCustomer', { token: t.tokens.alpha, body: body(extra) });
    for (const billingEntityId of [BETA, NOWHERE]) assertUnknownReference(await create({ billingEntityId }), '/billingEntityId');
    for (const productOfferId of [betaOffer.id, NOWHERE]) assertUnknownReference(await create({ productOfferId }), '/productOfferId');
    for (const [productOfferId, code] of [[kidsOffer.id, 'mismatch'], [inactive.body.id, 'inactive']]) {
      const refused = await create({ productOfferId });
      assertProblem(refused, 422, 'validation_failed');
      assert.deepEqual(refused.body.errors.map((e: any) => [e.pointer, e.code]), [['/productOfferId', code]]);
    }
    const created = await create({ productOfferId: alphaOffer.id });
    assert.equal(created.status, 201);
    assert.equal(created.body.productOfferId, alphaOffer.id);
    const kids = await create({ billingEntityId: ALPHA_KIDS, productOfferId: kidsOffer.id });
    assert.equal(kids.body.billingEntityId, ALPHA_KIDS);
    // Edits follow the same rule.
    const edit = (productOfferId: string | null) => t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: created.body.id }, body: { productOfferId } });
    assertUnknownReference(await edit(betaOffer.id), '/productOfferId');
    assertProblem(await edit(kidsOffer.id), 422, 'validation_failed');
    assert.equal((await edit(null)).body.productOfferId, null);
    assertUnknownReference(await t.call('createUser', { token: t.tokens.alpha, body: { customerId: NOWHERE, firstName: 'X', lastName: 'Y', email: 'x@y.example' } }), '/customerId');
  });

  it('matches names with letters beyond ASCII in any case, their wildcard and pattern characters literally', async () => {
    const create = async (organisationName: string, key: string) => {
      const body = { organisationName, email: `billing@${key}.example`, paymentType: 'INVOICE', creditLimit: '1.00', adminUser: { firstName: 'Ödön', lastName: 'Über', email: `admin@${key}.example` } };
      const created = await t.call('createCustomer', { token: t.tokens.alpha, body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    };
    await create('Ärztekammer Müller GmbH', 'aerztekammer');
    await create('Öko [Nord] *24? (Süd) a+b.c 100%', 'oeko');
    const names = async (filter: string) =>
      (await t.call('listCustomers', { token: t.tokens.alpha, query: { filter, pageSize: 500 } })).body.items.map((c: { organisationName: string }) => c.organisationName);
    const finds = ['organisationName : "ärzte"', 'organisationName : "Ärztekammer"', 'organisationName = "ÄRZTEKAMMER*"', 'organisationName = "*müller gmbh"', 'organisationName : "MÜLLER"', 'organisationName : "ärzte" OR email : "ärzte"'];
    for (const filter of finds) assert.deepEqual(await names(filter), ['Ärztekammer Müller GmbH'], filter);
    for (const filter of ['organisationName : "öko [nord] *24?"', 'organisationName : "(süd) a+b.c 100%"', 'organisationName = "öKO*"']) {
      assert.deepEqual(await names(filter), ['Öko [Nord] *24? (Süd) a+b.c 100%'], filter);
    }
    // Wildcard and pattern characters match only themselves.
    for (const filter of ['organisationName : "öko [nord] x24"', 'organisationName : "(süd) aab.c"', 'organisationName : "(süd) a+bxc"', 'organisationName : "süd_"', 'organisationName = "ärzte"', 'organisationName = "*ärzte"']) {
      assert.deepEqual(await names(filter), [], filter);
    }
    // The same for ASCII text: LIKE's wildcards in it match only themselves (SQLite finds such text with a phrase).
    await create('Under_Score 50% Ltd', 'underscore');
    await create('UnderXScore 500 Ltd', 'underxscore');
    for (const filter of ['organisationName : "under_score"', 'organisationName : "50% l"', 'organisationName = "*e 50% ltd"', 'email : "ore 50%" OR organisationName : "_score 5"']) {
      assert.deepEqual(await names(filter), ['Under_Score 50% Ltd'], filter);
    }
    const others = await names('organisationName != "ärzte*"');
    assert.ok(others.length > 0 && !others.includes('Ärztekammer Müller GmbH') && others.includes('Öko [Nord] *24? (Süd) a+b.c 100%'));
  });

  it('sorts names as people read them, whatever their case and accents, on every page', async () => {
    const names = ['sortprobe zenith', 'Sortprobe Äpfel', 'SORTPROBE apfelmus', 'Sortprobe Apfelbaum', 'sortprobe Zebra', 'Sortprobe über'];
    for (const [i, organisationName] of names.entries()) {
      const body = { organisationName, email: `billing@sortprobe${i}.example`, adminUser: { firstName: 'S', lastName: 'P', email: `admin@sortprobe${i}.example` } };
      assert.equal((await t.call('createCustomer', { token: t.tokens.alpha, body })).status, 201);
    }
    const expected = ['Sortprobe Äpfel', 'Sortprobe Apfelbaum', 'SORTPROBE apfelmus', 'Sortprobe über', 'sortprobe Zebra', 'sortprobe zenith'];
    const filter = 'organisationName : "sortprobe"';
    for (const [orderBy, order] of [['organisationName', expected], ['organisationName desc', [...expected].reverse()]] as const) {
      const whole = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter, orderBy } });
      assert.deepEqual(whole.body.items.map((c: { organisationName: string }) => c.organisationName), order, orderBy);
      // Page by page, by token and by offset, the same order.
      const paged: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter, orderBy, pageSize: 4, ...(pageToken ? { pageToken } : {}) } });
        paged.push(...page.body.items.map((c: { organisationName: string }) => c.organisationName));
        pageToken = page.body.nextPageToken ?? undefined;
      } while (pageToken);
      assert.deepEqual(paged, order, `${orderBy} by token`);
      const second = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter, orderBy, offset: 3, pageSize: 2 } });
      assert.deepEqual(second.body.items.map((c: { organisationName: string }) => c.organisationName), order.slice(3, 5), `${orderBy} from offset 3`);
    }
  });

  it('replays an idempotent create and refuses the key for another body', async () => {
    const body = { organisationName: 'Once Only', email: 'once@only.example', adminUser: { firstName: 'O', lastName: 'Nce', email: 'o@only.example' } };
    const headers = { 'idempotency-key': 'create-once-1' };
    const first = await t.call('createCustomer', { token: t.tokens.alpha, body, headers });
    const second = await t.call('createCustomer', { token: t.tokens.alpha, body, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('location'), first.headers.get('location'));
    const count = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter: 'organisationName = "Once Only"' } });
    assert.equal(count.body.totalSize, 1);
    assertProblem(await t.call('createCustomer', { token: t.tokens.alpha, body: { ...body, organisationName: 'Twice' }, headers }), 422, 'idempotency_key_reused');
    // Keys are per principal: Beta's admin using the same key makes its own customer.
    const other = await t.call('createCustomer', { token: t.tokens.beta, body, headers });
    assert.equal(other.status, 201);
    assert.notEqual(other.body.id, first.body.id);
  });
});

describe('users', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 20 });
  });
  after(() => t.close());

  it('creates, locks, unlocks, edits and deletes users, keeping the last admin', async () => {
    const customer = (await t.call('listCustomers', { token: t.tokens.alpha, query: { pageSize: 1 } })).body.items[0];
    const created = await t.call('createUser', { token: t.tokens.alpha, body: { customerId: customer.id, firstName: 'Nils', lastName: 'North', email: 'nils@northwind.example' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.billingEntityId, customer.billingEntityId);
    const id = created.body.id;
    assert.equal((await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: customer.id } })).body.userCount, customer.userCount + 1);
    assert.equal((await t.call('lockUser', { token: t.tokens.alpha, params: { userId: id } })).body.locked, true);
    const locked = await t.call('listUsers', { token: t.tokens.alpha, query: { filter: `customerId = "${customer.id}" AND locked = true` } });
    assert.ok(locked.body.items.some((u: any) => u.id === id));
    assert.equal((await t.call('unlockUser', { token: t.tokens.alpha, params: { userId: id } })).body.locked, false);
    const renamed = await t.call('updateUser', { token: t.tokens.alpha, params: { userId: id }, body: { firstName: 'Nela', email: 'nela@northwind.example' } });
    assert.deepEqual([renamed.body.firstName, renamed.body.lastName, renamed.body.email], ['Nela', 'North', 'nela@northwind.example']);
    for (const body of [{ email: 'not an email' }, { firstName: '' }]) {
      const refused = await t.call('updateUser', { token: t.tokens.alpha, params: { userId: id }, body });
      assertProblem(refused, 422, 'validation_failed');
      assert.deepEqual(refused.body.errors.map((e: any) => e.pointer), [`/${Object.keys(body)[0]}`]);
    }
    assert.equal((await t.call('updateUser', { token: t.tokens.alpha, params: { userId: id }, body: { admin: true } })).body.admin, true);
    assert.equal((await t.call('deleteUser', { token: t.tokens.alpha, params: { userId: id } })).status, 204);
    assertProblem(await t.call('getUser', { token: t.tokens.alpha, params: { userId: id } }), 404, 'not_found');

    const admins = await t.call('listUsers', { token: t.tokens.alpha, query: { filter: `customerId = "${customer.id}" AND admin = true` } });
    for (const [i, admin] of admins.body.items.entries()) {
      const result = await t.call('deleteUser', { token: t.tokens.alpha, params: { userId: admin.id } });
      if (i < admins.body.items.length - 1) assert.equal(result.status, 204);
      else assertProblem(result, 409, 'invalid_state');
    }
  });
});
