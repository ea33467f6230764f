/**
 * The generic repository: list / get / insert / update / delete of one entity definition under one tenancy scope.
 * This is the single place tenancy is enforced: every query goes through `scoped()`, so an id or a filter outside
 * the scope simply finds nothing (404), and page tokens cannot reach past it.
 */
import type { Expression, ExpressionBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import { ApiProblem } from '../http/problem.js';
import { etagOf } from './crypto.js';
import type { Db } from './database.js';
import { fromRow, toRow, type ColumnDefinition, type EntityDefinition } from './entity.js';
import type { CheckedFilter } from './filter/ast.js';
import { compileFilter } from './filter/compile.js';
import type { OrderTerm } from './order-by.js';
import { PageTokens } from './page-token.js';
import type { TenantScope } from './scope.js';

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
  offset: number;
}

export interface WriteOptions {
  /** The caller's If-Match; checked against the current representation inside the write's transaction. */
  ifMatch?: string | undefined;
}

type Row = Record<string, unknown>;

export class Repository<T extends { id: string }> {
  constructor(
    private readonly db: Db,
    private readonly definition: EntityDefinition<T>,
    private readonly scope: TenantScope,
    private readonly pageTokens: PageTokens,
  ) {}

  private get table(): string {
    return this.definition.table;
  }

  private column(field: string): ColumnDefinition {
    const column = (this.definition.columns as Record<string, ColumnDefinition | undefined>)[field];
    if (!column) throw new Error(`${this.definition.name}: field "${field}" has no column; add it to the entity definition`);
    return column;
  }

  /**
   * The tenancy and visibility conditions every query starts from. `onlyBillingEntity` narrows a scoped query to
   * one of the scope's billing entities (used to page each one along its own index).
   */
  private scoped(onlyBillingEntity?: string): SelectQueryBuilder<any, any, {}> {
    let query = this.db.selectFrom(this.table) as SelectQueryBuilder<any, any, {}>;
    const { scopeColumn, hidden, sharedWith } = this.definition;
    if (scopeColumn && !this.scope.all) {
      const ids = this.scope.billingEntityIds;
      if (onlyBillingEntity !== undefined && !ids.includes(onlyBillingEntity)) throw new Error('Narrowing outside the scope');
      if (ids.length === 0) query = query.where((eb) => eb.val(1), '=', 0);
      else if (onlyBillingEntity !== undefined) query = query.where(`${this.table}.${scopeColumn}`, '=', onlyBillingEntity);
      else if (sharedWith) query = query.where((eb) => eb.or([eb(`${this.table}.${scopeColumn}`, 'in', ids), sharedWith(eb, ids)]));
      else query = query.where(`${this.table}.${scopeColumn}`, 'in', ids);
    }
    if (hidden) query = query.where((eb) => eb.not(hidden(eb)));
    return query;
  }

  toRepresentation(row: Row): T {
    return fromRow(this.definition, row);
  }

  private toRow(representation: T): Row {
    return toRow(this.definition, representation);
  }

  /** Whether the scope owns this object (not merely shares it): what writes require. */
  owns(representation: T): boolean {
    const { scopeColumn } = this.definition;
    if (!scopeColumn || this.scope.all) return true;
    const field = Object.entries(this.definition.columns).find(([, c]) => (c as ColumnDefinition).column === scopeColumn)?.[0];
    const owner = field ? (representation as Record<string, unknown>)[field] : undefined;
    return typeof owner === 'string' && this.scope.billingEntityIds.includes(owner);
  }

  private assertOwnedInScope(representation: T): void {
    if (!this.owns(representation)) throw ApiProblem.notFound('billing entity');
  }

  async find(id: string): Promise<T | undefined> {
    const row = await this.scoped().selectAll().where(`${this.table}.${this.definition.columns.id.column}`, '=', id).executeTakeFirst();
    return row ? this.toRepresentation(row as Row) : undefined;
  }

  async get(id: string): Promise<T> {
    const found = await this.find(id);
    if (!found) throw ApiProblem.notFound(this.definition.name);
    return found;
  }

  /** Rows matching a raw condition, in scope (for domain rules such as "users of this customer"). */
  async count(where?: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>): Promise<number> {
    let query = this.scoped();
    if (where) query = query.where(where);
    const result = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number((result as Row | undefined)?.n ?? 0);
  }

  async insert(representation: T, extraColumns: Row = {}): Promise<T> {
    this.assertOwnedInScope(representation);
    await this.db.insertInto(this.table).values({ ...this.toRow(representation), ...extraColumns }).execute();
    return this.toRepresentation({ ...this.toRow(representation), ...extraColumns });
  }

  /**
   * Reads the current representation, checks If-Match, applies `change` and writes the result, in one transaction.
   * `change` may throw an ApiProblem (409 for a state rule) to abort.
   */
  async update(id: string, change: (current: T) => T | Promise<T>, options: WriteOptions = {}, extraColumns: Row = {}): Promise<T> {
    return this.inTransaction(async (repository) => {
      const current = await repository.get(id);
      await checkIfMatch(current, options.ifMatch);
      const next = await change(current);
      if (next.id !== current.id) throw new Error('An update cannot change the id');
      repository.assertOwnedInScope(next);
      await repository.db
        .updateTable(repository.table)
        .set({ ...repository.toRow(next), ...extraColumns })
        .where(repository.definition.columns.id.column, '=', id)
        .execute();
      return next;
    });
  }

  async delete(id: string, options: WriteOptions = {}, check?: (current: T) => void | Promise<void>): Promise<T> {
    return this.inTransaction(async (repository) => {
      const current = await repository.get(id);
      await checkIfMatch(current, options.ifMatch);
      await check?.(current);
      await repository.db.deleteFrom(repository.table).where(repository.definition.columns.id.column, '=', id).execute();
      return current;
    });
  }

  private async inTransaction<R>(fn: (repository: Repository<T>) => Promise<R>): Promise<R> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new Repository(trx, this.definition, this.scope, this.pageTokens)));
  }

  async list(request: ListRequest): Promise<Page<T>> {
    const order = [...(request.order.length ? request.order : this.definition.defaultOrder)];
    // Ties are broken by id, in the direction of the first term so one index serves the whole order.
    const terms: KeysetTerm[] = [...order.map((t) => ({ column: this.column(t.field), desc: t.desc })), { column: this.definition.columns.id, desc: order[0]?.desc ?? false }];
    let base = this.scoped();
    if (request.filter) base = base.where(compileFilter(request.filter, (f) => this.column(f), this.table));

    const totalRow = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const totalSize = Number((totalRow as Row | undefined)?.n ?? 0);

    let after: unknown[] | null = null;
    let inclusive = false;
    let offset = 0;
    if (request.pageToken !== undefined) {
      const cursor = await this.pageTokens.decode(request.pageToken, request.binding, terms.length);
      after = cursor.after;
      offset = cursor.offset;
    } else if (request.offset) {
      offset = request.offset;
      if (offset >= totalSize) return { items: [], nextPageToken: null, totalSize, offset };
      // Seek: walk the (covering) index to the row at `offset`, then page by keyset from it.
      let seek = base.select(terms.map((t, i) => `${this.table}.${t.column.column} as k${i}` as any));
      for (const t of terms) seek = seek.orderBy(`${this.table}.${t.column.column}`, t.desc ? 'desc' : 'asc');
      const row = (await seek.limit(1).offset(offset).executeTakeFirst()) as Row | undefined;
      if (!row) return { items: [], nextPageToken: null, totalSize, offset };
      after = terms.map((_, i) => row[`k${i}`]);
      inclusive = true;
    }

    const rows = await this.page(request, terms, after, inclusive);
    const pageRows = rows.slice(0, request.pageSize);
    let nextPageToken: string | null = null;
    if (rows.length > request.pageSize) {
      const last = pageRows[pageRows.length - 1]!;
      nextPageToken = await this.pageTokens.encode(
        { after: terms.map((t) => last[t.column.column]), offset: offset + request.pageSize },
        request.binding,
      );
    }
    return { items: pageRows.map((r) => this.toRepresentation(r)), nextPageToken, totalSize, offset };
  }

  /**
   * One page in order. A scope of several billing entities is paged per billing entity along its (scope, sort, id)
   * index and merged (UNION ALL of small ordered arms), so page 1 of a big tenant never sorts the whole tenant.
   */
  private async page(request: ListRequest, terms: KeysetTerm[], after: unknown[] | null, inclusive: boolean): Promise<Row[]> {
    const limit = request.pageSize + 1;
    const arm = (onlyBillingEntity?: string) => {
      let query = this.scoped(onlyBillingEntity).selectAll();
      if (request.filter) query = query.where(compileFilter(request.filter, (f) => this.column(f), this.table));
      if (after) query = query.where((eb) => keyset(eb, this.table, terms, after, inclusive));
      for (const t of terms) query = query.orderBy(`${this.table}.${t.column.column}`, t.desc ? 'desc' : 'asc');
      return query.limit(limit);
    };
    // Shared rows would appear in several arms, so an entity with sharing pages with one query.
    const ids = this.scope.all || !this.definition.scopeColumn || this.definition.sharedWith ? [] : this.scope.billingEntityIds;
    if (ids.length < 2 || ids.length > MAX_MERGED_BILLING_ENTITIES) return (await arm().execute()) as Row[];
    const arms = ids.map((id, i) => this.db.selectFrom(arm(id).as(`arm${i}`)).selectAll());
    const union = arms.slice(1).reduce((all, next) => all.unionAll(next), arms[0]!);
    let merged = this.db.selectFrom(union.as('merged')).selectAll();
    for (const t of terms) merged = merged.orderBy(`merged.${t.column.column}`, t.desc ? 'desc' : 'asc');
    return (await merged.limit(limit).execute()) as Row[];
  }
}

/** Caps how many billing entities a scoped page is merged from; larger scopes page with one query. */
const MAX_MERGED_BILLING_ENTITIES = 32;

/**
 * Rows after (or at) a position in a multi-column order: (a > x) OR (a = x AND b > y) OR …, with a leading range
 * bound on the first column so both SQLite and PostgreSQL walk the (column, id) index from that point.
 */
interface KeysetTerm {
  column: ColumnDefinition;
  desc: boolean;
}

function keyset(
  eb: ExpressionBuilder<any, any>,
  table: string,
  terms: KeysetTerm[],
  values: unknown[],
  inclusive: boolean,
): Expression<SqlBool> {
  const ref = (i: number) => `${table}.${terms[i]!.column.column}`;
  const branches: Expression<SqlBool>[] = [];
  for (let i = 0; i < terms.length; i++) {
    const last = i === terms.length - 1;
    const strict = terms[i]!.desc ? '<' : '>';
    const op = last && inclusive ? (terms[i]!.desc ? '<=' : '>=') : strict;
    const equalities = terms.slice(0, i).map((_, j) => eb(ref(j), '=', values[j]));
    branches.push(eb.and([...equalities, eb(ref(i), op, values[i])]));
  }
  const leading = eb(ref(0), terms[0]!.desc ? '<=' : '>=', values[0]);
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
