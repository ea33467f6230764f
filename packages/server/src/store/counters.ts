/**
 * Row counts per entity and owning billing entity, kept in the same transaction as every insert, delete and change of
 * a row's visibility, so an unfiltered list's `totalSize` is a sum of a few counters instead of a count of a million
 * rows. Tables no billing entity owns count under ''. Bulk loads (the seed) recount afterwards.
 */
import { sql, type Expression } from 'kysely';
import type { Db } from './database.js';
import type { EntityDefinition } from './entity.js';
import type { TenantScope } from './scope.js';

export const COUNTS_TABLE = 'entity_counts';

const key = (entity: EntityDefinition<any>) => entity.table;

export async function createCountsTable(db: Db): Promise<void> {
  await db.schema
    .createTable(COUNTS_TABLE)
    .ifNotExists()
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('billing_entity_id', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${COUNTS_TABLE}_pk`, ['entity', 'billing_entity_id'])
    .execute();
}

export async function adjustCount(db: Db, entity: EntityDefinition<any>, owner: string | null, delta: number): Promise<void> {
  if (delta === 0) return;
  await db
    .insertInto(COUNTS_TABLE)
    .values({ entity: key(entity), billing_entity_id: owner ?? '', n: delta })
    .onConflict((oc) => oc.columns(['entity', 'billing_entity_id']).doUpdateSet({ n: sql`${sql.ref(`${COUNTS_TABLE}.n`)} + ${delta}` }))
    .execute();
}

/** The rows of the entity the scope owns (not counting rows merely shared with it). */
export async function countedTotal(db: Db, entity: EntityDefinition<any>, scope: TenantScope): Promise<number> {
  let query = db.selectFrom(COUNTS_TABLE).select((eb) => eb.fn.sum<number>('n').as('n')).where('entity', '=', key(entity));
  if (!scope.all && entity.scopeColumn) {
    if (scope.billingEntityIds.length === 0) return 0;
    query = query.where('billing_entity_id', 'in', scope.billingEntityIds);
  }
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Counts per owner, for sampling each owner's share of an estimate. */
export async function countsByOwner(db: Db, entity: EntityDefinition<any>, owners: readonly string[]): Promise<Map<string, number>> {
  if (owners.length === 0) return new Map();
  const rows = await db.selectFrom(COUNTS_TABLE).select(['billing_entity_id', 'n']).where('entity', '=', key(entity)).where('billing_entity_id', 'in', owners).execute();
  return new Map(rows.map((r) => [String(r.billing_entity_id), Number(r.n)]));
}

/** The billing entities that own rows of the entity (for merging a page from one small query per owner). */
export async function owners(db: Db, entity: EntityDefinition<any>): Promise<string[]> {
  const rows = await db.selectFrom(COUNTS_TABLE).select('billing_entity_id').where('entity', '=', key(entity)).where('n', '>', 0).orderBy('billing_entity_id').execute();
  return rows.map((r) => String(r.billing_entity_id));
}

/** Sets the counters from the rows (after a bulk load, or the first time a table is counted). */
export async function recount(db: Db, entity: EntityDefinition<any>): Promise<void> {
  const table = entity.table;
  const visible = entity.hidden
    ? sql`where ${sql.ref(`${table}.${(entity.columns as Record<string, { column: string }>)[entity.hidden.field]!.column}`)} <> ${entity.hidden.equals}`
    : sql``;
  await db.deleteFrom(COUNTS_TABLE).where('entity', '=', key(entity)).execute();
  if (entity.scopeColumn) {
    const owner = sql.ref(`${table}.${entity.scopeColumn}`);
    await sql`insert into ${sql.table(COUNTS_TABLE)} (entity, billing_entity_id, n)
      select ${key(entity)}, ${owner}, count(*) from ${sql.table(table)} ${visible} group by ${owner}`.execute(db);
  } else {
    await sql`insert into ${sql.table(COUNTS_TABLE)} (entity, billing_entity_id, n)
      select ${key(entity)}, '', count(*) from ${sql.table(table)} ${visible}`.execute(db);
  }
}

/** A SQL expression counting an entity's rows owned by the billing entity `owner` names (a billing entity's customers). */
export function countOf(entity: EntityDefinition<any>, owner: Expression<unknown>) {
  return sql<number>`coalesce((select ${sql.ref(`${COUNTS_TABLE}.n`)} from ${sql.table(COUNTS_TABLE)} where ${sql.ref(`${COUNTS_TABLE}.entity`)} = ${key(entity)} and ${sql.ref(`${COUNTS_TABLE}.billing_entity_id`)} = ${owner}), 0)`;
}
