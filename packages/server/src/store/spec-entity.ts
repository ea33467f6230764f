/**
 * Entities derived from their list operation. The real columns of a table are exactly the fields its list filters
 * or sorts on (plus the id, the owning billing entity and look-ups), read from the operation's `x-fco-list` and typed
 * from the item schema; its indexes follow from the same list (sorts, enum filters, contains searches). The spec
 * stays the one place that says which fields a list offers: change it, and the next start migrates the table
 * (store/sync.ts).
 */
import { CHANGE_KINDS, operation, resolve, schemaNameOf, spec as document, type JsonSchema } from '../spec/document.js';
import type { OperationId, Schemas } from '../spec/types.js';
import { columnName, type Codec, type ColumnDefinition, type ColumnType } from './columns.js';
import type { ComputedField, EntityDefinition } from './entity.js';
import { fieldType, type FieldKind } from './filter/fields.js';

export interface SpecEntityOptions<T extends { id: string }> {
  name: string;
  table: string;
  listOperation: OperationId;
  /** The schema of the representation when richer than the list's items (an invoice with its lines). */
  representation?: keyof Schemas;
  /** The field naming the owning billing entity (`id` for billing entities themselves); null for platform data. */
  scopeField: (keyof T & string) | null;
  defaultOrder: EntityDefinition<T>['defaultOrder'];
  /** Fields other objects look rows up by (a server's disks): stored as columns and indexed. */
  lookups?: ReadonlyArray<keyof T & string>;
  /** Fields computed when read: names joined from other entities, counts. */
  computed?: { [K in keyof T & string]?: ComputedField };
  /** Stored fields that no response shows (a password hash), with their column type. */
  internal?: { [K in keyof T & string]?: ColumnType };
  /** Stored forms for fields whose text does not sort by value (money). */
  codecs?: { [K in keyof T & string]?: Codec };
  hidden?: EntityDefinition<T>['hidden'];
  sharedWith?: EntityDefinition<T>['sharedWith'];
  sharedTo?: EntityDefinition<T>['sharedTo'];
  unique?: EntityDefinition<T>['indexes']['unique'];
  /**
   * A table expected to grow to millions of rows (customers, users, invoices): it also gets an index per enum filter
   * and sortable field, and a trigram index for contains searches. Small tables do without (a scan is as fast).
   */
  large?: boolean;
}

const COLUMN_TYPES: Record<FieldKind, ColumnType> = {
  string: 'text', enum: 'text', uuid: 'text', date: 'text', number: 'text',
  timestamp: 'timestamp', integer: 'integer', boolean: 'boolean',
};

/**
 * Nullable text a list filters or sorts on stores null as '' (see ColumnDefinition.emptyMeansNull). Ids stay NULL:
 * joins and look-ups compare them.
 */
const TEXT_KINDS: ReadonlySet<FieldKind> = new Set(['string', 'enum', 'timestamp', 'date', 'number']);

/** Every definition made here, with the list and schema it came from (for the table shape). */
const origins = new WeakMap<EntityDefinition<any>, { listOperation: OperationId; schema: JsonSchema }>();

export function listOperationOf(entity: EntityDefinition<any>): OperationId {
  const origin = origins.get(entity);
  if (!origin) throw new Error(`${entity.name} is not an entity made by specEntity()`);
  return origin.listOperation;
}

/** The schema a spec entity's fields are typed from (for the table's NOT NULL and integer widths). */
export function schemaOf(entity: EntityDefinition<any>): JsonSchema {
  const origin = origins.get(entity);
  if (!origin) throw new Error(`${entity.name} is not an entity made by specEntity()`);
  return origin.schema;
}

function listOf(listOperation: OperationId) {
  const list = operation(listOperation).list;
  if (!list) throw new Error(`${listOperation} is not a list operation`);
  return list;
}

export function specEntity<T extends { id: string }>(options: SpecEntityOptions<T>): EntityDefinition<T> {
  const list = listOf(options.listOperation);
  const schema = options.representation ? resolve<JsonSchema>((document.components.schemas as Record<string, unknown>)[options.representation]) : list.itemSchema;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const computed = (options.computed ?? {}) as Record<string, ComputedField>;
  const internal = (options.internal ?? {}) as Record<string, ColumnType>;
  const codecs = (options.codecs ?? {}) as Record<string, Codec>;
  const joinedVia = Object.values(computed).flatMap((c) => (c.kind === 'join' ? [c.via] : []));
  const stored = new Set<string>([
    'id', ...(options.scopeField ? [options.scopeField] : []), ...list.filterable, ...list.sortable,
    ...(options.lookups ?? []), ...joinedVia,
  ]);
  const columns: Record<string, ColumnDefinition> = {};
  const kinds = new Map<string, FieldKind>();
  for (const field of stored) {
    if (field in computed) continue;
    // An id the representation does not show (a publication is named by its image and billing entity).
    if (!(field in properties) && field === 'id') {
      columns.id = { column: 'id', type: 'text' };
      continue;
    }
    const type = fieldType(schema, field);
    kinds.set(field, type.kind);
    const codec = codecs[field];
    columns[field] = {
      column: columnName(field),
      type: COLUMN_TYPES[type.kind],
      ...(type.nullable ? { nullable: true } : {}),
      ...(type.nullable && TEXT_KINDS.has(type.kind) && (list.sortable.includes(field) || list.filterable.includes(field)) ? { emptyMeansNull: true } : {}),
      ...(codec ? { codec } : {}),
    };
  }
  for (const [field, type] of Object.entries(internal)) columns[field] = { column: columnName(field), type, nullable: true };
  const isColumn = (field: string) => field in columns && !(field in internal);
  const schemaName = options.representation ?? schemaNameOf(schema);
  const definition: EntityDefinition<T> = {
    name: options.name,
    table: options.table,
    columns: columns as EntityDefinition<T>['columns'],
    computed: computed as EntityDefinition<T>['computed'],
    scopeColumn: options.scopeField ? columnName(options.scopeField) : null,
    ...(options.sharedWith ? { sharedWith: options.sharedWith } : {}),
    ...(options.sharedTo ? { sharedTo: options.sharedTo } : {}),
    dataColumn: 'data',
    ...(options.hidden ? { hidden: options.hidden } : {}),
    defaultOrder: options.defaultOrder,
    fieldOrder: Object.keys(properties) as Array<keyof T & string>,
    indexes: {
      sorted: list.sortable.filter(isColumn),
      filtered: options.large ? list.filterable.filter((f) => isColumn(f) && kinds.get(f) === 'enum') : [],
      // The owner too: (owner, id) pages a billing entity's rows in id order (joins by owner, sampled estimates).
      lookups: [...new Set([...(options.scopeField && options.scopeField !== 'id' ? [options.scopeField] : []), ...(options.lookups ?? []), ...joinedVia])].filter(isColumn),
      searched: options.large ? list.filterable.filter((f) => isColumn(f) && kinds.get(f) === 'string' && !codecs[f]) : [],
      keyed: list.sortable.filter((f) => isColumn(f) && kinds.get(f) === 'string' && !codecs[f]),
      unique: options.unique ?? [],
    },
    ...(schemaName && CHANGE_KINDS.includes(schemaName) ? { changeKind: schemaName } : {}),
  };
  origins.set(definition, { listOperation: options.listOperation, schema });
  return definition;
}

/** A customer's name on a row that names its customer: what every list of customer-owned objects shows. */
export function customerNameOf(customers: () => EntityDefinition<any>, via = 'customerId'): ComputedField {
  return { kind: 'join', via, target: customers, field: 'organisationName', sameTenant: true };
}

/** A billing entity's name on a row owned by one. */
export function billingEntityNameOf(billingEntities: () => EntityDefinition<any>, via = 'billingEntityId'): ComputedField {
  return { kind: 'join', via, target: billingEntities, field: 'name' };
}
