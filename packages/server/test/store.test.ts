import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startServer } from '../src/node.js';
import { migrations } from '../src/store/migrations.js';
import { migrationKey } from '../src/store/store.js';
import { callOperation } from './harness.js';

// Two instances on one database agree on the secret (tokens and page tokens work on either) and logout on one
// revokes on both; restarting migrates nothing twice and never re-seeds.
describe('several instances on one database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fco-store-test-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const db = `sqlite:${join(folder, 'shared.db')}`;

  it('share the secret, sessions and data', async () => {
    const a = await startServer({ db, port: 0, customers: 40 });
    const b = await startServer({ db, port: 0, customers: 40 });
    try {
      const login = await callOperation(a.url, 'createSession', { body: { email: 'admin@alpha.demo', password: 'demo-password' } });
      const token = login.body.token;
      assert.equal((await callOperation(b.url, 'getMe', { token })).status, 200);
      const page = await callOperation(a.url, 'listCustomers', { token, query: { pageSize: 5 } });
      const next = await callOperation(b.url, 'listCustomers', { token, query: { pageSize: 5, pageToken: page.body.nextPageToken } });
      assert.equal(next.status, 200);
      assert.equal(next.body.offset, 5);
      assert.equal((await callOperation(b.url, 'deleteCurrentSession', { token })).status, 204);
      assert.equal((await callOperation(a.url, 'getMe', { token })).status, 401);
    } finally {
      await a.close();
      await b.close();
    }
    const again = await startServer({ db, port: 0, customers: 500 });
    try {
      const token = (await callOperation(again.url, 'createSession', { body: { email: 'admin@licensee.demo', password: 'demo-password' } })).body.token;
      assert.equal((await callOperation(again.url, 'listCustomers', { token })).body.totalSize, 40, 'not seeded twice');
    } finally {
      await again.close();
    }
  });
});

describe('migrations', () => {
  it('run in the order of the registry, whatever their names', async () => {
    const server = await startServer({ db: 'sqlite::memory:', port: 0, seed: 'none' });
    try {
      const ran = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(server.store.db);
      assert.deepEqual(ran.rows.map((r) => r.name), migrations.map(migrationKey));
      // The registry lists areas after the areas whose tables they use (products after resources); names alone
      // would sort them the other way.
      assert.ok(migrations.findIndex((m) => m.name === 'products') > migrations.findIndex((m) => m.name === 'resources'));
      assert.ok('products' < 'resources');
    } finally {
      await server.close();
    }
  });
});
