/**
 * Portable schema helpers for area migrations: the same calls create the same tables in SQLite and PostgreSQL.
 * Text that lists sort on uses the "C" collation on PostgreSQL so it orders byte-wise like SQLite.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';
import type { Db, DialectName } from './database.js';

export interface Migration {
  /** Unique and stable; never rename one that has shipped. */
  name: string;
  up(db: Db, dialect: DialectName): Promise<void>;
}

export type PortableType = 'id' | 'text' | 'sort-text' | 'integer' | 'bigint' | 'boolean' | 'timestamp' | 'json';

export interface PortableColumn {
  type: PortableType;
  notNull?: boolean;
  primaryKey?: boolean;
  unique?: boolean;
  defaultTo?: string | number;
}

/** Creates a table from portable column types. `timestamp` is ISO text; `boolean` is 0/1; `json` is text. */
export function createTable(
  db: Db,
  dialect: DialectName,
  table: string,
  columns: Record<string, PortableColumn>,
  extend: (builder: CreateTableBuilder<string, string>) => CreateTableBuilder<string, string> = (b) => b,
) {
  let builder = db.schema.createTable(table).ifNotExists() as CreateTableBuilder<string, string>;
  for (const [name, column] of Object.entries(columns)) {
    const type = column.type === 'integer' || column.type === 'boolean' ? 'integer' : column.type === 'bigint' ? 'bigint' : 'text';
    builder = builder.addColumn(name, type, (c: ColumnDefinitionBuilder) => {
      let col = c;
      if (column.primaryKey) col = col.primaryKey();
      if (column.notNull || column.primaryKey) col = col.notNull();
      if (column.unique) col = col.unique();
      if (column.defaultTo !== undefined) col = col.defaultTo(column.defaultTo);
      if ((column.type === 'sort-text' || column.type === 'id' || column.type === 'timestamp') && dialect === 'postgres') {
        col = col.modifyEnd(sql`collate "C"`);
      }
      return col;
    });
  }
  return extend(builder).execute();
}

export async function createIndex(db: Db, table: string, columns: string[], options: { unique?: boolean; name?: string } = {}) {
  let builder = db.schema.createIndex(options.name ?? `${table}__${columns.join('__')}`).ifNotExists().on(table).columns(columns);
  if (options.unique) builder = builder.unique();
  await builder.execute();
}

/**
 * The indexes that keep every page of a list equally fast: (sort column, id) for unscoped callers and
 * (scope column, sort column, id) for billing entity admins, for each sortable column. `include` appends columns
 * every list query tests (an entity's `hidden` rule), so counts and offset seeks never leave the index.
 */
export async function createListIndexes(
  db: Db,
  table: string,
  sortColumns: string[],
  scopeColumn: string | null,
  options: { idColumn?: string; include?: string[] } = {},
) {
  const id = options.idColumn ?? 'id';
  const include = options.include ?? [];
  for (const column of sortColumns) {
    const trailing = include.filter((c) => c !== column);
    await createIndex(db, table, [column, id, ...trailing], { name: `${table}__list__${column}` });
    if (scopeColumn) await createIndex(db, table, [scopeColumn, column, id, ...trailing], { name: `${table}__scoped_list__${column}` });
  }
}
