/** Fast multi-row inserts for seeds: rows in batches, batches in transactions. */
import { sql } from 'kysely';
import type { Db, DialectName } from './database.js';
import { toRow, type EntityDefinition } from './entity.js';

const ROWS_PER_STATEMENT = 400;

export async function insertRows(db: Db, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db.insertInto(table).values(rows.slice(i, i + ROWS_PER_STATEMENT)).execute();
  }
}

export function entityRows<T extends { id: string }>(
  definition: EntityDefinition<T>,
  items: T[],
  extra?: (item: T) => Record<string, unknown>,
): Array<Record<string, unknown>> {
  return items.map((item) => ({ ...toRow(definition, item), ...(extra?.(item) ?? {}) }));
}

/**
 * Runs a bulk load with the tables' secondary indexes dropped, then recreates them: building an index over sorted
 * data once is far faster than updating many indexes row by row (a million customers would otherwise take minutes).
 */
export async function withIndexesDeferred<R>(
  store: { db: Db; dialect: DialectName },
  tables: string[],
  load: () => Promise<R>,
  onRebuild?: (done: number, total: number) => void,
): Promise<R> {
  const definitions =
    store.dialect === 'sqlite'
      ? (
          await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(store.db)
        ).rows
      : (
          await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes
            where schemaname = current_schema() and tablename in (${sql.join(tables)})
            and indexname not in (select conname from pg_constraint)`.execute(store.db)
        ).rows;
  for (const index of definitions) await sql.raw(`drop index "${index.name}"`).execute(store.db);
  try {
    return await load();
  } finally {
    for (const [i, index] of definitions.entries()) {
      onRebuild?.(i, definitions.length);
      await sql.raw(index.sql).execute(store.db);
    }
    onRebuild?.(definitions.length, definitions.length);
  }
}
