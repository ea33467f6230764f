/**
 * The change stream (GET /v1/changes) against a real server: who receives which change (the answer of the caller's
 * own reads is the oracle), resuming and resetting, keep-alive and clean-up, and two instances on one database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient, type OperationEvent } from '@fco-admin/sdk';
import { demoBillingEntityId, LOCAL_DEMO_ORIGINS } from '../src/areas/billing-entities/seed.js';
import { CHANGE_KINDS } from '../src/spec/document.js';
import { entities } from '../src/store/entities.js';
import { logBounds, logBoundsQuery, pruneChangeLog } from '../src/store/change-log.js';
import { ADMINS, startTestServer, type TestServer } from './harness.js';

type Event = OperationEvent<'streamChanges'>;
const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');
const PORTAL = LOCAL_DEMO_ORIGINS[0]!;
const TIMINGS = { keepAliveMs: 300, recheckMs: 300 };

const signup = (suffix: string) => ({
  organisationName: `Live ${suffix}`,
  email: `live-${suffix}@changes.example`,
  firstName: 'Lee',
  lastName: 'Live',
  password: 'correct-horse-battery',
});

/** A change stream read through the SDK, collecting its events. */
class Reader {
  readonly events: Event[] = [];
  readonly ended: Promise<void>;
  /** The answer's head arrived: the server fixed where the stream starts, later writes are delivered. */
  readonly opened: Promise<void>;
  private readonly abort = new AbortController();
  private waiters = new Set<() => void>();

  constructor(url: string, token: string, options: { origin?: string; lastEventId?: string } = {}) {
    const client = createClient({ baseUrl: url, auth: token, retry: false, ...(options.origin ? { headers: { origin: options.origin } } : {}) });
    let opened!: () => void;
    this.opened = new Promise((resolve) => (opened = resolve));
    const stream = client.changes.stream({ signal: this.abort.signal, onResponse: () => opened(), ...(options.lastEventId ? { lastEventId: options.lastEventId } : {}) });
    this.ended = (async () => {
      for await (const event of stream) {
        this.events.push(event);
        for (const wake of this.waiters) wake();
      }
    })();
  }

  /** The change events, as `kind id change`. */
  get changes(): string[] {
    return this.events.flatMap((e) => (e.type === 'change' ? [`${e.data.kind} ${e.data.id} ${e.data.change}`] : []));
  }

  async until(done: (reader: Reader) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      const left = deadline - Date.now();
      assert.ok(left > 0, `timed out waiting for ${what}; got ${JSON.stringify(this.changes)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Ends the stream; a stream that had already failed has reported that to its test, so closing never throws. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.ended.catch(() => {});
  }
}

// Bounded below the runner's per-file limit: a stream that hangs fails here, naming its test, instead of the whole
// file being stopped by the runner with nothing said about where it stood.
describe('change stream', { timeout: 180_000 }, () => {
  let t: TestServer;
  const readers: Reader[] = [];
  const open = async (token: string, options: { origin?: string; lastEventId?: string; on?: TestServer } = {}) => {
    const reader = new Reader((options.on ?? t).url, token, options);
    readers.push(reader);
    await Promise.race([
      reader.opened,
      reader.ended.then(() => assert.fail('the stream ended before it opened')),
      delay(15_000, undefined, { ref: false }).then(() => assert.fail('the stream did not open within 15 s')),
    ]);
    return reader;
  };
  const firstId = async (token: string, filter: string) =>
    (await t.call('listCustomers', { token, query: { filter, pageSize: 1 } })).body.items[0].id as string;
  const ok = (result: { status: number; body: unknown }, status = 200) => assert.equal(result.status, status, JSON.stringify(result.body));

  before(async () => {
    t = await startTestServer({ shareable: true, customers: 40, changeStream: TIMINGS, changeLog: { pollIntervalMs: 100, pruneIntervalMs: 0 } });
  });
  // A server left open keeps the test process alive: whatever failed, it is closed.
  after(
    async () => {
      try {
        await Promise.all(readers.map((r) => r.close()));
      } finally {
        await t?.close();
      }
    },
    { timeout: 60_000 },
  );

  it('has an entity for every kind of the spec', () => {
    const logged = new Set(entities.flatMap((e) => (e.changeKind ? [e.changeKind] : [])));
    assert.deepEqual([...CHANGE_KINDS].filter((k) => !logged.has(k)), []);
  });

  it('delivers to each caller exactly the changes of the objects its reads show, deletions included', async () => {
    const key = (await t.call('createApiKey', {
      token: t.tokens.alpha,
      body: { name: 'Live portal', scopes: ['embed-sessions:create', 'customers:read', 'customers:write', 'users:read'] },
    })).body.secret;
    const embed = async (widgets: string[], scopes = ['customers:read', 'users:read']) =>
      (await t.call('createEmbedSession', { token: key, body: { userEmail: ADMINS.alpha, origin: PORTAL, scopes, widgets } })).body.token as string;
    const callers: Record<string, { token: string; origin?: string }> = {
      licensee: { token: t.tokens.licensee },
      alpha: { token: t.tokens.alpha },
      beta: { token: t.tokens.beta },
      // The users widget lists customers too (its customer picker): without customers:read it has users only.
      usersWidget: { token: await embed(['fco-users'], ['users:read']), origin: PORTAL },
      pendingWidget: { token: await embed(['fco-pending-customers']), origin: PORTAL },
    };
    const streams = Object.fromEntries(await Promise.all(Object.entries(callers).map(async ([name, c]) => [name, await open(c.token, c)] as const)));

    const L = t.tokens.licensee;
    const alphaCustomer = await firstId(L, `billingEntityId = "${ALPHA}"`);
    const kidsCustomer = await firstId(L, `billingEntityId = "${ALPHA_KIDS}"`);
    const betaCustomer = await firstId(L, `billingEntityId = "${BETA}"`);
    const userOf = async (billingEntityId: string) =>
      (await t.call('listUsers', { token: L, query: { filter: `billingEntityId = "${billingEntityId}" AND admin = false`, pageSize: 1 } })).body.items[0].id as string;
    const cluster = (await t.call('listClusters', { token: L, query: { pageSize: 1 } })).body.items[0].id as string;
    const readersBefore: Record<string, Set<string>> = {};
    /** Who can read a customer now (the oracle for its later deletion). */
    const canReadCustomer = async (customerId: string) => {
      const names = new Set<string>();
      for (const [name, c] of Object.entries(callers)) {
        const read = await t.call('getCustomer', { token: c.token, params: { customerId }, ...(c.origin ? { headers: { origin: c.origin } } : {}) });
        if (read.status === 200) names.add(name);
      }
      return names;
    };

    ok(await t.call('updateCustomer', { token: L, params: { customerId: alphaCustomer }, body: { email: 'live-a@changes.example' } }));
    ok(await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: kidsCustomer }, body: { email: 'live-k@changes.example' } }));
    ok(await t.call('updateCustomer', { token: t.tokens.beta, params: { customerId: betaCustomer }, body: { email: 'live-b@changes.example' } }));
    ok(await t.call('lockUser', { token: L, params: { userId: await userOf(ALPHA) } }));
    ok(await t.call('lockUser', { token: L, params: { userId: await userOf(BETA) } }));
    ok(await t.call('updateCluster', { token: L, params: { clusterId: cluster }, body: { description: 'Live' } }));
    // A signup waits for approval (or not); either way it is a created customer, with its first admin user.
    const alphaSignup = (await t.call('signUpCustomer', { params: { billingEntityId: ALPHA }, body: signup('alpha') })).body.customerId as string;
    const betaSignup = (await t.call('signUpCustomer', { params: { billingEntityId: BETA }, body: signup('beta') })).body.customerId as string;
    ok(await t.call('changeCustomerStatus', { token: t.tokens.alpha, params: { customerId: alphaSignup }, body: { status: 'DISABLED' } }));
    readersBefore[betaSignup] = await canReadCustomer(betaSignup);
    readersBefore[alphaSignup] = await canReadCustomer(alphaSignup);
    ok(await t.call('deleteCustomer', { token: t.tokens.beta, params: { customerId: betaSignup } }), 204);
    ok(await t.call('deleteCustomer', { token: L, params: { customerId: alphaSignup } }), 204);

    // The licensee sees everything: its stream is the whole log, and each caller's share follows from its reads.
    const licensee = streams.licensee!;
    await licensee.until((r) => r.changes.includes(`Customer ${alphaSignup} deleted`), 'the last change');
    const all = licensee.events.filter((e): e is Extract<Event, { type: 'change' }> => e.type === 'change');
    assert.ok(all.some((e) => e.data.kind === 'Cluster' && e.data.id === cluster));
    assert.ok(all.some((e) => e.data.kind === 'User' && e.data.change === 'created'), 'a signup creates its admin user');
    const readOperation: Record<string, [string, string]> = { Customer: ['getCustomer', 'customerId'], User: ['getUser', 'userId'], Cluster: ['getCluster', 'clusterId'] };
    const expectations = await Promise.all(
      Object.entries(callers).map(async ([name, c]) => {
        const visible = await Promise.all(
          all.map(async (e) => {
            // A customer deleted later cannot be read now: who could read it before decides, for all its changes.
            if (readersBefore[e.data.id]) return readersBefore[e.data.id]!.has(name);
            if (e.data.change === 'deleted') assert.fail(`no oracle for ${e.data.id}`);
            const [operationId, param] = readOperation[e.data.kind] ?? assert.fail(`unexpected kind ${e.data.kind}`);
            const read = await t.call(operationId, { token: c.token, params: { [param]: e.data.id }, ...(c.origin ? { headers: { origin: c.origin } } : {}) });
            return read.status === 200;
          }),
        );
        return [name, all.filter((_, i) => visible[i]).map((e) => `${e.data.kind} ${e.data.id} ${e.data.change}`)] as const;
      }),
    );
    for (const [name, expected] of expectations) await streams[name]!.until((r) => r.changes.length >= expected.length, `${expected.length} changes for ${name}`);
    await new Promise((r) => setTimeout(r, 100)); // nothing more may come
    for (const [name, expected] of expectations) assert.deepEqual(streams[name]!.changes, expected, name);
    // The oracle is not vacuous: the callers differ as their tenancy and widgets do.
    assert.ok(streams.alpha!.changes.includes(`Customer ${kidsCustomer} updated`));
    assert.ok(!streams.beta!.changes.some((c) => c.includes(alphaCustomer) || c.includes(kidsCustomer)));
    assert.ok(streams.beta!.changes.includes(`Customer ${betaSignup} deleted`));
    assert.ok(!streams.alpha!.changes.some((c) => c.startsWith('Cluster')));
    assert.ok(streams.usersWidget!.changes.length > 0 && streams.usersWidget!.changes.every((c) => c.startsWith('User ')));
    assert.ok(streams.pendingWidget!.changes.length > 0 && streams.pendingWidget!.changes.every((c) => c.startsWith('Customer ')));
    // A change carries the object's new ETag, the one a read gives.
    const last = all.findLast((e) => e.data.id === alphaCustomer)!;
    const read = await t.call('getCustomer', { token: L, params: { customerId: alphaCustomer } });
    assert.equal(last.data.etag, read.headers.get('etag'));
    assert.equal(all.find((e) => e.data.change === 'deleted')!.data.etag, undefined);
  });

  it('tells the billing entity an image is published to that it came and that it went when revoked; no one else learns of it', async () => {
    const L = t.tokens.licensee;
    const kidsToken = await t.login(ADMINS.kids);
    const alphaImages = (await t.call('listImages', { token: t.tokens.alpha, query: { filter: `ownerBillingEntityId = "${ALPHA}"`, pageSize: 50 } })).body.items as { id: string }[];
    let imageId: string | undefined;
    for (const image of alphaImages) {
      const read = (token: string) => t.call('getImage', { token, params: { imageId: image.id } });
      if ((await read(t.tokens.beta)).status === 404 && (await read(kidsToken)).status === 404) {
        imageId = image.id;
        break;
      }
    }
    assert.ok(imageId, 'an image of Alpha that neither Beta nor Alpha Kids sees');
    const [alpha, beta, kids] = await Promise.all([open(t.tokens.alpha), open(t.tokens.beta), open(kidsToken)]);
    const about = (reader: Reader) => reader.changes.filter((c) => c.startsWith(`Image ${imageId} `));

    ok(await t.call('publishImage', { token: L, params: { imageId }, body: { billingEntityId: BETA } }), 201);
    await beta.until((r) => about(r).includes(`Image ${imageId} updated`), 'Beta learns of the image published to it');
    ok(await t.call('revokeImagePublication', { token: L, params: { imageId, billingEntityId: BETA } }), 204);
    await beta.until((r) => about(r).at(-1) === `Image ${imageId} deleted`, 'Beta learns that it lost the image');
    await alpha.until((r) => about(r).length >= 2, 'the owner sees both writes');
    assert.ok(!about(alpha).some((c) => c.endsWith('deleted')), `the owner still has its image: ${about(alpha)}`);

    // A change Alpha Kids does see, made after both: the log is ordered, so any image event for Kids came before it.
    const kidsCustomer = await firstId(L, `billingEntityId = "${ALPHA_KIDS}"`);
    ok(await t.call('updateCustomer', { token: L, params: { customerId: kidsCustomer }, body: { email: 'kids-after@changes.example' } }));
    await kids.until((r) => r.changes.includes(`Customer ${kidsCustomer} updated`), 'the later change reaches Alpha Kids');
    assert.deepEqual(about(kids), []);
    await Promise.all([alpha.close(), beta.close(), kids.close()]);
  });

  it('resumes after Last-Event-ID, and resets when the log no longer has what follows it or never issued it', async () => {
    const L = t.tokens.licensee;
    const customerId = await firstId(L, `billingEntityId = "${BETA}"`);
    const edit = (n: number) => t.call('updateCustomer', { token: L, params: { customerId }, body: { email: `resume-${n}@changes.example` } });
    const first = await open(L);
    await edit(1);
    await edit(2);
    await first.until((r) => r.events.length >= 2, 'two changes');
    await first.close();
    await edit(3);
    await edit(4);
    const resumed = await open(L, { lastEventId: first.events[0]!.id });
    await resumed.until((r) => r.events.length >= 3, 'the changes after the first');
    assert.deepEqual(resumed.events.map((e) => e.type), ['change', 'change', 'change']);
    assert.deepEqual(resumed.events.map((e) => e.id), [first.events[1]!.id, ...resumed.events.slice(1).map((e) => e.id)]);
    let head = resumed.events[2]!.id;

    for (const lastEventId of ['not-a-cursor', '999999999999', first.events[0]!.id]) {
      // The last one was fine a moment ago; pruning the log down to its newest change makes it too old.
      if (lastEventId === first.events[0]!.id) await pruneChangeLog(t.server.store.db, { maxAgeMs: 3_600_000, maxRows: 1 }, new Date());
      const reset = await open(L, { lastEventId });
      await reset.until((r) => r.events.length >= 1, 'a reset');
      assert.deepEqual(reset.events[0], { type: 'reset', id: head, data: {} }, lastEventId);
      await edit(5);
      await reset.until((r) => r.events.length >= 2, 'the next change after the reset');
      assert.equal(reset.events[1]!.type, 'change');
      head = reset.events[1]!.id;
      await reset.close();
    }
  });

  it('starts, from a new session\'s change cursor, with every change made after the session (login and embed)', async () => {
    const key = (await t.call('createApiKey', {
      token: t.tokens.alpha,
      body: { name: 'Cursor portal', scopes: ['embed-sessions:create', 'customers:read'] },
    })).body.secret;
    const grants = {
      login: (await t.call('createSession', { body: { email: ADMINS.alpha, password: 'demo-password' } })).body,
      embed: (await t.call('createEmbedSession', { token: key, body: { userEmail: ADMINS.alpha, origin: PORTAL, scopes: ['customers:read'] } })).body,
    };
    const customerId = await firstId(t.tokens.alpha, `billingEntityId = "${ALPHA}"`);
    // Made after the sessions, before their streams open: a page that read its lists first would not show it.
    ok(await t.call('updateCustomer', { token: t.tokens.licensee, params: { customerId }, body: { email: `cursor-${Date.now()}@changes.example` } }));
    for (const [name, grant] of Object.entries(grants)) {
      assert.match(grant.changeCursor, /^\d+$/, `${name}: a cursor`);
      const reader = await open(grant.token, { lastEventId: grant.changeCursor, ...(name === 'embed' ? { origin: PORTAL } : {}) });
      await reader.until((r) => r.changes.includes(`Customer ${customerId} updated`), `${name}: the change made before the stream opened`);
      assert.equal(reader.events[0]!.type, 'change', `${name}: no reset`);
      await reader.close();
    }
  });

  it('keeps a quiet stream alive, ends it when its token is revoked, and lets go of a client that left', async () => {
    const quiet = await t.call('streamChanges', { token: t.tokens.alpha, events: 0 });
    assert.match(quiet.body, /^: connected\n\n/);
    const response = await fetch(new URL('/v1/changes', t.url), { headers: { authorization: `Bearer ${t.tokens.alpha}` }, signal: AbortSignal.timeout(30_000) });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(': keep-alive')) {
      const chunk = await reader.read();
      assert.ok(!chunk.done, `the stream ended before a keep-alive: ${text}`);
      text += new TextDecoder().decode(chunk.value);
    }
    await reader.cancel();

    const session = await t.login(ADMINS.alpha);
    const revoked = await open(session);
    assert.equal((await t.call('deleteCurrentSession', { token: session })).status, 204);
    // The server ends it at its next check; the client would reconnect and get the 401.
    await Promise.race([revoked.ended, delay(15_000, undefined, { ref: false }).then(() => assert.fail('the revoked session\'s stream goes on'))]);

    await Promise.all(readers.map((r) => r.close()));
    for (let i = 0; t.server.store.changes.readers > 0; i++) {
      assert.ok(i < 100, `${t.server.store.changes.readers} readers left after every client went away`);
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it('delivers the changes of another instance on the same database', async () => {
    const other = await startTestServer({ ...t.database, changeStream: TIMINGS, changeLog: { pollIntervalMs: 100 } });
    try {
      const L = t.tokens.licensee;
      const customerId = await firstId(L, `billingEntityId = "${ALPHA}"`);
      const here = await open(L);
      const there = await open(other.tokens.licensee, { on: other });
      await other.call('updateCustomer', { token: other.tokens.licensee, params: { customerId }, body: { email: 'there@changes.example' } });
      await t.call('updateCustomer', { token: L, params: { customerId }, body: { email: 'here@changes.example' } });
      for (const reader of [here, there]) {
        await reader.until((r) => r.events.length >= 2, 'both instances\' changes');
        assert.deepEqual(reader.changes, [`Customer ${customerId} updated`, `Customer ${customerId} updated`]);
      }
      assert.deepEqual(here.events.map((e) => e.id), there.events.map((e) => e.id));
      await there.close();
    } finally {
      await other.close();
    }
  });
});

describe('the change log\'s bounds', () => {
  it('are its newest and oldest change, each one step of the log\'s index (no scan of the log on SQLite)', async () => {
    const server = await startTestServer({ customers: 5 });
    try {
      const db = server.server.store.db;
      const direct = (await sql<{ head: unknown; oldest: unknown }>`select max(seq) as head, min(seq) as oldest from change_log`.execute(db)).rows[0]!;
      assert.ok(Number(direct.head) > 0, 'the demo seed logged changes');
      assert.deepEqual(await logBounds(db), { head: Number(direct.head), oldest: Number(direct.oldest) });
      if (process.env.FCO_TEST_DB === 'postgres') return; // PostgreSQL plans min() and max() from the index either way
      const plan = (await sql.raw<{ detail: string }>(`explain query plan ${logBoundsQuery(db).compile().sql}`).execute(db)).rows.map((row) => row.detail);
      assert.ok(!plan.some((step) => /^SCAN change_log/.test(step)), plan.join('\n'));
    } finally {
      await server.close();
    }
  });
});
