/**
 * An entity definition tells the generic repository how one API representation is stored: which fields are real
 * columns (every field a list filters or sorts on, the id, the tenancy column) and that everything else lives in one
 * JSON text column. A new read-only resource is a definition plus a seed step.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { toColumnValue } from './filter/compile.js';

export type ColumnType = 'text' | 'integer' | 'boolean' | 'timestamp';

export interface ColumnDefinition {
  column: string;
  type: ColumnType;
  /**
   * A nullable column that lists sort on stores null as '' so that keyset paging works alike in both dialects
   * (they disagree on where NULL sorts). The repository maps '' back to null.
   */
  emptyMeansNull?: boolean;
  /**
   * A stored form that differs from the representation's (decimal strings as order-preserving text keys, so money
   * sorts and compares by value). Filters and writes encode, reads decode; null never reaches it.
   */
  codec?: { toColumn(value: unknown): unknown; fromColumn(stored: unknown): unknown };
}

export interface EntityDefinition<T extends { id: string }> {
  /** Singular name for messages ("No such customer"). */
  name: string;
  table: string;
  /** Representation field → column. Must contain `id`. */
  columns: { [K in keyof T & string]?: ColumnDefinition } & { id: ColumnDefinition };
  /**
   * The column holding the owning billing entity id, the one thing tenancy filters on. null: the table is not
   * owned by a billing entity (its operations are guarded by scopes alone, e.g. hardware).
   */
  scopeColumn: string | null;
  /**
   * Rows that billing entities other than the owner may also read (an image published to them): a condition on the
   * scope's billing entity ids, ORed with the scope column for reads. Writes still need ownership (`owns`).
   */
  sharedWith?: (eb: ExpressionBuilder<any, any>, billingEntityIds: readonly string[]) => Expression<SqlBool>;
  /** The JSON text column with the rest of the representation. */
  dataColumn: string;
  /** Rows no query ever returns (soft-deleted ones). */
  hidden?: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
  /** Order when the caller gives none (ties by id). */
  defaultOrder: Array<{ field: keyof T & string; desc: boolean }>;
  /**
   * Field order of the representation: stored JSON and columns are merged, then laid out in this order so that
   * bodies (and their ETags) are stable. Defaults to the merge order.
   */
  fieldOrder?: ReadonlyArray<keyof T & string>;
}

export function defineEntity<T extends { id: string }>(definition: EntityDefinition<T>): EntityDefinition<T> {
  if (!definition.columns.id) throw new Error(`Entity ${definition.name} has no id column`);
  return definition;
}

type Row = Record<string, unknown>;

/** API representation → row: real columns, the rest as JSON. */
export function toRow<T extends { id: string }>(definition: EntityDefinition<T>, representation: T): Row {
  const { columns, columnFields } = layoutOf(definition);
  const row: Row = {};
  for (const [field, column] of columns) row[column.column] = toColumnValue((representation as Record<string, unknown>)[field], column);
  // The rest is copied rather than spread-then-deleted: deleting keys makes V8 slow the object down, and seeds call
  // this millions of times.
  const rest: Record<string, unknown> = {};
  for (const field of Object.keys(representation)) {
    if (!columnFields.has(field)) rest[field] = (representation as Record<string, unknown>)[field];
  }
  row[definition.dataColumn] = JSON.stringify(rest);
  return row;
}

interface RowLayout {
  columns: Array<[string, ColumnDefinition]>;
  columnFields: ReadonlySet<string>;
}

const layouts = new WeakMap<EntityDefinition<any>, RowLayout>();

function layoutOf(definition: EntityDefinition<any>): RowLayout {
  let layout = layouts.get(definition);
  if (!layout) {
    const columns = Object.entries(definition.columns) as Array<[string, ColumnDefinition]>;
    layout = { columns, columnFields: new Set(columns.map(([field]) => field)) };
    layouts.set(definition, layout);
  }
  return layout;
}

/** Row → API representation: JSON data merged with the real columns, nulls restored, fields in their order. */
export function fromRow<T extends { id: string }>(definition: EntityDefinition<T>, row: Row): T {
  const data = JSON.parse(String(row[definition.dataColumn] ?? '{}')) as Record<string, unknown>;
  for (const [field, column] of Object.entries(definition.columns) as Array<[string, ColumnDefinition]>) {
    let value = row[column.column];
    if (column.emptyMeansNull && value === '') value = null;
    else if (column.codec && value !== null && value !== undefined) value = column.codec.fromColumn(value);
    else if (column.type === 'boolean') value = value === null || value === undefined ? null : Boolean(Number(value));
    else if (column.type === 'integer' && value !== null && value !== undefined) value = Number(value);
    data[field] = value ?? null;
  }
  const order = definition.fieldOrder;
  if (!order) return data as T;
  const ordered: Record<string, unknown> = {};
  for (const field of order) ordered[field] = data[field];
  return ordered as T;
}
