/**
 * How one field of a representation is stored in a real column, and the conversions both ways. Entities, the filter
 * compiler and the table sync all read column definitions from here, so none of them depends on another.
 */
export type ColumnType = 'text' | 'integer' | 'boolean' | 'timestamp';

/** A stored form that differs from the representation's; the name is recorded so a later sync can decode old rows. */
export interface Codec {
  name: string;
  toColumn(value: unknown): unknown;
  fromColumn(stored: unknown): unknown;
}

export interface ColumnDefinition {
  column: string;
  type: ColumnType;
  /** The representation allows null here (stored as NULL, or as '' with emptyMeansNull). */
  nullable?: boolean;
  /**
   * A nullable column that lists sort on stores null as '' so that keyset paging works alike in both dialects
   * (they disagree on where NULL sorts). Reads map '' back to null.
   */
  emptyMeansNull?: boolean;
  /**
   * A stored form that differs from the representation's (decimal strings as order-preserving text keys, so money
   * sorts and compares by value). Filters and writes encode, reads decode; null never reaches it.
   */
  codec?: Codec;
}

/** The stored form of a value: booleans as 0/1, null in sortable nullable columns as '', codecs applied. */
export function toColumnValue(value: unknown, column: ColumnDefinition): unknown {
  if (value === null || value === undefined) return column.emptyMeansNull ? '' : null;
  if (column.type === 'boolean') return value ? 1 : 0;
  if (column.codec) return column.codec.toColumn(value);
  return value;
}

/** The representation's value of a stored one (the inverse of toColumnValue). */
export function fromColumnValue(stored: unknown, column: ColumnDefinition): unknown {
  if (stored === null || stored === undefined) return null;
  if (column.emptyMeansNull && stored === '') return null;
  if (column.codec) return column.codec.fromColumn(stored);
  if (column.type === 'boolean') return Boolean(Number(stored));
  if (column.type === 'integer') return Number(stored);
  return stored;
}

/** `createdAt` → `created_at`: the one naming rule between fields and columns. */
export const columnName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
