/**
 * A version number per entity table, raised in the same transaction as every write to it. Caches of a table's rows
 * (the billing entity tree that every request's tenancy comes from) compare one number per request instead of
 * reading the table, and see every instance's writes on a shared database at once.
 */
import { CompiledQuery, sql } from 'kysely';
import { statementText } from './statement-text.js';
import type { Db } from './database.js';
import type { EntityDefinition } from './entity.js';

export const VERSIONS_TABLE = 'entity_versions';

export async function createVersionsTable(db: Db): Promise<void> {
  await db.schema
    .createTable(VERSIONS_TABLE)
    .ifNotExists()
    .addColumn('entity', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
}

export async function bumpVersion(db: Db, entity: EntityDefinition<any>): Promise<void> {
  await db
    .insertInto(VERSIONS_TABLE)
    .values({ entity: entity.table, version: 1 })
    .onConflict((oc) => oc.column('entity').doUpdateSet({ version: sql`${sql.ref(`${VERSIONS_TABLE}.version`)} + 1` }))
    .execute();
}

export async function versionOf(db: Db, entity: EntityDefinition<any>): Promise<number> {
  const [row] = await versionRows(db, [entity.table]);
  return Number(row?.version ?? 0);
}

/** The versions of several tables as one text (`table@version …`, in name order): equal exactly when none changed. */
export async function versionsOf(db: Db, tables: readonly string[]): Promise<string> {
  const names = [...tables].sort();
  const rows = await versionRows(db, names);
  const version = new Map(rows.map((r) => [String(r.entity), Number(r.version)]));
  return names.map((name) => `${name}@${version.get(name) ?? 0}`).join(' ');
}

/** Read on every request (the tenancy's billing entity tree, kept pages): the text is built once per count of tables. */
async function versionRows(db: Db, tables: readonly string[]): Promise<Array<{ entity: unknown; version: unknown }>> {
  const text = statementText(db, `versions\u0000${tables.length}`, () =>
    db.selectFrom(VERSIONS_TABLE).select(['entity', 'version']).where('entity', 'in', tables.map(() => '')).compile().sql,
  );
  return (await db.executeQuery<{ entity: unknown; version: unknown }>(CompiledQuery.raw(text, [...tables]))).rows;
}
