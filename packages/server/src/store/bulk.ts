/**
 * Fast multi-row inserts for seeds: rows in batches, batches in transactions. The statement text for a table, its
 * columns and a batch size is built once and reused with new parameters, so a million rows cost no query building;
 * on SQLite the connection also reuses the prepared statement for that text (store/connect.ts).
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db, DialectName } from './database.js';
import { statementText } from './statement-text.js';
import { toRow, type EntityDefinition } from './entity.js';
import { buildIndexes, dropIndexes } from './sync.js';

/** Rows per statement: within SQLite's 32,766 and PostgreSQL's 65,535 parameters for the widest seeded tables. */
const ROWS_PER_STATEMENT = 400;

export async function insertRows(db: Db, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const parameters = uniformParameters(chunk);
    if (parameters) await db.executeQuery(CompiledQuery.raw(insertStatement(db, table, Object.keys(chunk[0]!), chunk.length), parameters));
    // Rows with differing or undefined fields take the query builder, which fills the gaps with column defaults.
    else await db.insertInto(table).values(chunk).execute();
  }
}

/** The chunk's values in column order (the first row's keys), or null when the rows do not all have the same fields. */
function uniformParameters(chunk: Array<Record<string, unknown>>): unknown[] | null {
  const columns = Object.keys(chunk[0]!);
  const parameters = new Array<unknown>(chunk.length * columns.length);
  let k = 0;
  for (const row of chunk) {
    let fields = 0;
    for (const key in row) if (Object.hasOwn(row, key)) fields++;
    if (fields !== columns.length) return null;
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) return null;
      parameters[k++] = value;
    }
  }
  return parameters;
}

/** `insert into table (columns) values (…), (…)` for `count` rows, in the dialect's placeholder style, built once. */
function insertStatement(db: Db, table: string, columns: string[], count: number): string {
  return statementText(db, `insert\u0000${table}\u0000${columns.join('\u0000')}\u0000${count}`, () => {
    const row = sql`(${sql.join(columns.map(() => null))})`;
    return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(new Array(count).fill(row))}`.compile(db).sql;
  });
}

export function entityRows<T extends { id: string }>(
  definition: EntityDefinition<T>,
  items: T[],
  extra?: (item: T) => Record<string, unknown>,
): Array<Record<string, unknown>> {
  return items.map((item) => ({ ...toRow(definition, item), ...(extra?.(item) ?? {}) }));
}

/**
 * Runs a bulk load with the entities' indexes (search included) dropped, then builds them again: building an index
 * over loaded data once is far faster than updating many indexes row by row (a million customers would otherwise
 * take minutes).
 */
export async function withIndexesDeferred<R>(
  store: { db: Db; dialect: DialectName },
  entities: readonly EntityDefinition<any>[],
  load: () => Promise<R>,
  onRebuild?: (done: number, total: number) => void,
): Promise<R> {
  // Each batch of DDL in one transaction: one commit instead of one per index.
  const inTransaction = (fn: (db: Db) => Promise<void>) => (store.db.isTransaction ? fn(store.db) : store.db.transaction().execute(fn));
  await inTransaction(async (db) => {
    for (const entity of entities) await dropIndexes(db, store.dialect, entity);
  });
  try {
    return await load();
  } finally {
    for (const [i, entity] of entities.entries()) {
      onRebuild?.(i, entities.length);
      await inTransaction((db) => buildIndexes(db, store.dialect, entity));
    }
    onRebuild?.(entities.length, entities.length);
  }
}
