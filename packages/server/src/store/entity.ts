/**
 * An entity definition tells the store how one API representation is stored: which fields are real columns (every
 * field a list filters or sorts on, the id, the owning billing entity, look-ups), which are computed when read
 * (names joined from other tables, counts), which indexes its lists need, and that everything else lives in one JSON
 * text column. Definitions are derived from the spec (spec-entity.ts); the table follows from the definition
 * (table-shape.ts, sync.ts), so no area writes a migration for its entities.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { fromColumnValue, toColumnValue, type ColumnDefinition, type ColumnType } from './columns.js';
import { orderKey, orderKeyColumns } from './order-key.js';
import type { BillingEntityScope } from './scope.js';

/** A field read from another entity's row through a reference of this one (a server's customer's name). */
export interface JoinedField {
  kind: 'join';
  /** The field of this entity holding the other row's id. */
  via: string;
  /** The other entity (a function: definitions refer to each other). */
  target: () => EntityDefinition<any>;
  /** The field of the other entity whose value is shown. */
  field: string;
  /**
   * The other row always belongs to the same billing entity (a resource's customer): a billing entity admin's query
   * then also narrows the other table by its scope, so its (scope, field) index can lead the join.
   */
  sameTenant?: boolean;
}

/** A field computed in SQL from the row (a count, whether anything refers to it). */
export interface SqlField {
  kind: 'sql';
  type: ColumnType;
  /** The value for the current row; `ref(field)` names a column of this entity's row. */
  select: (ref: (field: string) => Expression<any>, eb: ExpressionBuilder<any, any>) => Expression<any>;
}

export type ComputedField = JoinedField | SqlField;

export interface IndexPlan {
  /** Fields lists sort on: (field, id) and, for owned tables, (owner, field, id). */
  sorted: readonly string[];
  /** Enum fields lists filter on: (owner, enum, sorted field, id) for each sorted field. */
  filtered: readonly string[];
  /** Fields other objects look rows up by: (field, id). */
  lookups: readonly string[];
  /** Text fields searched by contains (`:`): a trigram index each. */
  searched: readonly string[];
  /** Sorted text fields that sort by their order key (order-key.ts), stored beside them and indexed instead. */
  keyed: readonly string[];
  /** Uniqueness rules. */
  unique: ReadonlyArray<{ name: string; fields: readonly string[] }>;
}

export interface EntityDefinition<T extends { id: string }> {
  /** Singular name for messages ("No such customer"). */
  name: string;
  table: string;
  /** Stored field → column. Must contain `id`. */
  columns: { [K in keyof T & string]?: ColumnDefinition } & { id: ColumnDefinition };
  /** Fields computed when read (never stored). */
  computed: { [K in keyof T & string]?: ComputedField };
  /**
   * The column holding the owning billing entity id, the one thing tenancy filters on. null: the table is not
   * owned by a billing entity (its operations are guarded by scopes alone, e.g. hardware).
   */
  scopeColumn: string | null;
  /**
   * Rows that billing entities other than the owner may also read (an image published to them): a condition on the
   * scope (its billing entities and its lineage), ORed with the scope column for reads. Writes still need ownership
   * (`owns`).
   */
  sharedWith?: (eb: ExpressionBuilder<any, any>, scope: BillingEntityScope) => Expression<SqlBool>;
  /**
   * With `sharedWith`: the billing entities a record's sharing names (publications, exclusions). A write that changes
   * them is logged for each billing entity it adds or drops too, so the change stream reaches the readers who gain or
   * lose the record, not only those of its owner.
   */
  sharedTo?: (record: T) => readonly string[];
  /** The JSON text column with the rest of the representation. */
  dataColumn: string;
  /** Rows no query ever returns nor counts (soft-deleted customers). */
  hidden?: { field: keyof T & string; equals: string };
  /** Order when the caller gives none (ties by id). */
  defaultOrder: Array<{ field: keyof T & string; desc: boolean }>;
  /**
   * The representation's fields in order: bodies (and their ETags) are laid out in it, and a stored field that is
   * not in it (a password hash) never reaches a response.
   */
  fieldOrder: ReadonlyArray<keyof T & string>;
  indexes: IndexPlan;
  /**
   * The kind the change stream reports this entity's writes under (its schema's name, when the spec's `ChangeKind`
   * lists it); writes to other entities are not logged.
   */
  changeKind?: string;
}

type Row = Record<string, unknown>;

/** The alias a computed field is selected under. */
export const computedAlias = (field: string) => `computed_${field}`;

export function isHidden(definition: EntityDefinition<any>, representation: Record<string, unknown>): boolean {
  return definition.hidden !== undefined && representation[definition.hidden.field] === definition.hidden.equals;
}

/** Stored record → row: real columns, the rest as JSON; computed fields are dropped. */
export function toRow<T extends { id: string }>(definition: EntityDefinition<T>, record: T): Row {
  const { columns, columnFields, computedFields, orderKeys } = layoutOf(definition);
  const row: Row = {};
  for (const [field, column] of columns) row[column.column] = toColumnValue((record as Record<string, unknown>)[field], column);
  for (const { column, key } of orderKeys) row[key] = orderKey(String(row[column] ?? ''));
  // The rest is copied rather than spread-then-deleted: deleting keys makes V8 slow the object down, and seeds call
  // this millions of times.
  const rest: Record<string, unknown> = {};
  for (const field of Object.keys(record)) {
    if (!columnFields.has(field) && !computedFields.has(field)) rest[field] = (record as Record<string, unknown>)[field];
  }
  row[definition.dataColumn] = JSON.stringify(rest);
  return row;
}

interface RowLayout {
  columns: Array<[string, ColumnDefinition]>;
  columnFields: ReadonlySet<string>;
  computed: Array<[string, ComputedField]>;
  computedFields: ReadonlySet<string>;
  /** The sorted text fields' columns and their order keys' (order-key.ts). */
  orderKeys: Array<{ column: string; key: string }>;
}

const layouts = new WeakMap<EntityDefinition<any>, RowLayout>();

function layoutOf(definition: EntityDefinition<any>): RowLayout {
  let layout = layouts.get(definition);
  if (!layout) {
    const columns = Object.entries(definition.columns) as Array<[string, ColumnDefinition]>;
    const computed = Object.entries(definition.computed) as Array<[string, ComputedField]>;
    layout = { columns, columnFields: new Set(columns.map(([f]) => f)), computed, computedFields: new Set(computed.map(([f]) => f)), orderKeys: orderKeyColumns(definition) };
    layouts.set(definition, layout);
  }
  return layout;
}

/** The type a computed field's value is read as. */
export function computedType(field: ComputedField): ColumnType {
  if (field.kind === 'sql') return field.type;
  return (field.target().columns as Record<string, ColumnDefinition>)[field.field]!.type;
}

/**
 * Row → stored record: JSON data merged with the real columns and the computed fields, nulls restored. With
 * `internal`, fields outside the representation (hashes, keys) stay; otherwise the record is laid out in the
 * representation's field order, which leaves them out.
 */
export function fromRow<T extends { id: string }>(definition: EntityDefinition<T>, row: Row, internal = false): T {
  const data = JSON.parse(String(row[definition.dataColumn] ?? '{}')) as Record<string, unknown>;
  const { columns, computed } = layoutOf(definition);
  for (const [field, column] of columns) data[field] = fromColumnValue(row[column.column], column);
  for (const [field, spec] of computed) {
    const alias = computedAlias(field);
    if (alias in row) data[field] = fromColumnValue(row[alias], { column: alias, type: computedType(spec) });
  }
  return internal ? (data as T) : present(definition, data as T);
}

/** A record laid out as the representation: the spec's fields in order, nothing else. */
export function present<T extends { id: string }>(definition: EntityDefinition<T>, record: T): T {
  const ordered: Record<string, unknown> = {};
  for (const field of definition.fieldOrder) {
    const value = (record as Record<string, unknown>)[field];
    if (value !== undefined) ordered[field] = value;
  }
  return ordered as T;
}
