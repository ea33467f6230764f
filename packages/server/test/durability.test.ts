/**
 * Nothing acknowledged is lost: a server killed with SIGKILL under concurrent writers still has every write it
 * acknowledged when it starts again (SQLite file or PostgreSQL, whichever this run tests); acknowledged writes are
 * synced to disk by default (SQLite synchronous=FULL, PostgreSQL synchronous_commit on) unless the named relaxed
 * mode is asked for; instances starting together on one empty PostgreSQL seed it once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore, startServer } from '../src/node.js';
import type { Db } from '../src/store/database.js';
import { ADMINS, callOperation, DEMO_PASSWORD, startTestServer, type TestDatabase, type TestServer } from './harness.js';

const SERVE = fileURLToPath(new URL('./fixtures/serve.ts', import.meta.url));
const POSTGRES = process.env.FCO_TEST_DB === 'postgres';

/** Starts a server in a child process on `database`; resolves with its URL once it listens. */
async function serveInChild(database: TestDatabase): Promise<{ url: string; child: ChildProcess }> {
  const options = { ...database, port: 0, seed: 'none', rateLimit: { limit: 1_000_000, windowSeconds: 60 } };
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', SERVE, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the server process exited with ${code} before listening`))),
  ]);
  return { url: JSON.parse(first).url, child };
}

describe('durability', () => {
  const opened: TestServer[] = [];
  after(async () => {
    for (const server of opened.reverse()) await server.close();
  });

  it('syncs every commit by default; the relaxed mode is asked for by name', async () => {
    const synced = await startTestServer({ seed: 'none', shareable: true, durability: 'full' });
    opened.push(synced);
    const relaxed = await openStore(synced.database.db, { ...(synced.database.pgSchema ? { pgSchema: synced.database.pgSchema } : {}), durability: 'relaxed' });
    // PostgreSQL: the setting and where it came from. `client` means the connection set it itself: on by default
    // whatever the database server's (or a role's) default is, which this machine's server may well share.
    const setting = async (db: Db) => {
      if (POSTGRES) {
        const row = (await sql<{ setting: string; source: string }>`select setting, source from pg_settings where name = 'synchronous_commit'`.execute(db)).rows[0]!;
        return `${row.setting} (${row.source})`;
      }
      return String((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!.synchronous);
    };
    try {
      // SQLite: 2 = FULL, 1 = NORMAL.
      assert.equal(await setting(synced.server.store.db), POSTGRES ? 'on (client)' : '2');
      assert.equal(await setting(relaxed.db), POSTGRES ? 'off (client)' : '1');
    } finally {
      await relaxed.close();
    }
  });

  it('keeps the schema and durability when the PostgreSQL URL carries options of its own, and applies those too', { skip: !POSTGRES && 'PostgreSQL only' }, async () => {
    const owner = await startTestServer({ seed: 'none', shareable: true, durability: 'full' });
    opened.push(owner);
    const show = async (store: { db: Db }, name: string) =>
      (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(store.db)).rows[0]!.value;
    // Without options of the URL's own: parallel query off.
    assert.equal(await show(owner.server.store, 'max_parallel_workers_per_gather'), '0');
    const url = new URL(owner.database.db);
    url.searchParams.set('options', '-c max_parallel_workers_per_gather=2 -c statement_timeout=4321 -c synchronous_commit=off');
    const store = await openStore(url.toString(), { pgSchema: owner.database.pgSchema!, durability: 'full' });
    try {
      assert.equal(await show(store, 'max_parallel_workers_per_gather'), '2');
      assert.equal(await show(store, 'statement_timeout'), '4321ms');
      assert.equal(await show(store, 'synchronous_commit'), 'on');
      assert.equal(await show(store, 'search_path'), owner.database.pgSchema);
    } finally {
      await store.close();
    }
  });

  it('a server killed with SIGKILL under concurrent writers keeps every write it acknowledged', async () => {
    const owner = await startTestServer({ customers: 5, shareable: true });
    opened.push(owner);
    const { url, child } = await serveInChild(owner.database);
    const exited = once(child, 'exit');
    const token = (await callOperation(url, 'createSession', { body: { email: ADMINS.licensee, password: DEMO_PASSWORD } })).body.token;
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const body = { organisationName: `Writer ${w} #${i}`, email: `w${w}-${i}@durability.example`, adminUser: { firstName: 'D', lastName: 'W', email: `admin-w${w}-${i}@durability.example` } };
        try {
          const response = await fetch(`${url}/v1/customers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
          else assert.fail(`create: ${response.status} ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));
    const enough = (async () => {
      while (acknowledged.length < 60) await new Promise((resolve) => setTimeout(resolve, 20));
    })();
    // A writer that fails ends the wait (and the test) at once.
    await Promise.race([enough, writers]);
    killed = true;
    child.kill('SIGKILL');
    await exited;
    await writers;
    const count = acknowledged.length;

    // Started again on the same database: every acknowledged customer is there (the owner's store reads it too).
    const again = await startServer({ ...owner.database, port: 0, seed: 'none' });
    try {
      const stored = await again.store.db.selectFrom('customers').select('id').where('id', 'in', acknowledged).execute();
      assert.equal(stored.length, count, `${count - stored.length} of ${count} acknowledged writes were lost`);
      if (!POSTGRES) assert.equal((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(again.store.db)).rows[0]!.integrity_check, 'ok');
    } finally {
      await again.close();
    }
  });

  it('instances starting together on one empty database seed it once', { skip: !POSTGRES && 'PostgreSQL only: an SQLite file is served by one process at a time' }, async () => {
    const empty = await startTestServer({ seed: 'none', shareable: true });
    opened.push(empty);
    // Without the seed lock both find the database empty, and the second seed fails on the first one's rows.
    const [a, b] = await Promise.all([0, 1].map(() => startServer({ ...empty.database, port: 0, customers: 20 })));
    try {
      const licensee = (await callOperation(a!.url, 'createSession', { body: { email: ADMINS.licensee, password: DEMO_PASSWORD } })).body.token;
      assert.equal((await callOperation(b!.url, 'listCustomers', { token: licensee, query: { pageSize: 1 } })).body.totalSize, 20, 'seeded once');
    } finally {
      await a!.close();
      await b!.close();
    }
  });
});
