/**
 * The generic repository: list / get / insert / update / delete of one entity under one tenancy scope. This is the
 * single place tenancy is enforced: every query starts from `scoped()`, so an id or a filter outside the scope finds
 * nothing (404), and page tokens cannot reach past it. Counters (counters.ts) move in the same transaction as writes.
 */
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ApiProblem } from '../problem.js';
import type { ColumnDefinition } from './columns.js';
import { adjustCount, countedTotal, countsByOwner } from './counters.js';
import { etagOf } from './crypto.js';
import type { Db, DialectName } from './database.js';
import { computedAlias, computedType, fromRow, isHidden, present, toRow, type EntityDefinition, type JoinedField } from './entity.js';
import type { CheckedFilter } from './filter/ast.js';
import { compileFilter, type FilterField } from './filter/compile.js';
import type { OrderTerm } from './order-by.js';
import type { PageTokens } from './page-token.js';
import type { TenantScope } from './scope.js';
import { searchCondition } from './search.js';
import { bumpVersion } from './versions.js';

export interface ListRequest {
  filter: CheckedFilter | null;
  /** Caller's order (without the id tie-breaker); empty: the entity's default order. */
  order: OrderTerm[];
  pageSize: number;
  pageToken?: string;
  offset?: number;
  /** What page tokens are bound to (see PageTokens.binding). */
  binding: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string | null;
  totalSize: number;
  /** totalSize is an estimate (a filtered list matching more rows than the count bound). */
  totalSizeEstimated: boolean;
  offset: number;
}

export interface WriteOptions {
  /** The caller's If-Match; checked against the current representation inside the write's transaction. */
  ifMatch?: string | undefined;
}

/** What every repository of one store shares. */
export interface StoreContext {
  db: Db;
  dialect: DialectName;
  pageTokens: PageTokens;
  /** Filtered lists count exactly up to this many matches; beyond, they estimate (default COUNT_BOUND). */
  countBound: number;
}

/** Equality conditions on stored fields (`{ customerId, admin: true }`). */
export type Conditions<T> = { [K in keyof T]?: T[K] };

/** The default count bound: filtered lists count exactly up to this many matches; beyond, they estimate (and say so). */
export const COUNT_BOUND = 10_000;
/** Rows read to estimate a filtered total, spread over the scope's billing entities by their share. */
const SAMPLE_ROWS = 4_000;
/** Caps how many billing entities a scoped page is merged from; larger scopes page with one query. */
const MAX_MERGED_BILLING_ENTITIES = 32;

type Row = Record<string, unknown>;
type Query = SelectQueryBuilder<any, any, any>;

interface SortKey {
  expr: Expression<any>;
  desc: boolean;
}

const joinAlias = (field: string) => `joined_${field}`;
const keyAlias = (i: number) => `k${i}`;

export class Repository<T extends { id: string }> {
  constructor(
    private readonly context: StoreContext,
    private readonly definition: EntityDefinition<T>,
    private readonly scope: TenantScope,
  ) {}

  private get db(): Db {
    return this.context.db;
  }

  private get table(): string {
    return this.definition.table;
  }

  private column(field: string): ColumnDefinition {
    const column = (this.definition.columns as Record<string, ColumnDefinition | undefined>)[field];
    if (!column) throw new Error(`${this.definition.name}: field "${field}" has no column; add it to the entity definition`);
    return column;
  }

  private ref(field: string): Expression<any> {
    return sql.ref(`${this.table}.${this.column(field).column}`);
  }

  private joined(field: string): JoinedField | undefined {
    const computed = (this.definition.computed as Record<string, (typeof this.definition.computed)[keyof T & string]>)[field];
    return computed?.kind === 'join' ? computed : undefined;
  }

  /** A joined field whose reference may be null (a platform job has no customer) takes a LEFT JOIN and sorts as ''. */
  private optionalJoin(join: JoinedField): boolean {
    return Boolean(this.column(join.via).nullable);
  }

  /** How a field is filtered: its value expression, how values are stored, and the search index that can serve it. */
  private filterField(field: string): FilterField {
    const join = this.joined(field);
    if (join) {
      const target = join.target();
      const column = (target.columns as Record<string, ColumnDefinition>)[join.field]!;
      const alias = joinAlias(field);
      const searched = target.indexes.searched.includes(join.field);
      return {
        ref: sql.ref(`${alias}.${column.column}`),
        column,
        ...(searched ? { search: (text, mode) => searchCondition(this.context.dialect, target.table, alias, column.column, text, mode) } : {}),
      };
    }
    const computed = (this.definition.computed as Record<string, any>)[field];
    if (computed) return { ref: this.computedExpression(field), column: { column: computedAlias(field), type: computedType(computed) } };
    const column = this.column(field);
    const searched = this.definition.indexes.searched.includes(field);
    return {
      ref: this.ref(field),
      column,
      ...(searched ? { search: (text, mode) => searchCondition(this.context.dialect, this.table, this.table, column.column, text, mode) } : {}),
    };
  }

  /** The expressions an order term sorts by: a joined name sorts by the name, then by the row it came from. */
  private sortKeys(term: OrderTerm): SortKey[] {
    const join = this.joined(term.field);
    if (join) {
      const { ref } = this.filterField(term.field);
      const via = this.ref(join.via);
      return this.optionalJoin(join)
        ? [{ expr: sql`coalesce(${ref}, '')`, desc: term.desc }, { expr: sql`coalesce(${via}, '')`, desc: term.desc }]
        : [{ expr: ref, desc: term.desc }, { expr: via, desc: term.desc }];
    }
    const computed = (this.definition.computed as Record<string, any>)[term.field];
    if (computed) return [{ expr: this.computedExpression(term.field), desc: term.desc }];
    return [{ expr: this.ref(term.field), desc: term.desc }];
  }

  private computedExpression(field: string): Expression<any> {
    const computed = (this.definition.computed as Record<string, any>)[field];
    if (computed.kind === 'join') return this.filterField(field).ref;
    const value = computed.select((f: string) => this.ref(f), expressionBuilder());
    // Booleans are 0/1 like stored ones, so filters compare them alike in both dialects.
    return computed.type === 'boolean' ? sql`(case when ${value} then 1 else 0 end)` : sql`(${value})`;
  }

  /** The joins a query needs: all of them for rows, only those a filter or order names for counts and seeks. */
  private joinsFor(fields: Iterable<string> | 'all'): string[] {
    const all = Object.entries(this.definition.computed).filter(([, c]) => (c as { kind: string }).kind === 'join').map(([f]) => f);
    if (fields === 'all') return all;
    const wanted = new Set(fields);
    return all.filter((f) => wanted.has(f));
  }

  /**
   * The tenancy and visibility conditions every query starts from, with the joins it needs. `onlyBillingEntity`
   * narrows a scoped query to one of the scope's billing entities (used to page each one along its own index).
   */
  private scoped(joins: readonly string[], onlyBillingEntity?: string, withHidden = false): Query {
    let query = this.db.selectFrom(this.table) as Query;
    const { scopeColumn, hidden, sharedWith } = this.definition;
    const ids = this.scope.all ? null : this.scope.billingEntityIds;
    if (onlyBillingEntity !== undefined && (!ids || !ids.includes(onlyBillingEntity))) throw new Error('Narrowing outside the scope');
    for (const field of joins) {
      const join = this.joined(field)!;
      const target = join.target();
      const alias = joinAlias(field);
      const on = (eb: any) => eb.onRef(`${alias}.${target.columns.id.column}`, '=', `${this.table}.${this.column(join.via).column}`);
      query = this.optionalJoin(join) ? query.leftJoin(`${target.table} as ${alias}`, on) : query.innerJoin(`${target.table} as ${alias}`, on);
      // The other row has the same owner: saying so lets the planner lead with its (owner, …) index.
      if (join.sameTenant && ids && target.scopeColumn) {
        const targetScope = `${alias}.${target.scopeColumn}`;
        query = onlyBillingEntity !== undefined ? query.where(targetScope, '=', onlyBillingEntity) : ids.length ? query.where(targetScope, 'in', ids) : query;
      }
    }
    if (scopeColumn && ids) {
      const owner = `${this.table}.${scopeColumn}`;
      if (ids.length === 0) query = query.where((eb) => eb.val(1), '=', 0);
      else if (onlyBillingEntity !== undefined) query = query.where(owner, '=', onlyBillingEntity);
      else if (sharedWith && !this.scope.all) {
        const scope = this.scope;
        query = query.where((eb) => eb.or([eb(owner, 'in', ids), sharedWith(eb, scope)]));
      } else query = query.where(owner, 'in', ids);
    }
    if (hidden && !withHidden) query = query.where(this.ref(hidden.field), '<>', hidden.equals);
    return query;
  }

  /** Every column and computed field of the rows, as fromRow reads them. */
  private selectRow(query: Query): Query {
    let selected = query.selectAll(this.table);
    for (const field of Object.keys(this.definition.computed)) selected = selected.select(sql`${this.computedExpression(field)}`.as(computedAlias(field)));
    return selected;
  }

  private filtered(query: Query, filter: CheckedFilter | null): Query {
    return filter ? query.where(compileFilter(filter, (f) => this.filterField(f), this.context.dialect)) : query;
  }

  toRepresentation(row: Row): T {
    return fromRow(this.definition, row);
  }

  /** Whether the scope owns this object (not merely shares it): what writes require. */
  owns(record: T): boolean {
    const { scopeColumn } = this.definition;
    if (!scopeColumn || this.scope.all) return true;
    const field = Object.entries(this.definition.columns).find(([, c]) => (c as ColumnDefinition).column === scopeColumn)?.[0];
    const owner = field ? (record as Record<string, unknown>)[field] : undefined;
    return typeof owner === 'string' && this.scope.billingEntityIds.includes(owner);
  }

  private ownerOf(record: T): string | null {
    const { scopeColumn } = this.definition;
    if (!scopeColumn) return null;
    const field = Object.entries(this.definition.columns).find(([, c]) => (c as ColumnDefinition).column === scopeColumn)?.[0];
    return String((record as Record<string, unknown>)[field!]);
  }

  private assertOwnedInScope(record: T): void {
    if (!this.owns(record)) throw ApiProblem.notFound('billing entity');
  }

  private async findRow(id: string, withHidden = false): Promise<Row | undefined> {
    const query = this.selectRow(this.scoped(this.joinsFor('all'), undefined, withHidden));
    return (await query.where(`${this.table}.${this.definition.columns.id.column}`, '=', id).executeTakeFirst()) as Row | undefined;
  }

  /** The record as written, read back for the fields only the database knows (a joined name), hidden or not. */
  private async written(id: string): Promise<T> {
    return fromRow(this.definition, (await this.findRow(id, true))!);
  }

  async find(id: string): Promise<T | undefined> {
    const row = await this.findRow(id);
    return row ? this.toRepresentation(row) : undefined;
  }

  async get(id: string): Promise<T> {
    const found = await this.find(id);
    if (!found) throw ApiProblem.notFound(this.definition.name);
    return found;
  }

  /** The stored record with the fields no response shows (hashes, keys), for the code that keeps them. */
  async getInternal(id: string): Promise<T> {
    const row = await this.findRow(id);
    if (!row) throw ApiProblem.notFound(this.definition.name);
    return fromRow(this.definition, row, true);
  }

  private where(query: Query, conditions: Conditions<T>): Query {
    for (const [field, value] of Object.entries(conditions)) {
      const column = this.column(field);
      const stored = value === null ? null : column.type === 'boolean' ? (value ? 1 : 0) : value;
      query = stored === null ? query.where(this.ref(field), 'is', null) : query.where(this.ref(field), '=', stored);
    }
    return query;
  }

  /** Rows matching equality conditions, in scope (for domain rules such as "admins of this customer"). */
  async count(conditions: Conditions<T> = {}): Promise<number> {
    const result = await this.where(this.scoped([]), conditions).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number((result as Row | undefined)?.n ?? 0);
  }

  /** Records matching equality conditions, in scope, with their internal fields (a block's providers). */
  async findAll(conditions: Conditions<T>, options: { internal?: boolean; limit?: number } = {}): Promise<T[]> {
    let query = this.where(this.selectRow(this.scoped(this.joinsFor('all'))), conditions).orderBy(`${this.table}.${this.definition.columns.id.column}`);
    if (options.limit !== undefined) query = query.limit(options.limit);
    const rows = (await query.execute()) as Row[];
    return rows.map((row) => fromRow(this.definition, row, options.internal));
  }

  async insert(record: T): Promise<T> {
    this.assertOwnedInScope(record);
    return this.inTransaction(async (repository) => {
      await repository.db.insertInto(repository.table).values(toRow(repository.definition, record)).execute();
      if (!isHidden(repository.definition, record)) await adjustCount(repository.db, repository.definition, repository.ownerOf(record), +1);
      await bumpVersion(repository.db, repository.definition);
      // Read back: computed fields (a joined name) exist only in the database's answer.
      return Object.keys(repository.definition.computed).length ? repository.written(record.id) : present(repository.definition, record);
    });
  }

  /**
   * Reads the current record, checks If-Match, applies `change` and writes the result, in one transaction.
   * `change` may throw an ApiProblem (409 for a state rule) to abort. `change` sees the internal fields too.
   */
  async update(id: string, change: (current: T) => T | Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.inTransaction(async (repository) => {
      const current = await repository.getInternal(id);
      await checkIfMatch(present(repository.definition, current), options.ifMatch);
      const next = await change(current);
      if (next.id !== current.id) throw new Error('An update cannot change the id');
      repository.assertOwnedInScope(next);
      await repository.db.updateTable(repository.table).set(toRow(repository.definition, next)).where(repository.definition.columns.id.column, '=', id).execute();
      await repository.recount(current, next);
      await bumpVersion(repository.db, repository.definition);
      return Object.keys(repository.definition.computed).length ? repository.written(id) : present(repository.definition, next);
    });
  }

  private async recount(before: T | null, after: T | null): Promise<void> {
    const counted = (record: T | null) => (record && !isHidden(this.definition, record) ? this.ownerOf(record) : undefined);
    const was = counted(before);
    const is = counted(after);
    if (was === is) return;
    if (was !== undefined) await adjustCount(this.db, this.definition, was, -1);
    if (is !== undefined) await adjustCount(this.db, this.definition, is, +1);
  }

  async delete(id: string, options: WriteOptions = {}, check?: (current: T) => void | Promise<void>): Promise<T> {
    return this.inTransaction(async (repository) => {
      const current = await repository.get(id);
      await checkIfMatch(current, options.ifMatch);
      await check?.(current);
      await repository.db.deleteFrom(repository.table).where(repository.definition.columns.id.column, '=', id).execute();
      await repository.recount(current, null);
      await bumpVersion(repository.db, repository.definition);
      return current;
    });
  }

  /** Deletes every record in scope matching the conditions (a billing entity's catalogue goes with it). */
  async deleteAll(conditions: Conditions<T>): Promise<number> {
    return this.inTransaction(async (repository) => {
      const records = await repository.findAll(conditions);
      for (const record of records) await repository.delete(record.id);
      return records.length;
    });
  }

  private async inTransaction<R>(fn: (repository: Repository<T>) => Promise<R>): Promise<R> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new Repository({ ...this.context, db: trx }, this.definition, this.scope)));
  }

  /** The billing entities a scoped query is merged from, one arm each; empty: one query. */
  private arms(): readonly string[] {
    if (this.scope.all || !this.definition.scopeColumn || this.definition.scopeColumn === 'id' || this.definition.sharedWith) return [];
    const ids = this.scope.billingEntityIds;
    return ids.length < 2 || ids.length > MAX_MERGED_BILLING_ENTITIES ? [] : ids;
  }

  async list(request: ListRequest): Promise<Page<T>> {
    const order = request.order.length ? request.order : this.definition.defaultOrder;
    // Ties are broken by id, in the direction of the first term so one index serves the whole order.
    const keys: SortKey[] = [...order.flatMap((t) => this.sortKeys(t)), { expr: this.ref('id'), desc: order[0]?.desc ?? false }];
    const named = new Set<string>([...order.map((t) => t.field), ...fieldsOf(request.filter)]);
    const joins = this.joinsFor(named);

    let total = await this.total(request.filter, joins);
    let after: unknown[] | null = null;
    let inclusive = false;
    let offset = 0;
    if (request.pageToken !== undefined) {
      const cursor = await this.context.pageTokens.decode(request.pageToken, request.binding, keys.length);
      after = cursor.after;
      offset = cursor.offset;
    } else if (request.offset) {
      offset = request.offset;
      if (!total.estimated && offset >= total.size) return { items: [], nextPageToken: null, totalSize: total.size, totalSizeEstimated: false, offset };
      const found = await this.seek(request.filter, joins, keys, offset, total.estimated ? null : total.size);
      if (!found) return { items: [], nextPageToken: null, ...exactFrom(offset), offset };
      after = found;
      inclusive = true;
    }

    const rows = await this.page(request, keys, after, inclusive);
    const pageRows = rows.slice(0, request.pageSize);
    let nextPageToken: string | null = null;
    if (rows.length > request.pageSize) {
      const last = pageRows[pageRows.length - 1]!;
      nextPageToken = await this.context.pageTokens.encode({ after: keys.map((_, i) => last[keyAlias(i)]), offset: offset + request.pageSize }, request.binding);
    } else if (total.estimated) {
      // The last page: now the total is known.
      total = { size: offset + pageRows.length, estimated: false };
    }
    if (total.estimated && offset + rows.length > total.size) total = { size: offset + rows.length, estimated: true };
    return { items: pageRows.map((r) => this.toRepresentation(r)), nextPageToken, totalSize: total.size, totalSizeEstimated: total.estimated, offset };
  }

  /**
   * How many rows match: exact from the counters when the list is unfiltered (and the scope owns every row it sees),
   * exact up to the count bound when filtered, and beyond that an estimate from a sample of the scope's rows.
   */
  private async total(filter: CheckedFilter | null, joins: readonly string[]): Promise<{ size: number; estimated: boolean }> {
    const { scopeColumn, sharedWith } = this.definition;
    const counted = scopeColumn !== null && (this.scope.all || !sharedWith);
    if (!filter && counted) return { size: await countedTotal(this.db, this.definition, this.scope), estimated: false };
    const matching = this.filtered(this.scoped(joins), filter).select(sql`1`.as('one'));
    // Tables no billing entity owns (hardware) and shared ones (images) are small: count them.
    if (!counted) {
      const row = await this.db.selectFrom(matching.as('matching')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      return { size: Number((row as Row | undefined)?.n ?? 0), estimated: false };
    }
    const bound = this.context.countBound;
    const bounded = await this.db.selectFrom(matching.limit(bound + 1).as('bounded')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const size = Number((bounded as Row | undefined)?.n ?? 0);
    if (size <= bound) return { size, estimated: false };
    const estimate = await this.estimate(filter!, joins);
    return { size: Math.max(bound + 1, estimate), estimated: true };
  }

  /**
   * The matches among a sample of the scope's rows, scaled to the scope's count. Ids are random, so the first rows of
   * a billing entity in id order are a uniform sample of it; each billing entity gives rows in proportion to its size.
   */
  private async estimate(filter: CheckedFilter, joins: readonly string[]): Promise<number> {
    const owners = this.scope.all ? null : this.scope.billingEntityIds;
    const counts = owners && owners.length <= MAX_MERGED_BILLING_ENTITIES ? await countsByOwner(this.db, this.definition, owners) : null;
    const hit = sql<number>`case when ${compileFilter(filter, (f) => this.filterField(f), this.context.dialect)(expressionBuilder())} then 1 else 0 end`;
    const idColumn = `${this.table}.${this.definition.columns.id.column}`;
    const sample = (query: Query, rows: number, arm: number) =>
      this.db.selectFrom(query.select([hit.as('hit'), sql.lit(arm).as('arm')]).orderBy(idColumn).limit(rows).as(`sample${arm}`)).select(['arm', 'hit']);
    const groups: Array<{ n: number; rows: number }> = [];
    let union: Query;
    if (counts) {
      const sizes = [...counts.entries()].filter(([, n]) => n > 0);
      const all = sizes.reduce((sum, [, n]) => sum + n, 0);
      if (all === 0) return 0;
      const arms = sizes.map(([owner, n], i) => {
        groups.push({ n, rows: Math.max(1, Math.ceil((SAMPLE_ROWS * n) / all)) });
        return sample(this.scoped(joins, owner), groups[i]!.rows, i);
      });
      union = arms.slice(1).reduce((u, next) => u.unionAll(next), arms[0]!);
    } else {
      groups.push({ n: await countedTotal(this.db, this.definition, this.scope), rows: SAMPLE_ROWS });
      union = sample(this.scoped(joins), SAMPLE_ROWS, 0);
    }
    const tallies = (await this.db
      .selectFrom(union.as('samples'))
      .select(['arm', (eb) => eb.fn.sum<number>('hit').as('hits'), (eb) => eb.fn.countAll().as('seen')])
      .groupBy('arm')
      .execute()) as Row[];
    let estimate = 0;
    for (const tally of tallies) {
      const group = groups[Number(tally.arm)]!;
      const seen = Number(tally.seen);
      if (seen > 0) estimate += (Number(tally.hits) / seen) * group.n;
    }
    return Math.round(estimate);
  }

  /**
   * The sort keys of the row at `offset`, walking the covering index (merged per billing entity for a scoped caller),
   * from whichever end is nearer when the total is exact.
   */
  private async seek(filter: CheckedFilter | null, joins: readonly string[], keys: SortKey[], offset: number, total: number | null): Promise<unknown[] | null> {
    const fromEnd = total !== null && offset > total / 2;
    const skip = fromEnd ? total! - 1 - offset : offset;
    const direction = (k: SortKey) => ((k.desc !== fromEnd) ? 'desc' : 'asc');
    const keyed = (query: Query) => query.select(keys.map((k, i) => sql`${k.expr}`.as(keyAlias(i))));
    const arms = this.arms();
    let query: Query;
    if (arms.length) {
      const parts = arms.map((owner) => keyed(this.filtered(this.scoped(joins, owner), filter)));
      query = parts.slice(1).reduce((u, next) => u.unionAll(next), parts[0]!);
      for (const [i, k] of keys.entries()) query = query.orderBy(sql.ref(keyAlias(i)), direction(k));
    } else {
      query = keyed(this.filtered(this.scoped(joins), filter));
      for (const k of keys) query = query.orderBy(k.expr, direction(k));
    }
    const row = (await query.limit(1).offset(skip).executeTakeFirst()) as Row | undefined;
    return row ? keys.map((_, i) => row[keyAlias(i)]) : null;
  }

  /**
   * One page in order. A scope of several billing entities is paged per billing entity along its (owner, sort, id)
   * index and merged (UNION ALL of small ordered arms), so page 1 of a big tenant never sorts the whole tenant.
   */
  private async page(request: ListRequest, keys: SortKey[], after: unknown[] | null, inclusive: boolean): Promise<Row[]> {
    const limit = request.pageSize + 1;
    const joins = this.joinsFor('all');
    const arm = (onlyBillingEntity?: string) => {
      let query = this.selectRow(this.filtered(this.scoped(joins, onlyBillingEntity), request.filter));
      query = query.select(keys.map((k, i) => sql`${k.expr}`.as(keyAlias(i))));
      if (after) query = query.where((eb) => keyset(eb, keys, after, inclusive));
      for (const k of keys) query = query.orderBy(k.expr, k.desc ? 'desc' : 'asc');
      return query.limit(limit);
    };
    const ids = this.arms();
    if (ids.length === 0) return (await arm().execute()) as Row[];
    const arms = ids.map((id, i) => this.db.selectFrom(arm(id).as(`arm${i}`)).selectAll());
    const union = arms.slice(1).reduce((all, next) => all.unionAll(next), arms[0]!);
    let merged = this.db.selectFrom(union.as('merged')).selectAll();
    for (const [i, k] of keys.entries()) merged = merged.orderBy(`merged.${keyAlias(i)}`, k.desc ? 'desc' : 'asc');
    return (await merged.limit(limit).execute()) as Row[];
  }
}

/** Totals known exactly once a page came back empty at this offset. */
function exactFrom(offset: number): { totalSize: number; totalSizeEstimated: boolean } {
  return { totalSize: offset, totalSizeEstimated: false };
}

/** The fields a filter names. */
function fieldsOf(filter: CheckedFilter | null): string[] {
  if (!filter) return [];
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.children.flatMap(fieldsOf);
    case 'not':
      return fieldsOf(filter.child);
    default:
      return [filter.field];
  }
}

/**
 * Rows after (or at) a position in a multi-column order: (a > x) OR (a = x AND b > y) OR …, with a leading range
 * bound on the first column so both SQLite and PostgreSQL walk the (column, id) index from that point.
 */
function keyset(eb: ExpressionBuilder<any, any>, keys: SortKey[], values: unknown[], inclusive: boolean): Expression<SqlBool> {
  const branches: Expression<SqlBool>[] = [];
  for (let i = 0; i < keys.length; i++) {
    const last = i === keys.length - 1;
    const strict = keys[i]!.desc ? '<' : '>';
    const op = last && inclusive ? (keys[i]!.desc ? '<=' : '>=') : strict;
    const equalities = keys.slice(0, i).map((k, j) => eb(k.expr, '=', values[j]));
    branches.push(eb.and([...equalities, eb(keys[i]!.expr, op, values[i])]));
  }
  const leading = eb(keys[0]!.expr, keys[0]!.desc ? '<=' : '>=', values[0]);
  return eb.and([leading, eb.or(branches)]);
}

export async function checkIfMatch(current: unknown, ifMatch: string | undefined): Promise<void> {
  if (ifMatch === undefined) return;
  const etag = await etagOf(current);
  const candidates = ifMatch.split(',').map((s) => s.trim().replace(/^W\//, ''));
  if (!candidates.includes('*') && !candidates.includes(etag)) {
    throw new ApiProblem('precondition_failed', { detail: 'The object changed since you read it; read it again and reapply your change.' });
  }
}
