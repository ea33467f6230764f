/**
 * How a spec change reaches an existing database. Entity tables are never migrated by hand: their shape follows from
 * the entity definitions (which follow from the spec), and every start makes each table match it, under the same
 * lock as the migrations:
 * - a missing table is created;
 * - a new column (a field a list now filters or sorts on) is added and filled from the row's JSON; a text field's
 *   order key (order-key.ts) is made for each row, as writes make it;
 * - a column no longer needed goes: its values move back into the JSON when the field is still stored there
 *   (nothing moves for a field now computed when read, such as a joined name), then it is dropped;
 * - indexes and the search index are made equal to the derived set (new ones built, stale ones dropped).
 * The shape each table was last synced to is recorded (`entity_shapes`), so the next sync knows how old columns were
 * stored. A table seen for the first time also gets its row counters (counters.ts).
 */
import { sql } from 'kysely';
import type { ColumnDefinition, ColumnType } from './columns.js';
import { createCountsTable, recount } from './counters.js';
import type { Db, DialectName } from './database.js';
import type { EntityDefinition } from './entity.js';
import { addColumn, createTable } from './schema.js';
import { orderKey, orderKeyColumns } from './order-key.js';
import { createSearch, dropSearch, searchArtefacts } from './search.js';
import { tableShape, type IndexShape, type TableShape } from './table-shape.js';
import { bumpVersion, createVersionsTable } from './versions.js';

export const SHAPES_TABLE = 'entity_shapes';
/** Rows given their order keys per statement when a sync adds the key column (order-key.ts). */
const ORDER_KEY_BATCH = 1000;

interface RecordedColumn {
  field: string;
  type: ColumnType;
  emptyMeansNull?: boolean;
  codec?: string;
}

interface RecordedShape {
  columns: Record<string, RecordedColumn>;
  /** Index name → its columns (and uniqueness), to rebuild one whose definition changed under the same name. */
  indexes: Record<string, string>;
  searched: string[];
}

const signature = (index: IndexShape) => `${index.unique ? 'unique ' : ''}${index.columns.join(',')}`;

function record(entity: EntityDefinition<any>, shape: TableShape): RecordedShape {
  const columns: Record<string, RecordedColumn> = {};
  for (const [field, c] of Object.entries(entity.columns) as Array<[string, ColumnDefinition]>) {
    columns[c.column] = { field, type: c.type, ...(c.emptyMeansNull ? { emptyMeansNull: true } : {}), ...(c.codec ? { codec: c.codec.name } : {}) };
  }
  return { columns, indexes: Object.fromEntries(shape.indexes.map((i) => [i.name, signature(i)])), searched: shape.searched };
}

export interface SyncResult {
  /** Whether trigram search indexes could be made (PostgreSQL needs the pg_trgm extension). */
  search: boolean;
}

export async function syncEntityTables(db: Db, dialect: DialectName, entities: readonly EntityDefinition<any>[], log: (message: string) => void = () => {}): Promise<SyncResult> {
  await db.schema
    .createTable(SHAPES_TABLE)
    .ifNotExists()
    .addColumn('entity', 'text', (c) => c.primaryKey())
    .addColumn('shape', 'text', (c) => c.notNull())
    .execute();
  await createCountsTable(db);
  await createVersionsTable(db);
  const search = await enableSearch(db, dialect, log);
  // One transaction: a start that fails half-way changes nothing, and the many DDL statements commit once.
  const rewritten: string[] = [];
  await db.transaction().execute(async (trx) => {
    const catalog = await readCatalog(trx, dialect);
    for (const entity of entities) await syncTable(trx, dialect, entity, search, catalog, rewritten);
  });
  // Outside any transaction, as VACUUM must be.
  for (const table of rewritten) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  return { search };
}

/** What the database holds, read once per sync: columns and indexes per table, every object's name. */
interface Catalog {
  columns: Map<string, string[]>;
  indexes: Map<string, string[]>;
  names: Set<string>;
  shapes: Map<string, string>;
}

async function readCatalog(db: Db, dialect: DialectName): Promise<Catalog> {
  const columns =
    dialect === 'sqlite'
      ? await sql<{ tbl: string; col: string }>`select m.name as tbl, p.name as col from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(db)
      : await sql<{ tbl: string; col: string }>`select c.relname as tbl, a.attname as col from pg_attribute a join pg_class c on c.oid = a.attrelid
          join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
          order by c.relname, a.attnum`.execute(db);
  const indexes =
    dialect === 'sqlite'
      ? await sql<{ name: string; tbl: string }>`select name, tbl_name as tbl from sqlite_master where type = 'index'`.execute(db)
      : await sql<{ name: string; tbl: string }>`select indexname as name, tablename as tbl from pg_indexes where schemaname = current_schema()`.execute(db);
  const group = (rows: Array<{ tbl: string }>, value: (row: any) => string) => {
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.tbl, [...(map.get(row.tbl) ?? []), value(row)]);
    return map;
  };
  const shapes = await db.selectFrom(SHAPES_TABLE).select(['entity', 'shape']).execute();
  return {
    columns: group(columns.rows, (r) => r.col),
    indexes: group(indexes.rows, (r) => r.name),
    names: new Set([...columns.rows.map((r) => r.tbl), ...indexes.rows.map((r) => r.name)]),
    shapes: new Map(shapes.map((r) => [String(r.entity), String(r.shape)])),
  };
}

/** PostgreSQL: the pg_trgm extension, in `public` so every schema of the database shares it. */
async function enableSearch(db: Db, dialect: DialectName, log: (message: string) => void): Promise<boolean> {
  if (dialect === 'sqlite') return true;
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    return true;
  } catch (error) {
    log(`pg_trgm is not available (${(error as Error).message}); contains filters will scan instead of using an index`);
    return false;
  }
}

/** `rewritten`: gets the tables whose every row this sync rewrote (PostgreSQL), to be vacuumed once it commits. */
async function syncTable(db: Db, dialect: DialectName, entity: EntityDefinition<any>, searchEnabled: boolean, catalog: Catalog, rewritten: string[]): Promise<void> {
  const shape = tableShape(entity);
  const searched = searchEnabled ? shape.searched : [];
  const { table } = shape;
  const stored = catalog.shapes.get(table);
  const existing = catalog.columns.get(table) ?? [];
  const indexes = new Set(managed(table, catalog.indexes.get(table) ?? []));
  let hasSearch = searchArtefacts(dialect, table, searched, shape.searchScope).every((name) => catalog.names.has(name));
  if (existing.length === 0) {
    await createTable(db, dialect, table, shape.columns);
  } else {
    const recorded: RecordedShape = stored ? JSON.parse(stored) : inferred(entity, existing);
    const wanted = new Map(shape.indexes.map((i) => [i.name, signature(i)]));
    for (const name of indexes) {
      if (wanted.get(name) === undefined || (recorded.indexes[name] !== undefined && recorded.indexes[name] !== wanted.get(name))) {
        await sql`drop index if exists ${sql.id(name)}`.execute(db);
        indexes.delete(name);
      }
    }
    if (recorded.searched.join() !== searched.join()) {
      await dropSearch(db, dialect, table, recorded.searched);
      hasSearch = false;
    }
    const unkeyed = orderKeyColumns(entity).filter(({ key }) => !existing.includes(key));
    // Making the keys rewrites every row, and PostgreSQL gives each index an entry per rewritten row (half a second a
    // thousand rows at a million customers): the indexes go first and are built afterwards, as for a bulk load, and
    // the table is vacuumed once the sync commits (its old rows left behind, index-only scans would read the table).
    // SQLite only touches the indexes of the columns that change, in place.
    if (unkeyed.length > 0 && dialect === 'postgres') {
      rewritten.push(table);
      for (const name of indexes) await sql`drop index if exists ${sql.id(name)}`.execute(db);
      indexes.clear();
      await dropSearch(db, dialect, table, recorded.searched);
      hasSearch = false;
    }
    for (const [name, column] of Object.entries(shape.columns)) {
      if (existing.includes(name)) continue;
      await addColumn(db, dialect, table, name, column);
      const field = Object.entries(entity.columns).find(([, c]) => (c as ColumnDefinition).column === name)?.[0];
      if (field) await fillFromJson(db, dialect, entity, field);
    }
    // After the columns they are made from.
    for (const { column, key } of unkeyed) await fillOrderKeys(db, dialect, table, column, key);
    for (const column of Object.values(entity.columns) as ColumnDefinition[]) {
      const old = recorded.columns[column.column];
      if (!old || !existing.includes(column.column) || Boolean(old.emptyMeansNull) === Boolean(column.emptyMeansNull)) continue;
      // Null stored as '' now (or no longer): rewrite the column's nulls.
      const [from, to] = column.emptyMeansNull ? [null, ''] : ['', null];
      await db.updateTable(table).set({ [column.column]: to }).where(column.column, from === null ? 'is' : '=', from).execute();
    }
    for (const name of existing) {
      if (name in shape.columns) continue;
      const old = recorded.columns[name] ?? { field: camel(name), type: 'text' };
      if (entity.fieldOrder.includes(old.field) && !(old.field in entity.computed)) await moveIntoJson(db, dialect, entity, name, old);
      await db.schema.alterTable(table).dropColumn(name).execute();
    }
  }
  const built = (await createIndexes(db, dialect, shape, indexes, hasSearch ? [] : searched)) + (await syncStatistics(db, dialect, shape));
  // The planner knows nothing of a new index on a table that has rows until its statistics are refreshed, and may
  // meanwhile prefer it where an older one serves far better.
  if (built > 0 && existing.length > 0) await analyzeTable(db, dialect, table);
  const recorded = JSON.stringify({ ...record(entity, shape), searched });
  if (stored === recorded) return;
  if (stored !== undefined) await db.updateTable(SHAPES_TABLE).set({ shape: recorded }).where('entity', '=', table).execute();
  else await db.insertInto(SHAPES_TABLE).values({ entity: table, shape: recorded }).execute();
  // Instances already serving this database keep pages and checkpoints of the table (page-cache.ts, positions.ts),
  // read in its old shape: a new version tells them.
  if (existing.length > 0) await bumpVersion(db, entity);
  // Rows the table held before it was counted (a database made by an earlier version): count them once.
  if (stored === undefined && existing.length > 0) await recount(db, entity);
}

/** Creates the shape's indexes that are not `present`, and the search index over `searched` columns; returns how many. */
async function createIndexes(db: Db, dialect: DialectName, shape: TableShape, present: ReadonlySet<string>, searched: readonly string[]): Promise<number> {
  let built = 0;
  for (const index of shape.indexes) {
    if (present.has(index.name)) continue;
    let builder = db.schema.createIndex(index.name).ifNotExists().on(shape.table).columns(index.columns);
    if (index.unique) builder = builder.unique();
    await builder.execute();
    built++;
  }
  if (searched.length) await createSearch(db, dialect, shape.table, searched, shape.searchScope);
  return built + (searched.length ? 1 : 0);
}

/** PostgreSQL: creates the shape's extended statistics that are missing and drops those it no longer has; returns how many were made. */
async function syncStatistics(db: Db, dialect: DialectName, shape: TableShape): Promise<number> {
  if (dialect !== 'postgres') return 0;
  const present = (
    await sql<{ name: string }>`select s.stxname as name from pg_statistic_ext s join pg_class c on c.oid = s.stxrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = ${shape.table}`.execute(db)
  ).rows.map((r) => r.name);
  const wanted = new Set(shape.statistics.map((s) => s.name));
  for (const name of managed(shape.table, present)) if (!wanted.has(name)) await sql`drop statistics if exists ${sql.id(name)}`.execute(db);
  let made = 0;
  for (const { name, columns } of shape.statistics) {
    if (present.includes(name)) continue;
    await sql`create statistics if not exists ${sql.id(name)} (mcv) on ${sql.join(columns.map((c) => sql.id(c)))} from ${sql.table(shape.table)}`.execute(db);
    made++;
  }
  return made;
}

/** Refreshes a table's planner statistics (SQLite: sampled, so a million rows take a moment). */
async function analyzeTable(db: Db, dialect: DialectName, table: string): Promise<void> {
  if (dialect === 'sqlite') await sql`pragma analysis_limit = 1000`.execute(db);
  await sql`analyze ${sql.table(table)}`.execute(db);
}

/** The search columns a table was last synced with (none where search is unavailable). */
async function searchedColumns(db: Db, table: string): Promise<string[]> {
  const stored = await db.selectFrom(SHAPES_TABLE).select('shape').where('entity', '=', table).executeTakeFirst();
  return stored ? (JSON.parse(String(stored.shape)) as RecordedShape).searched : [];
}

/** Drops an entity's indexes (search included, uniqueness rules kept), for a bulk load that builds them afterwards. */
export async function dropIndexes(db: Db, dialect: DialectName, entity: EntityDefinition<any>): Promise<void> {
  const unique = new Set(tableShape(entity).indexes.filter((i) => i.unique).map((i) => i.name));
  for (const name of await managedIndexes(db, dialect, entity.table)) {
    if (!unique.has(name)) await sql`drop index if exists ${sql.id(name)}`.execute(db);
  }
  await dropSearch(db, dialect, entity.table, await searchedColumns(db, entity.table));
}

/** Builds the indexes dropIndexes dropped. */
export async function buildIndexes(db: Db, dialect: DialectName, entity: EntityDefinition<any>): Promise<void> {
  const shape = tableShape(entity);
  await createIndexes(db, dialect, shape, new Set(await managedIndexes(db, dialect, entity.table)), await searchedColumns(db, entity.table));
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A table made before shapes were recorded: its columns are named after their fields and typed as today. Whether
 * null was stored as '' is not known, so it is taken as not: a column that stores '' now has its nulls rewritten,
 * which changes nothing where there were none.
 */
function inferred(entity: EntityDefinition<any>, columns: readonly string[]): RecordedShape {
  const known = new Map(Object.entries(entity.columns).map(([field, c]) => [(c as ColumnDefinition).column, { field, c: c as ColumnDefinition }]));
  const result: Record<string, RecordedColumn> = {};
  for (const name of columns) {
    const current = known.get(name);
    result[name] = current ? { field: current.field, type: current.c.type } : { field: camel(name), type: 'text' };
  }
  return { columns: result, indexes: {}, searched: [] };
}

/** The indexes this sync manages on a table: named `table__…`, search indexes aside. */
async function managedIndexes(db: Db, dialect: DialectName, table: string): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`.execute(db)).rows
      : (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(db)).rows;
  return managed(table, rows.map((r) => r.name));
}

/** The indexes this sync manages among a table's: named `table__…`, search indexes aside. */
function managed(table: string, names: readonly string[]): string[] {
  const search = `${table}__search`;
  return names.filter((name) => name.startsWith(`${table}__`) && !name.startsWith(search));
}

/** The JSON value of a field, as SQL. */
function jsonValue(dialect: DialectName, data: string, field: string) {
  return dialect === 'sqlite' ? sql`json_extract(${sql.ref(data)}, ${`$.${field}`})` : sql`(cast(${sql.ref(data)} as jsonb) ->> ${field})`;
}

/** A new column takes its values from the JSON, where the field was stored until now. */
async function fillFromJson(db: Db, dialect: DialectName, entity: EntityDefinition<any>, field: string): Promise<void> {
  const column = (entity.columns as Record<string, ColumnDefinition>)[field]!;
  if (column.codec) throw new Error(`${entity.table}.${column.column}: a new column with a codec needs a migration that encodes its values`);
  let value = jsonValue(dialect, entity.dataColumn, field);
  if (dialect === 'postgres' && column.type === 'boolean') {
    value = sql`case cast(${sql.ref(entity.dataColumn)} as jsonb) -> ${field} when 'true'::jsonb then 1 when 'false'::jsonb then 0 end`;
  } else if (dialect === 'postgres' && column.type === 'integer') value = sql`cast(${value} as bigint)`;
  if (column.emptyMeansNull) value = sql`coalesce(${value}, '')`;
  await db.updateTable(entity.table).set({ [column.column]: value }).execute();
}

/**
 * Rows written before their table had an order key column: their keys, made as every write makes them, in batches in
 * id order: SQLite updates each row by its id, PostgreSQL a batch in one statement.
 */
async function fillOrderKeys(db: Db, dialect: DialectName, table: string, column: string, key: string): Promise<void> {
  let after: string | null = null;
  for (;;) {
    let batch = db.selectFrom(table).select(['id', column]).where(key, 'is', null).orderBy('id').limit(ORDER_KEY_BATCH);
    if (after !== null) batch = batch.where('id', '>', after);
    const rows = (await batch.execute()) as Array<Record<string, unknown>>;
    if (rows.length === 0) return;
    const keyed = rows.map((row) => [String(row.id), orderKey(String(row[column] ?? ''))] as const);
    if (dialect === 'sqlite') {
      const update = async (trx: Db) => {
        for (const [id, value] of keyed) await trx.updateTable(table).set({ [key]: value }).where('id', '=', id).execute();
      };
      // One transaction a batch, unless the sync runs in one already.
      await (db.isTransaction ? update(db) : db.transaction().execute(update));
    } else {
      // A VALUES list's columns are column1, column2….
      const values = sql.join(keyed.map(([id, value]) => sql`(${id}, ${value})`));
      await sql`update ${sql.table(table)} set ${sql.ref(key)} = keyed.column2 from (values ${values}) as keyed where ${sql.ref(`${table}.id`)} = keyed.column1`.execute(db);
    }
    after = keyed[keyed.length - 1]![0];
  }
}

/** A column that goes while its field stays stored: its values move into the JSON first. */
async function moveIntoJson(db: Db, dialect: DialectName, entity: EntityDefinition<any>, column: string, old: RecordedColumn): Promise<void> {
  if (old.codec) throw new Error(`${entity.table}.${column}: moving a column with a codec into the JSON needs a migration that decodes its values`);
  const ref = sql.ref(column);
  const data = sql.ref(entity.dataColumn);
  if (dialect === 'sqlite') {
    const value =
      old.type === 'boolean' ? sql`json(case ${ref} when 1 then 'true' when 0 then 'false' else 'null' end)` : old.emptyMeansNull ? sql`nullif(${ref}, '')` : ref;
    await db.updateTable(entity.table).set({ [entity.dataColumn]: sql`json_set(${data}, ${`$.${old.field}`}, ${value})` }).execute();
  } else {
    const value = old.type === 'boolean' ? sql`(${ref} = 1)` : old.emptyMeansNull ? sql`nullif(${ref}, '')` : ref;
    await db
      .updateTable(entity.table)
      .set({ [entity.dataColumn]: sql`cast(jsonb_set(cast(${data} as jsonb), ${`{${old.field}}`}, coalesce(to_jsonb(${value}), 'null'::jsonb)) as text)` })
      .execute();
  }
}

