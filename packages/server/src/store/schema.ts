/**
 * Portable schema helpers: the same calls create the same tables in SQLite and PostgreSQL. Text that lists sort on
 * uses the "C" collation on PostgreSQL so it orders byte-wise like SQLite. Entity tables are made from their
 * definitions (sync.ts); migrations use these helpers for the other tables (sessions, settings, usage).
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
  for (const [name, column] of Object.entries(columns)) builder = builder.addColumn(name, dataType(column), portable(column, dialect));
  return extend(builder).execute();
}

/**
 * Adds a column to a table that may hold rows: nullable whatever the column says (SQLite cannot add a NOT NULL
 * column without a default), filled by the caller.
 */
export async function addColumn(db: Db, dialect: DialectName, table: string, name: string, column: PortableColumn): Promise<void> {
  const added = { type: column.type };
  await db.schema.alterTable(table).addColumn(name, dataType(added), portable(added, dialect)).execute();
}

function dataType(column: PortableColumn) {
  return column.type === 'integer' || column.type === 'boolean' ? 'integer' : column.type === 'bigint' ? 'bigint' : 'text';
}

function portable(column: PortableColumn, dialect: DialectName) {
  return (c: ColumnDefinitionBuilder) => {
    let col = c;
    if (column.primaryKey) col = col.primaryKey();
    if (column.notNull || column.primaryKey) col = col.notNull();
    if (column.unique) col = col.unique();
    if (column.defaultTo !== undefined) col = col.defaultTo(column.defaultTo);
    if ((column.type === 'sort-text' || column.type === 'id' || column.type === 'timestamp') && dialect === 'postgres') {
      col = col.modifyEnd(sql`collate "C"`);
    }
    return col;
  };
}

export async function createIndex(db: Db, table: string, columns: string[], options: { unique?: boolean; name?: string } = {}) {
  let builder = db.schema.createIndex(options.name ?? `${table}__${columns.join('__')}`).ifNotExists().on(table).columns(columns);
  if (options.unique) builder = builder.unique();
  await builder.execute();
}

/**
 * A migration that made entity tables, which are now made from their definitions (sync.ts). It stays in the
 * registry, doing nothing, so that every later migration keeps its key.
 */
export function superseded(name: string): Migration {
  return { name, async up() {} };
}
