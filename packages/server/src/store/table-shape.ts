/**
 * The table an entity definition needs: its columns (portable types, NOT NULL where the schema says so), the JSON
 * rest, and its indexes. Derived, never written by hand: store/sync.ts makes a database match it.
 *
 * Indexes, per owned table (`owner` = the billing entity column; `+hidden` = the column of the entity's hidden rule,
 * appended so counts and seeks never leave the index):
 * - `t__list__f`            (f, id +hidden) for each sorted field: the licensee's pages (a text field's order key,
 *                           `f__order`, in its place: order-key.ts)
 * - `t__scoped_list__f`     (owner, f, id +hidden): a billing entity admin's pages, one arm per billing entity
 * - `t__scoped_e__f`        (owner, e, f, id +hidden) for each enum filter e and sorted field f
 * - `t__lookup__f`          (f, id +hidden) for look-ups and joins (a server's customer, a customer's billing entity)
 * - `t__unique__name`       declared uniqueness rules
 * - search: one trigram index over the contains-searched text fields (see search.ts); on PostgreSQL also, per
 *   searched field f, `t__search_prefix__f` (owner, lower(f) text_pattern_ops +hidden) including f, for a billing
 *   entity admin's prefix matches
 *
 * PostgreSQL also gets statistics over (owner, e) for each enum filter e (`t__stats__owner__e`): how an enum's values
 * are spread over billing entities (every pending signup may sit with one of them), which the planner otherwise takes
 * to be even when it picks an arm's index.
 */
import type { ColumnDefinition } from './columns.js';
import { orderKeyColumnOf, orderKeyColumns } from './order-key.js';
import type { EntityDefinition } from './entity.js';
import { resolve, type JsonSchema } from '../spec/document.js';
import { fieldType } from './filter/fields.js';
import type { PortableColumn } from './schema.js';
import { schemaOf } from './spec-entity.js';

export interface IndexShape {
  name: string;
  columns: string[];
  unique: boolean;
}

/** The owner column and the hidden rule's columns of an owned table: what a billing entity admin's search index leads with and holds. */
export interface SearchScope {
  owner: string;
  hidden: string[];
}

export interface TableShape {
  table: string;
  columns: Record<string, PortableColumn>;
  indexes: IndexShape[];
  /** Columns searched by contains, in one trigram index. */
  searched: string[];
  /** Where the table is owned: the columns its billing entity admins' search indexes lead with and hold. */
  searchScope: SearchScope | null;
  /** Column groups whose combined values the planner is told (PostgreSQL extended statistics). */
  statistics: Array<{ name: string; columns: string[] }>;
}

const INT32_MAX = 2 ** 31 - 1;
/** PostgreSQL cuts identifiers at 63 bytes; longer names get a short hash instead of a silent cut. */
const MAX_NAME = 63;

export function indexName(...parts: string[]): string {
  const name = parts.join('__');
  if (name.length <= MAX_NAME) return name;
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return `${name.slice(0, MAX_NAME - 9)}_${(h >>> 0).toString(16).padStart(8, '0')}`;
}

export function tableShape(entity: EntityDefinition<any>): TableShape {
  const schema = schemaOf(entity);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const columns: Record<string, PortableColumn> = {};
  for (const [field, column] of Object.entries(entity.columns) as Array<[string, ColumnDefinition]>) {
    if (field === 'id') {
      columns[column.column] = { type: 'id', primaryKey: true };
      continue;
    }
    if (!(field in properties)) {
      // A stored field no response shows (a hash): nullable, typed by its definition.
      columns[column.column] = { type: column.type === 'text' ? 'text' : column.type };
      continue;
    }
    const type = fieldType(schema, field);
    const notNull = !type.nullable || Boolean(column.emptyMeansNull);
    if (type.kind === 'uuid') columns[column.column] = { type: 'id', notNull };
    else if (column.type === 'integer') {
      const maximum = Number(resolve<JsonSchema>(properties[field]).maximum ?? INT32_MAX);
      columns[column.column] = { type: maximum > INT32_MAX ? 'bigint' : 'integer', notNull };
    } else if (column.type === 'text') columns[column.column] = { type: 'sort-text', notNull };
    else columns[column.column] = { type: column.type, notNull };
  }
  const col = (field: string) => {
    const column = (entity.columns as Record<string, { column: string } | undefined>)[field];
    if (!column) throw new Error(`${entity.name}: index on "${field}", which is not a column`);
    return column.column;
  };
  columns[entity.dataColumn] = { type: 'json', notNull: true };
  // Filled by every write (entity.ts) and, for rows older than the key, by the sync that adds it.
  for (const { key } of orderKeyColumns(entity)) columns[key] = { type: 'sort-text' };

  const { table, scopeColumn } = entity;
  const hidden = entity.hidden ? [col(entity.hidden.field)] : [];
  const tail = (used: string[]) => ['id', ...hidden].filter((c) => !used.includes(c));
  const indexes: IndexShape[] = [];
  const add = (name: string, columns: string[], unique = false) => indexes.push({ name, columns, unique });
  const plan = entity.indexes;
  const owned = scopeColumn && scopeColumn !== 'id' ? scopeColumn : null;
  /** The column a sorted field's indexes hold: its order key where it has one. */
  const sortedBy = (field: string) => orderKeyColumnOf(entity, field) ?? col(field);
  for (const field of plan.sorted) {
    const c = sortedBy(field);
    add(indexName(table, 'list', c), [c, ...tail([c])]);
    if (owned) add(indexName(table, 'scoped_list', c), [owned, c, ...tail([owned, c])]);
  }
  const statistics: TableShape['statistics'] = [];
  if (owned) {
    for (const filtered of plan.filtered) {
      const e = col(filtered);
      if (e !== owned) statistics.push({ name: indexName(table, 'stats', owned, e), columns: [owned, e] });
      for (const field of plan.sorted) {
        const c = sortedBy(field);
        if (c === e) continue;
        add(indexName(table, `scoped_${e}`, c), [owned, e, c, ...tail([owned, e, c])]);
      }
    }
  }
  for (const field of plan.lookups) {
    const c = col(field);
    add(indexName(table, 'lookup', c), [c, ...tail([c])]);
  }
  for (const rule of plan.unique) add(indexName(table, 'unique', rule.name), rule.fields.map(col), true);
  return { table, columns, indexes, searched: plan.searched.map(col), searchScope: owned ? { owner: owned, hidden } : null, statistics };
}

