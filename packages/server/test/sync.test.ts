/**
 * How a spec change reaches an existing database (store/sync.ts): entity tables follow their definitions at every
 * start, moving values between columns and the JSON without losing any, and keeping indexes equal to the derived set.
 * A spec change is simulated by redefining one list's entity with more or fewer stored fields.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Schema } from '../src/spec/types.js';
import { openDatabase } from '../src/store/connect.js';
import { orderKey } from '../src/store/order-key.js';
import type { Database } from '../src/store/database.js';
import type { EntityDefinition } from '../src/store/entity.js';
import { PageTokens } from '../src/store/page-token.js';
import { COUNT_BOUND } from '../src/store/repository.js';
import { ALL_TENANTS } from '../src/store/scope.js';
import { specEntity } from '../src/store/spec-entity.js';
import { underMigrationLock } from '../src/store/store.js';
import { syncEntityTables } from '../src/store/sync.js';
import { TableVersions } from '../src/store/versions.js';
import { PageCache } from '../src/store/page-cache.js';
import { PositionIndex } from '../src/store/positions.js';
import { TenantStore } from '../src/store/tenant-store.js';
import { ChangeFeed } from '../src/store/change-feed.js';
import { testDatabase } from './harness.js';

type SshKey = Schema<'SshKey'>;
const TABLE = 'sync_test_keys';

/** The same list, with `lookups` standing in for fields a spec change adds to (or removes from) the list. */
const version = (lookups: Array<keyof SshKey & string>): EntityDefinition<SshKey> =>
  specEntity<SshKey>({ name: 'key', table: TABLE, listOperation: 'listSshKeys', scopeField: 'billingEntityId', defaultOrder: [{ field: 'name', desc: false }], lookups });

const key = (i: number): SshKey => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `key ${i}`,
  billingEntityId: '00000000-0000-4000-8000-00000000000b',
  customerId: '00000000-0000-4000-8000-00000000000c',
  customerName: 'Northwind Hosting',
  resourceState: 'ACTIVE',
  publicKey: `ssh-ed25519 AAAA${i} user${i}@host`,
  fingerprint: `SHA256:${'x'.repeat(40)}${String(i).padStart(3, '0')}`,
  globalKey: i % 2 === 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('entity tables follow their definitions', () => {
  let database: Database;
  let close: () => Promise<void>;
  let pageTokens: PageTokens;
  const storeFor = () => new TenantStore({ db: database.db, dialect: database.dialect, pageTokens, countBound: COUNT_BOUND, positions: new PositionIndex(), pages: new PageCache(), changes: new ChangeFeed(database, []), versions: new TableVersions() }, ALL_TENANTS);
  // Under the lock every start takes: another test file's migrator must not read the catalogue while this one changes it.
  const sync = (entity: EntityDefinition<any>) => underMigrationLock(database, (db) => syncEntityTables(db, database.dialect, [entity]).then(() => {}));
  const columns = async () =>
    database.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from pragma_table_info(${TABLE})`.execute(database.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${TABLE}`.execute(database.db)).rows.map((r) => r.name);

  const managed = async () =>
    database.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${TABLE}`.execute(database.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${TABLE}`.execute(database.db)).rows.map((r) => r.name);

  before(async () => {
    ({ database, close } = await testDatabase());
    pageTokens = await PageTokens.create('sync-test');
  });
  after(() => close());

  it('creates the table, then adds a column filled from the JSON, then moves it back, keeping every value', async () => {
    const v1 = version([]);
    await sync(v1);
    for (let i = 1; i <= 30; i++) await storeFor().repository(v1).insert(key(i));
    assert.ok(!(await columns()).includes('public_key'));

    // The spec now lists publicKey: a column, filled from the rows' JSON, indexed, and filtered through.
    const v2 = version(['publicKey']);
    await sync(v2);
    assert.ok((await columns()).includes('public_key'));
    const filled = await database.db.selectFrom(TABLE).select(['id', 'public_key']).where('id', '=', key(7).id).executeTakeFirstOrThrow();
    assert.equal(filled.public_key, key(7).publicKey);
    // The planner has statistics for the new index at once (without them SQLite may prefer it over better ones).
    const analyzed = database.dialect === 'sqlite'
      ? (await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where idx = ${`${TABLE}__lookup__public_key`}`.execute(database.db)).rows[0]!.n
      : (await sql<{ n: number }>`select count(*) as n from pg_stats where schemaname = current_schema() and tablename = ${TABLE} and attname = 'public_key'`.execute(database.db)).rows[0]!.n;
    assert.equal(Number(analyzed), 1);
    const repository = storeFor().repository(v2);
    assert.deepEqual(await repository.get(key(7).id), key(7));
    assert.deepEqual((await repository.findAll({ publicKey: key(9).publicKey })).map((k) => k.id), [key(9).id]);

    // And out of the list again: the values go back into the JSON before the column is dropped.
    const v3 = version([]);
    await sync(v3);
    assert.ok(!(await columns()).includes('public_key'));
    for (const i of [1, 7, 30]) assert.deepEqual(await storeFor().repository(v3).get(key(i).id), key(i));
    // Every start syncs; with nothing to change, nothing changes.
    await sync(v3);
    assert.equal((await storeFor().list(v3, { filter: null, order: [], pageSize: 50, binding: 'b' })).totalSize, 30);
  });

  it('makes the order keys of rows written before them, and lists sort by them', async () => {
    const v1 = version([]);
    await sync(v1);
    const names = ['key Zeta', 'key äpfel', 'KEY Apfelbaum', 'key über'];
    for (const [i, name] of names.entries()) await storeFor().repository(v1).insert({ ...key(100 + i), name });
    // The table as the version before order keys left it: no key column, nor its indexes.
    const keyIndexes = (await managed()).filter((name) => name.includes('name__order'));
    for (const name of keyIndexes) await sql`drop index ${sql.id(name)}`.execute(database.db);
    await sql`alter table ${sql.table(TABLE)} drop column name__order`.execute(database.db);
    await sync(v1);
    const keys = await database.db.selectFrom(TABLE).select(['name', 'name__order']).where('id', 'in', names.map((_, i) => key(100 + i).id)).execute();
    assert.deepEqual(Object.fromEntries(keys.map((row) => [row.name, row.name__order])), Object.fromEntries(names.map((name) => [name, orderKey(name)])));
    assert.deepEqual((await managed()).filter((name) => name.includes('name__order')).sort(), keyIndexes.sort(), 'its indexes are there again');
    const page = await storeFor().list(v1, { filter: { kind: 'match', field: 'name', negated: false, mode: 'prefix', text: 'key ' }, order: [{ field: 'name', desc: false }], pageSize: 50, binding: 'b' });
    assert.deepEqual(page.items.map((k) => k.name).filter((name) => names.includes(name)), ['key äpfel', 'KEY Apfelbaum', 'key über', 'key Zeta']);
  });

  it('moves a table made before shapes were recorded: legacy columns of fields now computed go, stored ones stay', async () => {
    // A billing entity table as the hand-written migration of earlier versions made it, with its kept counts.
    const legacy = 'sync_test_legacy';
    await underMigrationLock(database, (db) => sql`create table ${sql.table(legacy)} (id text primary key, billing_entity_id text not null, name text not null,
      fingerprint text not null, resource_state text not null, customer_id text not null, global_key integer not null,
      created_at text not null, updated_at text not null, rule_count integer not null, data text not null)`.execute(db).then(() => {}));
    const row = key(1);
    await database.db.insertInto(legacy).values({
      id: row.id, billing_entity_id: row.billingEntityId, name: row.name, fingerprint: row.fingerprint, resource_state: 'ACTIVE',
      customer_id: row.customerId, global_key: 0, created_at: row.createdAt, updated_at: row.updatedAt, rule_count: 3,
      data: JSON.stringify({ publicKey: row.publicKey, customerName: row.customerName }),
    }).execute();
    const entity = specEntity<SshKey>({ name: 'key', table: legacy, listOperation: 'listSshKeys', scopeField: 'billingEntityId', defaultOrder: [{ field: 'name', desc: false }] });
    await sync(entity);
    const after = database.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from pragma_table_info(${legacy})`.execute(database.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${legacy}`.execute(database.db)).rows.map((r) => r.name);
    assert.ok(!after.includes('rule_count'), 'a column no field of the entity names is dropped');
    // The name it sorts on gets its order key, made for the row that was there before.
    const keys = await sql<{ k: string }>`select name__order as k from ${sql.table(legacy)}`.execute(database.db);
    assert.deepEqual(keys.rows.map((r) => r.k), [orderKey(row.name)]);
    assert.deepEqual(await storeFor().repository(entity).get(row.id), row);
    // Counted the first time it is synced.
    assert.equal((await storeFor().list(entity, { filter: null, order: [], pageSize: 5, binding: 'b' })).totalSize, 1);
  });
});
