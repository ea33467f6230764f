/**
 * Entities derived from their list operation. The real columns of a table are exactly the fields its list filters
 * or sorts on (plus the id and the owning billing entity), so they are read from the operation's `x-fco-list` and
 * typed from the item schema; the table and its list indexes follow from the same definition. A read-only kind of
 * resource is then one call, and the spec stays the one place that says which fields a list offers.
 */
import { operation, resolve, type JsonSchema } from '../spec/document.js';
import type { OperationId } from '../http/operation.js';
import type { Db, DialectName } from './database.js';
import { defineEntity, type ColumnDefinition, type ColumnType, type EntityDefinition } from './entity.js';
import { fieldType, type FieldKind } from './filter/fields.js';
import { createIndex, createListIndexes, createTable, type PortableColumn } from './schema.js';

interface SpecOrigin {
  /** The list operation the columns come from. */
  listOperation: OperationId;
  /** Fields looked up by equality from other objects (a server's disks): each gets an index. */
  lookups: readonly string[];
}

/** Where each spec entity came from (kept beside the definition so handlers infer types from a plain one). */
const origins = new WeakMap<EntityDefinition<any>, SpecOrigin>();

export function listOperationOf(entity: EntityDefinition<any>): OperationId {
  return originOf(entity).listOperation;
}

function originOf(entity: EntityDefinition<any>): SpecOrigin {
  const origin = origins.get(entity);
  if (!origin) throw new Error(`${entity.name} is not an entity made by specEntity()`);
  return origin;
}

export interface SpecEntityOptions<T extends { id: string }> {
  name: string;
  table: string;
  listOperation: OperationId;
  /** The field naming the owning billing entity; null for platform data (hardware). */
  scopeField: (keyof T & string) | null;
  defaultOrder: EntityDefinition<T>['defaultOrder'];
  lookups?: ReadonlyArray<keyof T & string>;
}

const INT32_MAX = 2 ** 31 - 1;

export const columnName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const COLUMN_TYPES: Record<FieldKind, ColumnType> = {
  string: 'text', enum: 'text', uuid: 'text', date: 'text', number: 'text',
  timestamp: 'timestamp', integer: 'integer', boolean: 'boolean',
};

function listOf(listOperation: OperationId) {
  const list = operation(listOperation).list;
  if (!list) throw new Error(`${listOperation} is not a list operation`);
  return list;
}

export function specEntity<T extends { id: string }>(options: SpecEntityOptions<T>): EntityDefinition<T> {
  const list = listOf(options.listOperation);
  const fields = new Set<string>(['id', ...(options.scopeField ? [options.scopeField] : []), ...list.filterable, ...list.sortable, ...(options.lookups ?? [])]);
  const columns: Record<string, ColumnDefinition> = {};
  for (const field of fields) {
    const type = fieldType(list.itemSchema, field);
    columns[field] = {
      column: columnName(field),
      type: COLUMN_TYPES[type.kind],
      ...(type.nullable && list.sortable.includes(field) ? { emptyMeansNull: true } : {}),
    };
  }
  const definition = defineEntity<T>({
    name: options.name,
    table: options.table,
    scopeColumn: options.scopeField ? columnName(options.scopeField) : null,
    dataColumn: 'data',
    columns: columns as EntityDefinition<T>['columns'],
    defaultOrder: options.defaultOrder,
    fieldOrder: Object.keys((list.itemSchema.properties ?? {}) as object) as Array<keyof T & string>,
  });
  origins.set(definition, { listOperation: options.listOperation, lookups: options.lookups ?? [] });
  return definition;
}

/** The table of a spec entity: its columns (NOT NULL where the schema says so), the JSON rest, and its indexes. */
export async function createSpecEntityTable(db: Db, dialect: DialectName, entity: EntityDefinition<any>): Promise<void> {
  const origin = originOf(entity);
  const list = listOf(origin.listOperation);
  const properties = (list.itemSchema.properties ?? {}) as Record<string, JsonSchema>;
  const table: Record<string, PortableColumn> = {};
  for (const [field, column] of Object.entries(entity.columns) as Array<[string, ColumnDefinition]>) {
    const type = fieldType(list.itemSchema, field);
    const notNull = !type.nullable || Boolean(column.emptyMeansNull);
    if (field === 'id') table[column.column] = { type: 'id', primaryKey: true };
    else if (type.kind === 'uuid') table[column.column] = { type: 'id', notNull };
    else if (column.type === 'integer') {
      const maximum = Number(resolve<JsonSchema>(properties[field]).maximum ?? INT32_MAX);
      table[column.column] = { type: maximum > INT32_MAX ? 'bigint' : 'integer', notNull };
    } else if (column.type === 'text') table[column.column] = { type: 'sort-text', notNull };
    else table[column.column] = { type: column.type, notNull };
  }
  table[entity.dataColumn] = { type: 'json', notNull: true };
  await createTable(db, dialect, entity.table, table);
  await createListIndexes(db, entity.table, list.sortable.map(columnName), entity.scopeColumn);
  for (const field of origin.lookups) await createIndex(db, entity.table, [columnName(field)]);
}
