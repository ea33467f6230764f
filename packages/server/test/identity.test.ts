import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { hashPassword, verifyPassword } from '../src/identity/passwords.js';
import { base64url, fromBase64url } from '../src/store/crypto.js';
import { Records } from '../src/store/records.js';
import { Repository } from '../src/store/repository.js';
import { ADMINS, assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';

const PORTAL = 'https://portal.alpha.example';

describe('password hashes', () => {
  it('are standard scrypt: Node\'s and the pure-JS implementation (other runtimes) read each other\'s hashes', async () => {
    const stored = await hashPassword('correct horse');
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    assert.deepEqual([scheme, n, r, p], ['scrypt', '16384', '8', '1']);
    const portable = await scryptAsync('correct horse', fromBase64url(salt!), { N: 16384, r: 8, p: 1, dkLen: 32 });
    assert.equal(base64url(portable), hash);

    const madeElsewhere = `scrypt$1024$8$1$${salt}$${base64url(await scryptAsync('battery staple', fromBase64url(salt!), { N: 1024, r: 8, p: 1, dkLen: 32 }))}`;
    assert.equal(await verifyPassword('battery staple', madeElsewhere), true);
    assert.equal(await verifyPassword('battery stapler', madeElsewhere), false);
    assert.equal(await verifyPassword('correct horse', stored), true);
  });
});

describe('identity', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 30 });
  });
  after(() => t.close());

  it('logs in, reports the principal, and logs out (revoking the token)', async () => {
    const login = await t.call('createSession', { body: { email: ADMINS.alpha, password: 'demo-password' } });
    assert.equal(login.status, 201);
    assert.equal(login.body.principal.role, 'BE_ADMIN');
    assert.ok(!login.body.principal.scopes.includes('hardware:read'));
    assert.ok(!login.body.principal.scopes.includes('plugins:sign'));
    const token = login.body.token;
    const me = await t.call('getMe', { token });
    assert.equal(me.body.user.email, ADMINS.alpha);
    assert.equal(me.body.billingEntity.id, demoBillingEntityId('alpha'));
    const licensee = await t.call('getMe', { token: t.tokens.licensee });
    assert.equal(licensee.body.role, 'LICENSEE_ADMIN');
    assert.ok(licensee.body.scopes.includes('hardware:write') && licensee.body.scopes.includes('plugins:sign'));
    assert.equal((await t.call('deleteCurrentSession', { token })).status, 204);
    assertProblem(await t.call('getMe', { token }), 401, 'unauthenticated');
  });

  it('grants a session whose principal /v1/me repeats exactly, its expiry in whole seconds as the token carries it', async () => {
    const login = await t.call('createSession', { body: { email: ADMINS.alpha, password: 'demo-password' } });
    assert.equal(login.status, 201);
    assert.equal(new Date(login.body.expiresAt).getMilliseconds(), 0);
    assert.equal(login.body.principal.expiresAt, login.body.expiresAt);
    const me = await t.call('getMe', { token: login.body.token });
    // A widget provider keeps the grant's principal when /v1/me repeats it, and re-renders nothing.
    assert.equal(JSON.stringify(me.body), JSON.stringify(login.body.principal));
  });

  it('names each demo admin after its own billing entity', async () => {
    const names = new Set<string>();
    // Gamma's Admin page is switched off: its admin cannot sign in.
    const admins = [ADMINS.licensee, ADMINS.alpha, ADMINS.kids, ADMINS.beta];
    for (const email of admins) {
      const me = await t.call('getMe', { token: await t.login(email) });
      names.add(`${me.body.user.firstName} ${me.body.user.lastName}`);
    }
    assert.ok(names.has('Alpha Kids Admin') && names.has('Alpha Admin'), [...names].join(', '));
    assert.equal(names.size, admins.length, 'no two share a name');
  });

  it('refuses wrong credentials without saying which part was wrong', async () => {
    const wrongPassword = await t.call('createSession', { body: { email: ADMINS.alpha, password: 'nope' } });
    const wrongEmail = await t.call('createSession', { body: { email: 'nobody@alpha.demo', password: 'demo-password' } });
    assertProblem(wrongPassword, 401, 'invalid_credentials');
    assertProblem(wrongEmail, 401, 'invalid_credentials');
    assert.equal(wrongPassword.body.detail, wrongEmail.body.detail);
  });

  it('creates API keys whose secret is shown once and stored hashed, and revokes them', async () => {
    const created = await t.call('createApiKey', { token: t.tokens.alpha, body: { name: 'Portal backend', scopes: ['embed-sessions:create', 'customers:read'] } });
    assert.equal(created.status, 201);
    const { apiKey, secret } = created.body;
    assert.match(secret, /^fco_/);
    assert.equal(created.headers.get('location'), `/v1/api-keys/${apiKey.id}`);
    const stored = await t.server.store.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes(secret.slice(4)), 'the secret is not stored');
    const read = await t.call('getApiKey', { token: t.tokens.alpha, params: { apiKeyId: apiKey.id } });
    assert.ok(!('secret' in read.body));
    // The key works, within its scopes.
    assert.equal((await t.call('listCustomers', { token: secret })).status, 200);
    assertProblem(await t.call('listUsers', { token: secret }), 403, 'forbidden');
    // Listed for its billing entity only.
    const mine = await t.call('listApiKeys', { token: t.tokens.alpha, query: { filter: 'revoked = false' } });
    assert.ok(mine.body.items.some((k: any) => k.id === apiKey.id));
    const beta = await t.call('listApiKeys', { token: t.tokens.beta });
    assert.ok(!beta.body.items.some((k: any) => k.id === apiKey.id));
    assertProblem(await t.call('getApiKey', { token: t.tokens.beta, params: { apiKeyId: apiKey.id } }), 404, 'not_found');
    // A key cannot get scopes its creator lacks.
    assertProblem(await t.call('createApiKey', { token: t.tokens.alpha, body: { name: 'x', scopes: ['hardware:read'] } }), 403, 'forbidden');
    // The key's first use noted its lastUsedAt, so the first read's ETag is stale; revoke with the current one.
    const stale = read.headers.get('etag')!;
    assertProblem(await t.call('revokeApiKey', { token: t.tokens.alpha, params: { apiKeyId: apiKey.id }, headers: { 'if-match': stale } }), 412, 'precondition_failed');
    const etag = (await t.call('getApiKey', { token: t.tokens.alpha, params: { apiKeyId: apiKey.id } })).headers.get('etag')!;
    assert.equal((await t.call('revokeApiKey', { token: t.tokens.alpha, params: { apiKeyId: apiKey.id }, headers: { 'if-match': etag } })).status, 204);
    assertProblem(await t.call('listCustomers', { token: secret }), 401, 'unauthenticated');
  });

  describe('embed sessions', () => {
    let key: string;
    before(async () => {
      const created = await t.call('createApiKey', {
        token: t.tokens.alpha,
        body: { name: 'Portal', scopes: ['embed-sessions:create', 'customers:read', 'customers:write', 'users:read'] },
      });
      key = created.body.secret;
    });

    const mint = (body: Record<string, unknown>, token = key) =>
      t.call('createEmbedSession', { token, body: { userEmail: ADMINS.alpha, origin: PORTAL, scopes: ['customers:read'], ...body } });

    it('mints a token bound to an origin, scopes and widgets', async () => {
      const minted = await mint({ widgets: ['fco-customers'], ttlSeconds: 300 });
      assert.equal(minted.status, 201);
      assert.equal(minted.body.tokenType, 'EMBED');
      assert.equal(minted.body.principal.origin, PORTAL);
      assert.deepEqual(minted.body.principal.scopes, ['customers:read']);
      const token = minted.body.token;
      const fromPortal = { origin: PORTAL };
      assert.equal((await t.call('listCustomers', { token, headers: fromPortal })).status, 200);
      assertProblem(await t.call('listCustomers', { token, headers: { origin: 'https://evil.example' } }), 401, 'origin_not_allowed');
      assertProblem(await t.call('listCustomers', { token }), 401, 'origin_not_allowed');
      assertProblem(await t.call('listUsers', { token, headers: fromPortal }), 403, 'forbidden');
      // Tenancy is the user's: Alpha's customers only.
      const page = await t.call('listCustomers', { token, headers: fromPortal, query: { pageSize: 500 } });
      assert.ok(page.body.items.every((c: any) => [demoBillingEntityId('alpha'), demoBillingEntityId('alpha-kids')].includes(c.billingEntityId)));
    });

    it('limits a token to its widgets\' operations, whatever the headers say', async () => {
      const minted = await mint({ widgets: ['fco-users'], scopes: ['customers:read', 'users:read'] });
      assert.equal(minted.status, 201);
      assert.deepEqual(minted.body.principal.widgets, ['fco-users']);
      const token = minted.body.token;
      const headers = { origin: PORTAL };
      assert.equal((await t.call('listUsers', { token, headers })).status, 200);
      assert.equal((await t.call('getMe', { token, headers })).status, 200, 'the provider\'s operation comes with every widget');
      // The token holds customers:read; fco-users lists customers (its customer picker) but never reads one: no header changes that.
      const customerId = (await t.call('listCustomers', { token, headers, query: { pageSize: 1 } })).body.items[0].id;
      for (const claimed of [{}, { 'x-fco-widget': 'fco-customers' }, { 'x-fco-widget': 'fco-users' }] as Record<string, string>[]) {
        const refused = await t.call('getCustomer', { token, headers: { ...headers, ...claimed }, params: { customerId } });
        assertProblem(refused, 403, 'forbidden');
        assert.match(refused.body.detail, /fco-users; none of them calls getCustomer/);
      }
      // Without widgets, the scopes alone decide.
      const unlimited = (await mint({ scopes: ['customers:read', 'users:read'] })).body.token;
      assert.equal((await t.call('listCustomers', { token: unlimited, headers })).status, 200);
      const unknown = await mint({ widgets: ['fco-users', 'fco-nothing'] });
      assertProblem(unknown, 422, 'validation_failed');
      assert.deepEqual(unknown.body.errors.map((e: any) => [e.pointer, e.code]), [['/widgets/1', 'unknown_widget']]);
    });

    it('refuses origins, scopes and users outside the key and the user', async () => {
      assertProblem(await mint({ origin: 'https://evil.example' }), 422, 'origin_not_allowed');
      assertProblem(await mint({ scopes: ['invoices:read'] }), 403, 'forbidden');
      assertUnknownReference(await mint({ userEmail: ADMINS.beta }), '/userEmail');
      assertProblem(await mint({ ttlSeconds: 3600 }), 422, 'validation_failed');
      // Only API keys mint embed sessions.
      assertProblem(await mint({}, t.tokens.alpha), 403, 'forbidden');
    });

    it('expires', async () => {
      let now = Date.now();
      const clocked = await startTestServer({ customers: 5, now: () => new Date(now) });
      try {
        const admin = await clocked.login(ADMINS.alpha);
        const secret = (await clocked.call('createApiKey', { token: admin, body: { name: 'k', scopes: ['embed-sessions:create', 'customers:read'] } })).body.secret;
        const minted = await clocked.call('createEmbedSession', { token: secret, body: { userEmail: ADMINS.alpha, origin: PORTAL, scopes: ['customers:read'], ttlSeconds: 60 } });
        now += 61_000;
        assertProblem(await clocked.call('listCustomers', { token: minted.body.token, headers: { origin: PORTAL } }), 401, 'token_expired');
      } finally {
        await clocked.close();
      }
    });
  });
});

/**
 * Alpha's Admin page switched off through instance `b` refuses `token` (an Alpha admin's) on instance `a` at the next
 * request, and switched on again lets it through.
 */
async function assertRefusedWhileAdminPageOff(a: TestServer, b: TestServer, token: string): Promise<void> {
  const params = { billingEntityId: demoBillingEntityId('alpha') };
  const switchPage = (adminPageEnabled: boolean) => b.call('updateBillingEntity', { token: b.tokens.licensee, params, body: { adminPageEnabled } });
  assert.equal((await switchPage(false)).status, 200);
  try {
    assertProblem(await a.call('getMe', { token }), 403, 'forbidden');
  } finally {
    assert.equal((await switchPage(true)).status, 200);
  }
  assert.equal((await a.call('getMe', { token })).status, 200);
}

// A token's principal is kept between requests while the tables it was read from are unchanged (identity/principal.ts).
describe('a token\'s principal kept between requests', () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await startTestServer({ shareable: true, customers: 5 });
    b = await startTestServer({ ...a.database });
  });
  after(async () => {
    await b.close();
    await a.close();
  });
  const handWrite = (server: TestServer, table: 'staff' | 'sessions', values: Record<string, unknown>) => server.server.store.db.updateTable(table).set(values);

  it('is answered without reading the session or the admin again', async () => {
    const token = await a.login(ADMINS.beta);
    assert.equal((await a.call('getMe', { token })).status, 200);
    const reads = mock.method(Records.prototype, 'find');
    try {
      assert.equal((await a.call('getMe', { token })).status, 200);
      assert.equal(reads.mock.callCount(), 0, 'no keyed read of a session or an admin');
    } finally {
      reads.mock.restore();
    }
  });

  it('reads the principal of a new token once for the requests that arrive together', async () => {
    const token = await a.login(ADMINS.beta);
    const reads = mock.method(Records.prototype, 'find');
    try {
      const answers = await Promise.all([a.call('getMe', { token }), a.call('getMe', { token }), a.call('getMe', { token })]);
      assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200]);
      assert.equal(reads.mock.callCount(), 2, 'one read of the session and one of the admin');
    } finally {
      reads.mock.restore();
    }
  });

  it('sees an admin locked by hand, in this instance\'s database connection or another\'s, on the next request, with their tokens and their API keys', async () => {
    const created = await a.call('createApiKey', { token: await a.login(ADMINS.beta), body: { name: 'Beta backend', scopes: ['customers:read'] } });
    assert.equal(created.status, 201);
    const key = created.body.secret as string;
    for (const [writer, name] of [[a, 'this instance'], [b, 'another instance']] as const) {
      const token = await a.login(ADMINS.beta);
      assert.equal((await a.call('getMe', { token })).status, 200);
      assert.equal((await a.call('listCustomers', { token: key })).status, 200);
      await handWrite(writer, 'staff', { locked: 1 }).where('email', '=', ADMINS.beta).execute();
      try {
        assertProblem(await a.call('getMe', { token }), 401, 'unauthenticated');
        // A key acts as the admin who made it: it ends with their account.
        assertProblem(await a.call('listCustomers', { token: key }), 401, 'unauthenticated');
      } finally {
        await handWrite(writer, 'staff', { locked: 0 }).where('email', '=', ADMINS.beta).execute();
      }
      assert.equal((await a.call('getMe', { token })).status, 200, `unlocked through ${name}, the token works again`);
      assert.equal((await a.call('listCustomers', { token: key })).status, 200, `unlocked through ${name}, the key works again`);
    }
  });

  it('sees a session revoked by hand, a logout on another instance and an Admin page switched off there', async () => {
    const byHand = await a.login(ADMINS.beta);
    assert.equal((await a.call('getMe', { token: byHand })).status, 200);
    const session = (await b.server.store.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()).id;
    await handWrite(b, 'sessions', { revoked: 1 }).where('id', '=', session).execute();
    assertProblem(await a.call('getMe', { token: byHand }), 401, 'unauthenticated');

    const loggedOut = await a.login(ADMINS.beta);
    assert.equal((await a.call('getMe', { token: loggedOut })).status, 200);
    assert.equal((await b.call('deleteCurrentSession', { token: loggedOut })).status, 204);
    assertProblem(await a.call('getMe', { token: loggedOut }), 401, 'unauthenticated');

    const alpha = await a.login(ADMINS.alpha);
    assert.equal((await a.call('getMe', { token: alpha })).status, 200);
    await assertRefusedWhileAdminPageOff(a, b, alpha);
  });
});

// An API key's principal is kept like a session token's, and its use is noted at most once a minute
// (LAST_USED_EVERY_MS in identity/principal.ts), on every instance.
describe('an API key in use', () => {
  let now = Date.now();
  const clock = () => new Date(now);
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await startTestServer({ shareable: true, customers: 5, now: clock });
    b = await startTestServer({ ...a.database, now: clock });
  });
  after(async () => {
    await b.close();
    await a.close();
  });
  const createKey = async () => {
    const admin = await a.login(ADMINS.alpha);
    const created = await a.call('createApiKey', { token: admin, body: { name: 'Portal backend', scopes: ['customers:read'] } });
    assert.equal(created.status, 201);
    return { admin, id: created.body.apiKey.id as string, secret: created.body.secret as string };
  };

  it('notes its use at most once a minute, so an admin reading and revoking it does not race its use', async () => {
    const { admin, id, secret } = await createKey();
    const read = () => a.call('getApiKey', { token: admin, params: { apiKeyId: id } });
    const use = async (server: TestServer) => assert.equal((await server.call('listCustomers', { token: secret })).status, 200);
    assert.equal((await read()).body.lastUsedAt, null);
    await use(a);
    const first = await read();
    assert.equal(first.body.lastUsedAt, new Date(now).toISOString(), 'the first use is noted');

    now += 30_000;
    await Promise.all([use(a), use(a), use(a), use(b)]);
    const within = await read();
    assert.equal(within.body.lastUsedAt, first.body.lastUsedAt, 'not noted again within the minute, on either instance');
    assert.equal(within.headers.get('etag'), first.headers.get('etag'));

    now += 31_000;
    await Promise.all([use(a), use(a), use(b)]);
    const later = await read();
    assert.equal(later.body.lastUsedAt, new Date(now).toISOString(), 'a minute on, noted again');
    const revoked = await b.call('revokeApiKey', { token: b.tokens.alpha, params: { apiKeyId: id }, headers: { 'if-match': later.headers.get('etag')! } });
    assert.equal(revoked.status, 204);
    assertProblem(await a.call('listCustomers', { token: secret }), 401, 'unauthenticated');
  });

  it('is answered without reading the key again, and refused once its Admin page is switched off on another instance', async () => {
    const { secret } = await createKey();
    // The first use notes itself, a write to the keys; the second reads the key as it is now and keeps it.
    for (let i = 0; i < 2; i++) assert.equal((await a.call('getMe', { token: secret })).status, 200);
    const reads = mock.method(Repository.prototype, 'findAll');
    try {
      assert.equal((await a.call('getMe', { token: secret })).status, 200);
      assert.equal(reads.mock.callCount(), 0, 'no read of the key');
    } finally {
      reads.mock.restore();
    }
    await assertRefusedWhileAdminPageOff(a, b, secret);
  });
});
