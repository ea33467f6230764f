/**
 * Sign-in throttling: per account and per client address, 429 with Retry-After, the same answers (and the same
 * password-hashing work) for unknown and known emails, no early end to a lock by the right password, parallel guesses
 * counted, API keys and embed tokens untouched, and the count shared by instances on one database.
 */
import assert from 'node:assert/strict';
import nodeCrypto from 'node:crypto';
import { after, before, describe, it, mock } from 'node:test';
import { LOCAL_DEMO_ORIGINS } from '../src/areas/billing-entities/seed.js';
import { ACCOUNT_POLICY, ADDRESS_POLICY, lockSeconds } from '../src/identity/sign-in-throttle.js';
import { ADMINS, DEMO_PASSWORD, startTestServer, type CallResult, type TestServer } from './harness.js';

const HOUR = 3600_000;
const ADDRESS_FREE = 14;

describe('sign-in throttling', () => {
  let t: TestServer;
  // A frozen clock that tests move on, so Retry-After values compare exactly.
  const start = Date.now();
  let clock = 0;
  before(async () => {
    // The address allows fewer attempts than by default (each is a password hash: time), still more than the
    // attempts of the account tests below.
    t = await startTestServer({ customers: 5, now: () => new Date(start + clock), signInThrottle: { address: { free: ADDRESS_FREE } } });
  });
  after(() => t.close());
  /** Every test starts in a window of its own (counts start afresh after an hour). */
  const nextWindow = () => {
    clock += 2 * HOUR;
  };
  const signIn = (email: string, password: string) => t.call('createSession', { body: { email, password } });
  /** What a caller can tell from an answer: the status, code, message and Retry-After. */
  const seen = (r: CallResult) => [r.status, r.body.code, r.body.detail, r.headers.get('retry-after')];

  it('lock growth: free attempts, then a lock that doubles up to its maximum', () => {
    assert.deepEqual([1, 5, 6, 7, 8, 30].map((n) => lockSeconds(ACCOUNT_POLICY, n)), [0, 0, 30, 60, 120, 900]);
    assert.ok(ADDRESS_POLICY.free > ACCOUNT_POLICY.free);
    assert.ok(ACCOUNT_POLICY.windowSeconds > ACCOUNT_POLICY.maxLockSeconds, 'waiting out a lock does not reset the count');
  });

  it('forty wrong passwords lock the account; the right one is refused until the lock ends; unknown emails alike', async () => {
    nextWindow();
    const known: CallResult[] = [];
    const unknown: CallResult[] = [];
    for (let i = 0; i < 40; i++) {
      known.push(await signIn(ADMINS.alpha, `wrong-${i}`));
      unknown.push(await signIn('nobody-here@alpha.demo', `wrong-${i}`));
    }
    const free = ACCOUNT_POLICY.free + 1; // the attempt that sets the first lock is still checked
    assert.deepEqual(known.map((r) => r.status), [...Array(free).fill(401), ...Array(40 - free).fill(429)]);
    assert.deepEqual(known.map(seen), unknown.map(seen), 'an unknown email is answered exactly like a known one');
    const locked = known.at(-1)!;
    assert.equal(locked.body.code, 'rate_limited');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= ACCOUNT_POLICY.baseLockSeconds, `Retry-After ${retryAfter}`);

    const right = await signIn(ADMINS.alpha, DEMO_PASSWORD);
    assert.equal(right.status, 429, 'the right password does not end the lock early');
    assert.equal(right.body.detail, locked.body.detail);
    clock += retryAfter * 1000;
    assert.equal((await signIn(ADMINS.alpha, DEMO_PASSWORD)).status, 201, 'after the lock, the right password signs in');
    // The success cleared the account's count: a mistake now is just a mistake.
    assert.equal((await signIn(ADMINS.alpha, 'typo')).status, 401);
    assert.equal((await signIn(ADMINS.alpha, DEMO_PASSWORD)).status, 201);
  });

  it('a wrong password after the lock locks it again, for longer', async () => {
    nextWindow();
    for (let i = 0; i <= ACCOUNT_POLICY.free; i++) assert.equal((await signIn(ADMINS.beta, 'wrong')).status, 401);
    const first = Number((await signIn(ADMINS.beta, 'wrong')).headers.get('retry-after'));
    clock += first * 1000;
    assert.equal((await signIn(ADMINS.beta, 'wrong')).status, 401);
    const second = await signIn(ADMINS.beta, DEMO_PASSWORD);
    assert.equal(second.status, 429);
    assert.ok(Number(second.headers.get('retry-after')) > first, 'the lock grew');
  });

  it('parallel guesses are counted before any password is checked', async () => {
    nextWindow();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn(ADMINS.licensee, `guess-${i}`)));
    const checked = results.filter((r) => r.status === 401).length;
    assert.equal(checked, ACCOUNT_POLICY.free + 1, 'only the free attempts and the one that set the lock were checked');
    assert.equal(results.filter((r) => r.status === 429).length, 25 - checked);
  });

  it('one address guessing many accounts is locked, for every account', async () => {
    nextWindow();
    const statuses: number[] = [];
    for (let i = 0; i <= ADDRESS_FREE; i++) statuses.push((await signIn(`spray-${i}@example.com`, 'password1')).status);
    assert.deepEqual(statuses, Array(ADDRESS_FREE + 1).fill(401));
    const next = await signIn(ADMINS.beta, DEMO_PASSWORD);
    assert.equal(next.status, 429);
    assert.ok(Number(next.headers.get('retry-after')) > 0);
    // Successes do not wear the address's count down either: they are taken back, not subtracted from the failures.
    clock += ADDRESS_POLICY.baseLockSeconds * 1000;
    assert.equal((await signIn(ADMINS.beta, DEMO_PASSWORD)).status, 201);
    assert.equal((await signIn('spray-again@example.com', 'password1')).status, 401);
    assert.equal((await signIn(ADMINS.beta, DEMO_PASSWORD)).status, 429);
  });

  it('an unknown email, a wrong password and a locked account cost the same: one password hash with the same parameters', async () => {
    nextWindow();
    // What each sign-in hashed: everything but the password and the salt's bytes (timing follows from these).
    const hashed = async (email: string, password: string) => {
      const scrypt = mock.method(nodeCrypto, 'scrypt');
      try {
        assert.equal((await signIn(email, password)).status, 401);
        return scrypt.mock.calls.map((call) => {
          const [, salt, keyLength, options] = call.arguments;
          return { saltBytes: (salt as Uint8Array).length, keyLength, options };
        });
      } finally {
        scrypt.mock.restore();
      }
    };
    const wrongPassword = await hashed(ADMINS.beta, 'not-the-password');
    assert.equal(wrongPassword.length, 1, 'a sign-in hashes the password once');
    assert.deepEqual(await hashed('nobody-here@beta.demo', 'not-the-password'), wrongPassword, 'unknown email');
    const staff = () => t.server.store.db.updateTable('staff').where('email', '=', ADMINS.beta);
    await staff().set({ locked: 1 }).execute();
    try {
      assert.deepEqual(await hashed(ADMINS.beta, 'not-the-password'), wrongPassword, 'locked account, wrong password');
      assert.deepEqual(await hashed(ADMINS.beta, DEMO_PASSWORD), wrongPassword, 'locked account, right password');
    } finally {
      await staff().set({ locked: 0 }).execute();
    }
  });

  it('API keys and embed tokens of a locked account are not slowed down', async () => {
    nextWindow();
    const admin = await t.login(ADMINS.alpha);
    const key = await t.call('createApiKey', {
      token: admin,
      body: { name: 'portal', scopes: ['embed-sessions:create', 'customers:read'] },
    });
    assert.equal(key.status, 201);
    for (let i = 0; i < 10; i++) await signIn(ADMINS.alpha, 'wrong');
    assert.equal((await signIn(ADMINS.alpha, DEMO_PASSWORD)).status, 429);
    const secret = key.body.secret;
    for (let i = 0; i < 10; i++) assert.equal((await t.call('listCustomers', { token: secret, query: { pageSize: 1 } })).status, 200);
    const origin = LOCAL_DEMO_ORIGINS[0]!;
    const embed = await t.call('createEmbedSession', { token: secret, body: { userEmail: ADMINS.alpha, origin, scopes: ['customers:read'] } });
    assert.equal(embed.status, 201);
    for (let i = 0; i < 10; i++) {
      assert.equal((await t.call('listCustomers', { token: embed.body.token, headers: { origin }, query: { pageSize: 1 } })).status, 200);
    }
    // So is a session token opened before the lock.
    assert.equal((await t.call('getMe', { token: admin })).status, 200);
  });
});

describe('sign-in throttling across instances', () => {
  it('two servers on one database share the count', async () => {
    const a = await startTestServer({ customers: 5, shareable: true });
    const b = await startTestServer({ seed: 'none', ...a.database });
    try {
      for (let i = 0; i <= ACCOUNT_POLICY.free; i++) {
        const server = i % 2 ? a : b;
        assert.equal((await server.call('createSession', { body: { email: ADMINS.beta, password: 'wrong' } })).status, 401);
      }
      assert.equal((await a.call('createSession', { body: { email: ADMINS.beta, password: DEMO_PASSWORD } })).status, 429);
      assert.equal((await b.call('createSession', { body: { email: ADMINS.beta, password: DEMO_PASSWORD } })).status, 429);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
