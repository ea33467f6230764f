/**
 * The order people read names in. Text columns compare byte by byte on both databases (SQLite's only built-in order,
 * and PostgreSQL's under the columns' C collation), which puts "acme" after "Zenith" and "Ärztekammer" after both.
 * A text field lists sort on therefore also stores a key beside it: the text without accents and in lower case, with
 * "ß" as "ss". Lists sort by the key (ties by id) and their indexes hold it; the key is made here, in one place, when a
 * row is written, so both databases order alike.
 */
import type { ColumnDefinition } from './columns.js';
import type { EntityDefinition } from './entity.js';

/** The key a text sorts by. */
export function orderKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

/** The column holding a column's order key. */
export const orderKeyColumn = (column: string) => `${column}__order`;

const columnOf = (entity: EntityDefinition<any>, field: string) => (entity.columns as Record<string, ColumnDefinition>)[field]!.column;

/** The column a field's order key is kept in, if the field sorts by one. */
export function orderKeyColumnOf(entity: EntityDefinition<any>, field: string): string | null {
  return entity.indexes.keyed.includes(field) ? orderKeyColumn(columnOf(entity, field)) : null;
}

/** An entity's sorted text fields' columns, and the columns their keys are kept in. */
export function orderKeyColumns(entity: EntityDefinition<any>): Array<{ column: string; key: string }> {
  return entity.indexes.keyed.map((field) => ({ column: columnOf(entity, field), key: orderKeyColumn(columnOf(entity, field)) }));
}
