/**
 * A version number per table, raised in the same transaction as every write to it: by the repository for entity
 * tables, by triggers for the record tables a cache needs (staff, sessions). Caches of a table's rows (the billing
 * entity tree that every request's tenancy comes from, the principal kept per token, kept pages) compare versions per
 * request instead of reading the tables, and see every instance's writes on a shared database at once.
 */
import { CompiledQuery, sql } from 'kysely';
import { statementText } from './statement-text.js';
import type { Db } from './database.js';
import type { EntityDefinition } from './entity.js';
import type { Migration } from './schema.js';

export const VERSIONS_TABLE = 'entity_versions';

export async function createVersionsTable(db: Db): Promise<void> {
  await db.schema
    .createTable(VERSIONS_TABLE)
    .ifNotExists()
    .addColumn('entity', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
}

/**
 * Makes every write to record tables (store/records.ts) raise their version, by trigger: a cache of their rows (the
 * principal kept per token) sees writes that never pass through the store, such as an admin locked by hand.
 */
export function versionTriggersMigration(name: string, tables: readonly string[]): Migration {
  return {
    name,
    async up(db, dialect) {
      await createVersionsTable(db);
      if (dialect === 'postgres') {
        // One function for every table (it raises the version named after the table that fired it), once per statement.
        await sql`create or replace function fco_raise_table_version() returns trigger language plpgsql set search_path from current as $$
          begin
            insert into ${sql.table(VERSIONS_TABLE)} (entity, version) values (TG_TABLE_NAME, 1)
              on conflict (entity) do update set version = ${sql.table(VERSIONS_TABLE)}.version + 1;
            return null;
          end $$`.execute(db);
      }
      for (const table of tables) {
        if (dialect === 'postgres') {
          await sql`create trigger ${sql.id(`${table}_raise_version`)} after insert or update or delete on ${sql.table(table)}
            for each statement execute function fco_raise_table_version()`.execute(db);
          continue;
        }
        for (const event of ['insert', 'update', 'delete']) {
          await sql`create trigger if not exists ${sql.id(`${table}_raise_version_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
            begin
              insert into ${sql.table(VERSIONS_TABLE)} (entity, version) values (${sql.lit(table)}, 1)
                on conflict (entity) do update set version = version + 1;
            end`.execute(db);
        }
      }
    },
  };
}

export async function bumpVersion(db: Db, entity: EntityDefinition<any>): Promise<void> {
  await db
    .insertInto(VERSIONS_TABLE)
    .values({ entity: entity.table, version: 1 })
    .onConflict((oc) => oc.column('entity').doUpdateSet({ version: sql`${sql.ref(`${VERSIONS_TABLE}.version`)} + 1` }))
    .execute();
}

/**
 * Reads the versions of tables for every request (the caller's principal, kept pages). Another instance, or another
 * process on a SQLite file, may have written a moment ago, so every call is answered by a read that starts after the
 * call: the calls made in one turn of the event loop share one read of the whole (small) table, started in the next
 * turn, and a call never joins a read already under way, which could predate a commit its caller has seen. Fifty
 * concurrent requests cost a few reads, not a hundred, and their answers leave together: at 50 clients on SQLite
 * this answered 2.2–2.6 times the `/v1/me` requests a second (1.45 times the customer pages) of answering each
 * request in the turn that parsed it, from versions kept in memory (RESULTS.md).
 * Inside a transaction the rows are always read: its writes may yet be rolled back.
 */
export class TableVersions {
  /** The shared read the calls of this turn of the event loop wait for: not started yet. */
  private next: { db: Db; versions: Promise<ReadonlyMap<string, number>> } | null = null;

  async version(db: Db, table: string): Promise<number> {
    return (await this.read(db, [table])).get(table) ?? 0;
  }

  /** The versions of several tables as one text (`table@version …`, in name order): equal exactly when none changed. */
  async versions(db: Db, tables: readonly string[]): Promise<string> {
    const names = [...tables].sort();
    const version = await this.read(db, names);
    return names.map((name) => `${name}@${version.get(name) ?? 0}`).join(' ');
  }

  private read(db: Db, tables: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (db.isTransaction) return versionRows(db, tables).then(versionMap);
    if (this.next?.db === db) return this.next.versions;
    const next = {
      db,
      versions: new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        // From here on the read is under way: later calls wait for the next one.
        if (this.next === next) this.next = null;
        return allVersions(db);
      }),
    };
    this.next = next;
    return next.versions;
  }
}

async function allVersions(db: Db): Promise<ReadonlyMap<string, number>> {
  return versionMap((await db.executeQuery<VersionRow>(CompiledQuery.raw(`select entity, version from ${VERSIONS_TABLE}`))).rows);
}

interface VersionRow {
  entity: unknown;
  version: unknown;
}

function versionMap(rows: readonly VersionRow[]): Map<string, number> {
  return new Map(rows.map((r) => [String(r.entity), Number(r.version)]));
}

/** Read on every request (the tenancy's billing entity tree, kept pages): the text is built once per count of tables. */
async function versionRows(db: Db, tables: readonly string[]): Promise<VersionRow[]> {
  const text = statementText(db, `versions\u0000${tables.length}`, () =>
    db.selectFrom(VERSIONS_TABLE).select(['entity', 'version']).where('entity', 'in', tables.map(() => '')).compile().sql,
  );
  return (await db.executeQuery<VersionRow>(CompiledQuery.raw(text, [...tables]))).rows;
}
