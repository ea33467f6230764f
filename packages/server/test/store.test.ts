import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { openStore, startServer } from '../src/node.js';
import { migrations } from '../src/store/migrations.js';
import { dropPostgresSchema, migrationKey } from '../src/store/store.js';
import { customerEntity } from '../src/areas/customers/entity.js';
import { bumpVersion, TableVersions } from '../src/store/versions.js';
import type { Db } from '../src/store/database.js';
import { callOperation, startTestServer } from './harness.js';

// Two instances on one database (a SQLite file, or one PostgreSQL schema) agree on the secret (tokens and page tokens
// work on either), on the billing entity tree, and logout on one revokes on both; restarting migrates nothing twice
// and never re-seeds.
describe('several instances on one database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fco-store-test-'));
  const pg = process.env.FCO_TEST_DB === 'postgres' ? { db: process.env.FCO_TEST_PG_URL!, pgSchema: `test_shared_${process.pid}` } : null;
  const shared = pg ?? { db: `sqlite:${join(folder, 'shared.db')}` };
  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    if (pg) await dropPostgresSchema(pg.db, pg.pgSchema);
  });

  it('share the secret, sessions and data', async () => {
    const a = await startServer({ ...shared, port: 0, customers: 40 });
    const b = await startServer({ ...shared, port: 0, customers: 40 });
    try {
      const login = await callOperation(a.url, 'createSession', { body: { email: 'admin@alpha.demo', password: 'demo-password' } });
      const token = login.body.token;
      assert.equal((await callOperation(b.url, 'getMe', { token })).status, 200);
      const page = await callOperation(a.url, 'listCustomers', { token, query: { pageSize: 5 } });
      const next = await callOperation(b.url, 'listCustomers', { token, query: { pageSize: 5, pageToken: page.body.nextPageToken } });
      assert.equal(next.status, 200);
      assert.equal(next.body.offset, 5);
      // Alpha's Admin page switched off through one instance is refused on the next request to the other.
      const licensee = (await callOperation(a.url, 'createSession', { body: { email: 'admin@licensee.demo', password: 'demo-password' } })).body.token;
      const alpha = demoBillingEntityId('alpha');
      const toggle = async (url: string, adminPageEnabled: boolean) => {
        const current = await callOperation(url, 'getBillingEntity', { token: licensee, params: { billingEntityId: alpha } });
        const headers = { 'if-match': current.headers.get('etag')! };
        assert.equal((await callOperation(url, 'updateBillingEntity', { token: licensee, params: { billingEntityId: alpha }, body: { adminPageEnabled }, headers })).status, 200);
      };
      await toggle(a.url, false);
      assert.equal((await callOperation(b.url, 'getMe', { token })).status, 403);
      await toggle(a.url, true);
      assert.equal((await callOperation(b.url, 'getMe', { token })).status, 200);
      assert.equal((await callOperation(b.url, 'deleteCurrentSession', { token })).status, 204);
      assert.equal((await callOperation(a.url, 'getMe', { token })).status, 401);
    } finally {
      await a.close();
      await b.close();
    }
    const again = await startServer({ ...shared, port: 0, customers: 500 });
    try {
      const token = (await callOperation(again.url, 'createSession', { body: { email: 'admin@licensee.demo', password: 'demo-password' } })).body.token;
      assert.equal((await callOperation(again.url, 'listCustomers', { token })).body.totalSize, 40, 'not seeded twice');
    } finally {
      await again.close();
    }
  });
});

// Pages of lists are kept in memory while the tables they were read from are unchanged (store/page-cache.ts).
describe('pages of lists kept in memory', () => {
  it('answer the same list again, never in another scope, and never after a write through another instance', async () => {
    const a = await startTestServer({ shareable: true, customers: 40 });
    const b = await startTestServer({ ...a.database });
    try {
      const { stats } = a.server.store.pages;
      const byName = { pageSize: 5, orderBy: 'organisationName' };
      const list = (server: typeof a, token: string) => server.call('listCustomers', { token, query: byName });
      const first = await list(a, a.tokens.licensee);
      const hits = stats.hits;
      assert.deepEqual((await list(a, a.tokens.licensee)).body, first.body);
      assert.equal(stats.hits, hits + 1, 'the same page asked again comes from memory');

      // The same request in another tenancy scope is that scope's page.
      const alpha = demoBillingEntityId('alpha');
      const alphaPage = (await list(a, a.tokens.alpha)).body;
      const alphaScope = new Set((await a.call('listBillingEntities', { token: a.tokens.alpha, query: { pageSize: 100 } })).body.items.map((be: { id: string }) => be.id));
      assert.ok(alphaScope.has(alpha));
      assert.ok(alphaPage.items.every((c: { billingEntityId: string }) => alphaScope.has(c.billingEntityId)), 'only customers of Alpha and below');
      assert.ok(alphaPage.totalSize < first.body.totalSize);

      // Written through the other instance: the row, and a name the page joins from another table.
      const top = first.body.items[0];
      const renamed = await b.call('updateCustomer', { token: b.tokens.licensee, params: { customerId: top.id }, body: { organisationName: `${top.organisationName} (renamed)` } });
      assert.equal(renamed.status, 200);
      assert.equal((await list(a, a.tokens.licensee)).body.items[0].organisationName, `${top.organisationName} (renamed)`);
      const owner = top.billingEntityId;
      const beRenamed = await b.call('updateBillingEntity', { token: b.tokens.licensee, params: { billingEntityId: owner }, body: { name: 'Renamed Cloud' } });
      assert.equal(beRenamed.status, 200);
      assert.equal((await list(a, a.tokens.licensee)).body.items[0].billingEntityName, 'Renamed Cloud');

      // Every caller shares a kept page: it cannot be changed in place.
      const request = { filter: null, order: [], pageSize: 3, binding: 'test' };
      await a.server.store.platform().list(customerEntity, request);
      const kept = await a.server.store.platform().list(customerEntity, request);
      assert.throws(() => {
        (kept.items[0] as { organisationName: string }).organisationName = 'changed in place';
      }, TypeError);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('migrations', () => {
  // Kysely's migrator reads every schema's catalogue; a table another schema's instance (a test) drops meanwhile used
  // to fail the migration with "relation … does not exist". Changes outside the migrations take the migration lock.
  it('on PostgreSQL, are not failed by tables dropped beside them through the store', { skip: process.env.FCO_TEST_DB !== 'postgres' && 'PostgreSQL only' }, async () => {
    const url = process.env.FCO_TEST_PG_URL!;
    const schemas = [0, 1, 2, 3].map((i) => `test_race_${process.pid}_${i}`);
    const churning = await openStore(url, { pgSchema: schemas[0]! });
    let done = false;
    let churned = 0;
    const churn = (async () => {
      while (!done) {
        await churning.alterTables((db) => db.schema.createTable('churn').addColumn('id', 'serial', (c) => c.primaryKey()).execute());
        await churning.alterTables((db) => db.schema.dropTable('churn').execute());
        churned++;
      }
    })();
    try {
      for (const schema of schemas.slice(1)) await (await openStore(url, { pgSchema: schema })).close();
      done = true;
      await churn;
      assert.ok(churned > 0, 'tables were dropped while the others migrated');
    } finally {
      done = true;
      await churn.catch(() => {});
      await churning.close();
      for (const schema of schemas) await dropPostgresSchema(url, schema);
    }
  });

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

// Table versions tell every cache whether a table changed (store/versions.ts); on SQLite they are kept between changes.
describe('table versions', () => {
  it('rise with a write on this instance or another, and a rolled-back write leaves them as they were', async () => {
    const a = await startTestServer({ shareable: true, customers: 5 });
    const b = await startTestServer({ ...a.database });
    try {
      const version = () => a.server.store.version(customerEntity);
      const before = await version();
      assert.equal(await version(), before);
      await b.server.store.transaction((s) => bumpVersion(s.db, customerEntity));
      assert.equal(await version(), before + 1, 'a commit of another instance');
      await a.server.store.transaction((s) => bumpVersion(s.db, customerEntity));
      assert.equal(await version(), before + 2, 'a commit of this instance');
      const rolledBack = new Error('rolled back');
      await assert.rejects(
        a.server.store.transaction(async (s) => {
          await bumpVersion(s.db, customerEntity);
          assert.equal(await s.version(customerEntity), before + 3, 'inside the transaction, its own write');
          throw rolledBack;
        }),
        rolledBack,
      );
      assert.equal(await version(), before + 2, 'after the rollback');
      if (a.database.db.startsWith('sqlite:')) {
        // Another process (here a connection this process's stores know nothing of): seen from the next turn of the
        // event loop, so by every request that arrives after its commit.
        const other = new BetterSqlite3(a.database.db.slice('sqlite:'.length));
        other.prepare('update entity_versions set version = version + 1 where entity = ?').run(customerEntity.table);
        other.close();
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(await version(), before + 3, 'a commit of another process');
      }
    } finally {
      await b.close();
      await a.close();
    }
  });
});

// Calls share reads of the versions: the contract is that every call is answered by a read that started after it was
// made, so a request never misses a commit it arrived after.
describe('table versions outside a transaction', () => {
  /** A database whose every versions read is counted, and answers the versions as they are when it starts. */
  function countedDatabase() {
    const database = { reads: 0, version: 1, inFlight: [] as Array<() => void> };
    const db = {
      isTransaction: false,
      executeQuery: (): Promise<{ rows: VersionRow[] }> => {
        database.reads++;
        const rows = [{ entity: 'customers', version: database.version }];
        // Answers once released, as a round trip to a server would.
        return new Promise((resolve) => database.inFlight.push(() => resolve({ rows })));
      },
    } as unknown as Db;
    const release = () => database.inFlight.splice(0).forEach((answer) => answer());
    return { database, db, release };
  }
  type VersionRow = { entity: string; version: number };

  it('answer the calls of one turn of the event loop with one read', async () => {
    const { database, db, release } = countedDatabase();
    const versions = new TableVersions();
    const calls = Array.from({ length: 50 }, () => versions.version(db, 'customers'));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    assert.deepEqual(await Promise.all(calls), Array(50).fill(1));
    assert.equal(database.reads, 1);
  });

  it('never answer a call with a read that was under way before it', async () => {
    const { database, db, release } = countedDatabase();
    const versions = new TableVersions();
    const early = versions.version(db, 'customers');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(database.reads, 1, 'the first read is under way');
    database.version = 2; // a commit the first read may not see
    const late = versions.version(db, 'customers');
    await new Promise((resolve) => setImmediate(resolve));
    release();
    assert.equal(await early, 1);
    assert.equal(await late, 2, 'a call after the commit waits for a read of its own');
    assert.equal(database.reads, 2);
  });
});

describe('planner statistics', () => {
  it('on PostgreSQL, say how each enum filter\'s values spread over billing entities (an arm\'s index depends on it)', { skip: process.env.FCO_TEST_DB !== 'postgres' && 'PostgreSQL only: SQLite has no extended statistics' }, async () => {
    const server = await startTestServer({ customers: 5 });
    try {
      const rows = await sql<{ name: string; columns: string }>`select s.stxname as name, (select string_agg(a.attname, ',' order by a.attnum)
          from pg_attribute a where a.attrelid = s.stxrelid and a.attnum = any(s.stxkeys)) as columns
        from pg_statistic_ext s join pg_class c on c.oid = s.stxrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relname = 'customers'`.execute(server.server.store.db);
      const columns = new Set(rows.rows.map((r) => r.columns));
      assert.ok(columns.has('billing_entity_id,status') && columns.has('billing_entity_id,payment_type'), JSON.stringify(rows.rows));
    } finally {
      await server.close();
    }
  });
});

describe('a billing entity admin\'s prefix matches', () => {
  it('on PostgreSQL, are a range of each owner\'s entries in an index that answers the bounded count alone', { skip: process.env.FCO_TEST_DB !== 'postgres' && 'PostgreSQL only: SQLite matches prefixes through its trigram table' }, async () => {
    const server = await startTestServer();
    try {
      const db = server.server.store.db;
      const owner = demoBillingEntityId('alpha');
      // Statistics and a visibility map, as a table in use has them (a fresh copy of the template has neither).
      await sql`vacuum analyze customers`.execute(db);
      // The count a filter `organisationName = "North*"` makes for a billing entity admin (repository.ts), as it is written.
      const count = sql`select count(*) from (select 1 from customers where billing_entity_id in (${owner}) and status <> 'PENDING_APPROVAL'
        and lower(organisation_name) like 'north%' limit 10001) as bounded`;
      const plan = (await sql<{ 'QUERY PLAN': string }>`explain ${count}`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(plan, /Index Only Scan using customers__search_prefix__organisation_name/, plan);
      // The prefix bounds the range read, not a filter over every entry of the owner.
      assert.match(plan, /Index Cond: .*~>=~ 'north'::text.*~<~ 'norti'::text/, plan);
    } finally {
      await server.close();
    }
  });
});

