/**
 * The generic repository: list / get / insert / update / delete of one entity under one tenancy scope. This is the
 * single place tenancy is enforced: every query starts from `scoped()`, so an id or a filter outside the scope finds
 * nothing (404), and page tokens cannot reach past it. Counters (counters.ts) move in the same transaction as writes.
 */
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ApiProblem } from '../problem.js';
import type { ColumnDefinition } from './columns.js';
import { adjustCount, countedTotal, countsByOwner, owners } from './counters.js';
import { etagOf } from './crypto.js';
import type { Db, DialectName } from './database.js';
import { computedAlias, computedType, fromRow, isHidden, present, toRow, type ComputedField, type EntityDefinition, type JoinedField } from './entity.js';
import type { CheckedFilter } from './filter/ast.js';
import { compileFilter, type FilterField } from './filter/compile.js';
import { indexServable, positiveMatches, withoutMatches } from './filter/unserved.js';
import { orderKeyColumnOf } from './order-key.js';
import type { OrderTerm } from './order-by.js';
import type { PageTokens } from './page-token.js';
import type { PageCache } from './page-cache.js';
import type { PositionIndex } from './positions.js';
import { ALL_TENANTS, type TenantScope } from './scope.js';
import { countSearchMatches, searchable, searchCondition, type SearchUse } from './search.js';
import { bumpVersion, type TableVersions } from './versions.js';
import { noteChange, transaction, type ChangeType } from './change-log.js';
import type { ChangeFeed } from './change-feed.js';

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
  /** Checkpoints of lists' orders for offset seeks (positions.ts). */
  positions: PositionIndex;
  /** Pages of lists kept while the tables they were read from are unchanged (page-cache.ts). */
  pages: PageCache;
  /** Wakes the change stream's readers after a commit that logged changes. */
  changes: ChangeFeed;
  /** The tables' versions, read for every kept page and principal (versions.ts). */
  versions: TableVersions;
}

/** Equality conditions on stored fields (`{ customerId, admin: true }`). */
export type Conditions<T> = { [K in keyof T]?: T[K] };

/** The default count bound: filtered lists count exactly up to this many matches; beyond, they estimate (and say so). */
export const COUNT_BOUND = 10_000;
/** Rows read to estimate a filtered total, spread over the scope's billing entities by their share. */
const SAMPLE_ROWS = 4_000;
/** Caps how many billing entities a scoped page is merged from; larger scopes page with one query. */
const MAX_MERGED_BILLING_ENTITIES = 32;
/**
 * Up to this share of the count bound (2,000 matches by default), a page starts from the matches and sorts them;
 * beyond, it walks its order's index and checks each row (a filter joined to another table, a contains search).
 */
const LEAD_SHARE = 0.2;
/**
 * Matches counted first, up to this many: fewer, and that is the total (or, for a contains search's trigram matches on
 * SQLite, the search is rare enough to start from them); more, and a sample of rows tells whether the total is surely
 * beyond the count bound before the matches are counted further (counting 10,000 costs 20–100 ms at a million rows).
 */
const COUNT_PROBE = 1_000;
/** Standard errors below a sample's estimate that its lower bound lies (3: wrong about one time in 700). */
const ESTIMATE_Z = 3;

interface Total {
  size: number;
  estimated: boolean;
}

/**
 * A total whose count is under way beside the page (total()): what the sample makes likely (an estimate beyond the
 * bound) plans the page, the count's answer is the page's total.
 */
interface CountUnderWay {
  likely: Total;
  counting: Promise<Total>;
}

/** A filtered total estimated from a sample: the estimate, and a bound the true total is almost surely above. */
interface Estimate {
  size: number;
  low: number;
}

type Row = Record<string, unknown>;
type Query = SelectQueryBuilder<any, any, any>;

interface SortKey {
  expr: Expression<any>;
  desc: boolean;
  /** The key is one value within each owner's arm (the owning billing entity's name): an arm need not order by it. */
  perOwner?: boolean;
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
  private filterField(field: string, use: SearchUse = 'lead', steer: string | null = null): FilterField {
    const served = this.servedFilterField(field, use);
    // Steering a walk: SQLite may not serve this field's condition from an index (a unary plus hides the column), so
    // the only index left to it is the order's.
    return steer !== null && field !== steer && this.context.dialect === 'sqlite' ? { ...served, ref: sql`+${served.ref}` } : served;
  }

  private servedFilterField(field: string, use: SearchUse): FilterField {
    const join = this.joined(field);
    if (join) {
      const target = join.target();
      const column = (target.columns as Record<string, ColumnDefinition>)[join.field]!;
      const alias = joinAlias(field);
      const searched = target.indexes.searched.includes(join.field);
      return {
        ref: sql.ref(`${alias}.${column.column}`),
        column,
        ...(searched ? { search: (text, mode) => searchCondition(this.context.dialect, target.table, alias, column.column, text, mode, use) } : {}),
      };
    }
    const computed = (this.definition.computed as Record<string, any>)[field];
    if (computed) return { ref: this.computedExpression(field), column: { column: computedAlias(field), type: computedType(computed) } };
    const column = this.column(field);
    const searched = this.definition.indexes.searched.includes(field);
    return {
      ref: this.ref(field),
      column,
      ...(searched ? { search: (text, mode) => searchCondition(this.context.dialect, this.table, this.table, column.column, text, mode, use) } : {}),
    };
  }

  /** The expressions an order term sorts by: a joined name sorts by the name, then by the row it came from. */
  private sortKeys(term: OrderTerm): SortKey[] {
    const join = this.joined(term.field);
    if (join) {
      // The joined name's order key where its table keeps one (its (key, id) index then serves the order).
      const key = orderKeyColumnOf(join.target(), join.field);
      const ref = key ? sql.ref(`${joinAlias(term.field)}.${key}`) : this.filterField(term.field).ref;
      if (this.optionalJoin(join)) {
        return [{ expr: sql`coalesce(${ref}, '')`, desc: term.desc }, { expr: sql`coalesce(${this.ref(join.via)}, '')`, desc: term.desc }];
      }
      // The named row's id (equal to the reference): its (name, id) index then yields both keys in order, and the
      // rows follow from their (reference, id) index, so neither side is sorted.
      const perOwner = this.column(join.via).column === this.definition.scopeColumn;
      return [
        { expr: ref, desc: term.desc, perOwner },
        { expr: sql.ref(`${joinAlias(term.field)}.${join.target().columns.id.column}`), desc: term.desc, perOwner },
      ];
    }
    const computed = (this.definition.computed as Record<string, any>)[term.field];
    if (computed) return [{ expr: this.computedExpression(term.field), desc: term.desc }];
    const key = orderKeyColumnOf(this.definition, term.field);
    return [{ expr: key ? sql.ref(`${this.table}.${key}`) : this.ref(term.field), desc: term.desc }];
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
   * narrows a scoped query to one of the scope's billing entities (used to page each one along its own index);
   * `ownerFirst`: the query orders by the owner first (a merged arm).
   */
  private scoped(joins: readonly string[], onlyBillingEntity?: string, withHidden = false, ownerFirst = false): Query {
    let query = this.db.selectFrom(this.table) as Query;
    const { scopeColumn, hidden, sharedWith } = this.definition;
    const ids = this.scope.all ? null : this.scope.billingEntityIds;
    if (onlyBillingEntity !== undefined && ids && !ids.includes(onlyBillingEntity)) throw new Error('Narrowing outside the scope');
    const narrowed = onlyBillingEntity !== undefined;
    for (const field of joins) {
      const join = this.joined(field)!;
      const target = join.target();
      const alias = joinAlias(field);
      // The other row has the same owner: saying so lets the planner lead with its (owner, …) index. In the join's
      // condition, so a row without one (a platform job has no customer) stays.
      const targetScope = `${alias}.${target.scopeColumn}`;
      const sameOwner = join.sameTenant && target.scopeColumn ? (narrowed ? [onlyBillingEntity] : ids?.length ? ids : null) : null;
      const on = (eb: any) => {
        const joined = eb.onRef(`${alias}.${target.columns.id.column}`, '=', `${this.table}.${this.column(join.via).column}`);
        return sameOwner ? joined.on(targetScope, 'in', sameOwner) : joined;
      };
      query = this.optionalJoin(join) ? query.leftJoin(`${target.table} as ${alias}`, on) : query.innerJoin(`${target.table} as ${alias}`, on);
    }
    if (scopeColumn && (ids || narrowed)) {
      const owner = `${this.table}.${scopeColumn}`;
      if (narrowed && ownerFirst && this.context.dialect === 'postgres') {
        // A range, not `=`: PostgreSQL drops an ORDER BY on a column held equal to a constant, and the arm's order
        // (owner first) is what keeps it on the (owner, …) index instead of filtering a platform-wide one, which it
        // picks by assuming the owner's rows are spread evenly (a BE admin's `status desc` read every other tenant's
        // PENDING_APPROVAL rows first). Only for queries ordered by the owner first: others need the equality to
        // use an (owner, …) index for their order, and those that hold an enum equal (status = X): their (owner, enum,
        // …) index leads with two equalities, which the range would leave it to find by reading all the owner's rows.
        query = query.where(owner, '>=', onlyBillingEntity).where(owner, '<=', onlyBillingEntity);
      } else if (narrowed) query = query.where(owner, '=', onlyBillingEntity);
      else if (ids!.length === 0) query = query.where((eb) => eb.val(1), '=', 0);
      else if (sharedWith && !this.scope.all) {
        const scope = this.scope;
        query = query.where((eb) => eb.or([eb(owner, 'in', ids!), sharedWith(eb, scope)]));
      } else query = query.where(owner, 'in', ids!);
    }
    if (hidden && !withHidden) query = query.where(this.ref(hidden.field), '<>', hidden.equals);
    return query;
  }

  /**
   * The joins that only add another object's name to rows a query has already chosen (the filter and order do not
   * name it). The row's table stays the outer loop, so a page walks its own index instead of the planner starting
   * from the small joined table and sorting every row (SQLite keeps a CROSS JOIN in the order written; PostgreSQL
   * plans it like the inner join it is).
   */
  private displayJoins(query: Query, fields: readonly string[]): Query {
    for (const field of fields) {
      const join = this.joined(field)!;
      const target = join.target();
      const alias = joinAlias(field);
      const id = `${alias}.${target.columns.id.column}`;
      const via = `${this.table}.${this.column(join.via).column}`;
      query = this.optionalJoin(join)
        ? query.leftJoin(`${target.table} as ${alias}`, (eb: any) => eb.onRef(id, '=', via))
        : query.crossJoin(`${target.table} as ${alias}`).whereRef(id, '=', via);
    }
    return query;
  }

  /** Every column and computed field of the rows, as fromRow reads them. */
  private selectRow(query: Query): Query {
    let selected = query.selectAll(this.table);
    for (const field of Object.keys(this.definition.computed)) selected = selected.select(sql`${this.computedExpression(field)}`.as(computedAlias(field)));
    return selected;
  }

  private filtered(query: Query, filter: CheckedFilter | null, use: SearchUse = 'lead', steer: string | null = null): Query {
    return filter ? query.where(compileFilter(filter, (f) => this.filterField(f, use, steer), this.context.dialect)) : query;
  }

  /**
   * Whether a filter's contains searches use their trigram index: not when one of them matches more rows than the
   * count bound (a few letters in every email), where checking rows is cheaper than reading the index's matches.
   * Counting a common search's matches up to the bound costs more than the rest of its page (10,000 of "aur" at a
   * million customers: 24 ms), so past a first few a sample of rows decides when it can: one sample tallies the filter
   * (the total's estimate) and each such search alone.
   */
  private async searchUse(filter: CheckedFilter | null, joins: readonly string[]): Promise<{ use: SearchUse; estimate: Estimate | null }> {
    const searches: Array<{ table: string; column: string; match: ReturnType<typeof matchesOf>[number] }> = [];
    if (this.context.dialect === 'sqlite') {
      for (const match of matchesOf(filter)) {
        const index = this.searchIndexOf(match.field);
        if (index && searchable(this.context.dialect, match.text)) searches.push({ ...index, match });
      }
    }
    const matches = ({ table, column, match }: (typeof searches)[number], limit: number) =>
      countSearchMatches(this.db, table, column, match.text.toLowerCase(), match.mode, limit);
    const bound = this.context.countBound;
    const common: typeof searches = [];
    const probe = Math.min(COUNT_PROBE, bound + 1);
    for (const search of searches) if ((await matches(search, probe)) >= probe) common.push(search);
    if (common.length === 0) return { use: 'lead', estimate: null };
    if (!this.estimatesTotal(filter)) {
      for (const search of common) if ((await matches(search, bound + 1)) > bound) return { use: 'none', estimate: null };
      return { use: 'lead', estimate: null };
    }
    const [estimate, ...alone] = await this.estimates([filter!, ...common.map((s) => s.match)], joins);
    // Starting from a search's matches reads all of them, every tenant's: a search of this table found in the scope's
    // sample is scaled to the whole table (a billing entity admin's 12,000 "North*" are some 30,000 in the index).
    const scale = this.scope.all ? 1 : (await countedTotal(this.db, this.definition, ALL_TENANTS)) / Math.max(1, await countedTotal(this.db, this.definition, this.scope));
    const surelyCommon = (e: Estimate, i: number) => e.low * (common[i]!.table === this.table ? scale : 1) > bound;
    if (estimate!.low > bound || alone.some(surelyCommon)) return { use: 'none', estimate: estimate! };
    for (const search of common) if ((await matches(search, bound + 1)) > bound) return { use: 'none', estimate: estimate! };
    return { use: 'lead', estimate: null };
  }

  /** The table and column of a field's search index (its own or a joined table's), if it has one. */
  private searchIndexOf(field: string): { table: string; column: string } | null {
    const join = this.joined(field);
    const target = join ? join.target() : this.definition;
    const name = join ? join.field : field;
    if (!target.indexes.searched.includes(name)) return null;
    return { table: target.table, column: (target.columns as Record<string, ColumnDefinition>)[name]!.column };
  }

  /**
   * Refuses a filter whose matches no search index can serve (filter/unserved.ts) when more rows than the count bound
   * would be read one by one to answer it: "zq" among a million customers has every one of them read, for the page
   * and again for its count (0.4–3 s on either database, and SQLite's reads hold up every other request meanwhile).
   * The rows to read are the scope's, narrowed by the rest of the filter: estimated from a sample when the scope holds
   * more than the bound (`status = PENDING_APPROVAL AND name : "zq"` is answered when few customers are pending).
   */
  private async refuseUnservedMatches(filter: CheckedFilter | null, joins: readonly string[]): Promise<void> {
    if (!filter || !this.estimatesTotal(filter)) return;
    const unserved = positiveMatches(filter).filter((match) => this.searchIndexOf(match.field) && !indexServable(match.text));
    if (unserved.length === 0) return;
    const bound = this.context.countBound;
    const inScope = await countedTotal(this.db, this.definition, this.scope);
    if (inScope <= bound) return;
    const rest = withoutMatches(filter, unserved);
    const toRead = rest === null ? inScope : (await this.estimate(rest, joins)).size;
    if (toRead <= bound) return;
    const texts = unserved.map((match) => JSON.stringify(match.text)).join(', ');
    const why = `${texts} ${unserved.length === 1 ? 'has' : 'have'} fewer than three letters or digits in a row, which no search index can find`;
    throw new ApiProblem('search_too_short', {
      detail: `${why}: about ${toRead.toLocaleString('en')} items would be read one by one, and at most ${bound.toLocaleString('en')} are. Type more of the text, or narrow the list with other filters first.`,
      errors: [{ location: 'query', pointer: 'filter', code: 'search_too_short', message: why }],
    });
  }

  /**
   * Whether the rows the scope sees are all its own (an owned table, not one shared into the scope): then its row
   * counters give the unfiltered total, and a filtered total is estimated beyond the count bound instead of counted.
   */
  private ownsWhatItSees(): boolean {
    const { scopeColumn, sharedWith } = this.definition;
    return scopeColumn !== null && (this.scope.all || !sharedWith);
  }

  /** Whether a filtered total is estimated beyond the count bound, or counted. */
  private estimatesTotal(filter: CheckedFilter | null): boolean {
    return filter !== null && this.ownsWhatItSees();
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
      const written = Object.keys(repository.definition.computed).length ? await repository.written(record.id) : present(repository.definition, record);
      await repository.noteChange(null, written);
      return written;
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
      const written = Object.keys(repository.definition.computed).length ? await repository.written(id) : present(repository.definition, next);
      await repository.noteChange(current, written);
      return written;
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
      await repository.noteChange(current, null);
      return current;
    });
  }

  /**
   * Logs a write for the change stream (entities with a change kind only), as readers of lists see it: a row that
   * becomes hidden (a soft-deleted customer) is deleted for them, one that stops being hidden is created.
   */
  private async noteChange(before: T | null, after: T | null): Promise<void> {
    const kind = this.definition.changeKind;
    if (!kind) return;
    const visible = (record: T | null): record is T => record !== null && !isHidden(this.definition, record);
    const was = visible(before);
    const is = visible(after);
    if (!was && !is) return;
    const change: ChangeType = was && is ? 'updated' : is ? 'created' : 'deleted';
    const record = (is ? after : before) as T;
    noteChange(this.db, {
      kind,
      id: record.id,
      change,
      etag: is ? await etagOf(after) : null,
      billingEntityId: this.ownerOf(record),
    });
    // Billing entities whose sharing entry came or went: their readers may have gained or lost the record (each
    // reader learns which from a read of its own, TenantStore.changesAfter).
    const { sharedTo } = this.definition;
    if (!sharedTo) return;
    const entries = (r: T | null) => new Set(r && visible(r) ? sharedTo(r) : []);
    const [old, now] = [entries(before), entries(after)];
    for (const billingEntityId of new Set([...old, ...now])) {
      if (old.has(billingEntityId) && now.has(billingEntityId)) continue;
      noteChange(this.db, { kind, id: record.id, change: is ? 'updated' : 'deleted', etag: null, billingEntityId });
    }
  }

  /** Deletes every record in scope matching the conditions (a billing entity's catalogue goes with it). */
  async deleteAll(conditions: Conditions<T>): Promise<number> {
    return this.inTransaction(async (repository) => {
      const records = await repository.findAll(conditions);
      for (const record of records) await repository.delete(record.id);
      return records.length;
    });
  }

  /**
   * Runs a walk's page query. A walk checks many matches against rows along its order's index; PostgreSQL's planner,
   * offered a search's trigram index too, may read every match of it in each merged arm and sort them instead
   * (`status = ACTIVE AND name : "aur"` for the licensee: 270 ms against 27). That index serves only bitmap scans, so
   * they are turned off for the query (in a transaction of its own, as the setting must hold while it is planned); the
   * match keeps its expression, whose statistics tell the planner how common it is.
   */
  private async walking<R>(plan: Plan, read: (repository: Repository<T>) => Promise<R>): Promise<R> {
    if (this.context.dialect !== 'postgres' || plan.search !== 'check' || matchesOf(plan.filter).length === 0 || this.db.isTransaction) return read(this);
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      return read(new Repository({ ...this.context, db: trx }, this.definition, this.scope));
    });
  }

  private async inTransaction<R>(fn: (repository: Repository<T>) => Promise<R>): Promise<R> {
    if (this.db.isTransaction) return fn(this);
    return transaction(this.db, this.context.changes, (trx) => fn(new Repository({ ...this.context, db: trx }, this.definition, this.scope)));
  }

  /** Whether the filter holds an enum field equal to a value (`status = X`), which (owner, enum, …) indexes serve. */
  private pinsFilteredEnum(filter: CheckedFilter | null): boolean {
    return equalitiesOf(filter).some((field) => this.definition.indexes.filtered.includes(field));
  }

  /**
   * The billing entities a query is merged from, one arm each along its (owner, …) index; empty: one query. A billing
   * entity admin's scope is merged; so is the whole platform's when the filter picks an enum value (status = X),
   * which only the (owner, enum, sort, id) indexes serve in order, or the order is by a joined name (within one
   * billing entity the joined rows are few, and SQLite cannot tell that the name's (name, id) index yields them once).
   */
  private async arms(filter: CheckedFilter | null, order: readonly OrderTerm[]): Promise<readonly string[]> {
    const { scopeColumn, sharedWith, indexes } = this.definition;
    if (!scopeColumn || scopeColumn === 'id' || sharedWith) return [];
    let ids: readonly string[];
    if (!this.scope.all) ids = this.scope.billingEntityIds;
    else if (this.pinsFilteredEnum(filter) || order.some((t) => this.joined(t.field))) {
      ids = await owners(this.db, this.definition);
    } else return [];
    return ids.length < 2 || ids.length > MAX_MERGED_BILLING_ENTITIES ? [] : ids;
  }

  /**
   * A page of the list: from the page cache while the tables its rows are read from are unchanged (page-cache.ts),
   * else read. Inside a transaction it is always read: the transaction's own writes are not committed.
   */
  async list(request: ListRequest): Promise<Page<T>> {
    const tables = this.db.isTransaction || this.context.pages.rowsKept === 0 ? null : this.tablesRead(Object.keys(this.definition.computed));
    if (!tables) return this.read(request);
    const versions = await this.context.versions.versions(this.db, tables);
    const { filter, order, pageSize, pageToken = null, offset = 0, binding } = request;
    const key = JSON.stringify([this.table, this.scope, filter, order, pageSize, pageToken, offset, binding]);
    return this.context.pages.get<Page<T>>(key, versions) ?? this.context.pages.keep(key, versions, await this.read(request));
  }

  /**
   * The tables these fields' values are read from: the entity's own and those its joined names come from; null when
   * one is computed by other SQL, or rows are shared through another table (images), as no version of these tables
   * tells their changes. Pages (all computed fields) and position checkpoints (the order's and filter's) are kept per
   * version of these tables.
   */
  private tablesRead(fields: Iterable<string>): string[] | null {
    if (this.definition.sharedWith) return null;
    const tables = new Set([this.table]);
    for (const field of fields) {
      const computed = (this.definition.computed as Record<string, ComputedField | undefined>)[field];
      if (!computed) continue;
      if (computed.kind !== 'join') return null;
      tables.add(computed.target().table);
    }
    return [...tables];
  }

  private async read(request: ListRequest): Promise<Page<T>> {
    const order = request.order.length ? request.order : this.definition.defaultOrder;
    // Ties are broken by id, in the direction of the first term so one index serves the whole order.
    const keys: SortKey[] = [...order.flatMap((t) => this.sortKeys(t)), { expr: this.ref('id'), desc: order[0]?.desc ?? false }];
    const filter = request.filter;
    const joins = this.joinsFor([...order.map((t) => t.field), ...fieldsOf(filter)]);
    await this.refuseUnservedMatches(filter, joins);
    const { use: search, estimate } = await this.searchUse(filter, joins);

    // A page found from the start (or a page token) needs no total before it is read: on PostgreSQL a count still to
    // run goes out beside the page, on a connection of its own.
    const beside = this.context.dialect === 'postgres' && !request.offset && !this.db.isTransaction;
    const found = await this.total(filter, joins, search, estimate, beside);
    let total = 'counting' in found ? found.likely : found;
    // Many matches: walk the order's index and check each row (a joined name the filter names is then read per row,
    // a search's matches probed); few: start from the matches and sort them.
    const walk = total.estimated || total.size > this.context.countBound * LEAD_SHARE;
    const plan: Plan = {
      filter,
      search: search === 'none' ? 'none' : walk ? 'check' : 'lead',
      joins: walk ? this.joinsFor(order.map((t) => t.field)) : joins,
      // Few matches are read and sorted in one query; merging arms pays off only when walking.
      arms: walk ? await this.arms(filter, order) : [],
      steer: null,
      sortMatches: !walk,
    };
    // One query walking its order: it must not start from another field's index (status = A OR status = B would
    // read and sort every match).
    if (walk && plan.arms.length === 0 && order[0]) plan.steer = order[0].field;
    let after: unknown[] | null = null;
    let inclusive = false;
    let offset = 0;
    /** Rows to pass over from `after` (or the start) before the page: the rest of an offset's way. */
    let skip = 0;
    let start: { from: unknown[] | null; skip: number } | null | undefined;
    if (request.pageToken !== undefined) {
      const cursor = await this.context.pageTokens.decode(request.pageToken, request.binding, keys.length);
      after = cursor.after;
      offset = cursor.offset;
    } else if (request.offset) {
      offset = request.offset;
      if (!total.estimated && offset >= total.size) return { items: [], nextPageToken: null, totalSize: total.size, totalSizeEstimated: false, offset };
      start = await this.seek(plan, keys, order, offset, total.estimated ? null : total.size);
      if (start) {
        after = start.from;
        inclusive = true;
        skip = start.skip;
      }
    }

    const rows = start === null ? [] : await this.walking(plan, (repository) => repository.page(plan, request.pageSize, keys, after, inclusive, skip));
    if ('counting' in found) total = await found.counting;
    // Past the end of an estimated total: fewer than `offset` rows match, so counting them all is bounded by the walk
    // just made, and the answer is exact.
    if (rows.length === 0 && request.offset && total.estimated) {
      return { items: [], nextPageToken: null, totalSize: await this.countUpTo(filter, joins, offset, search), totalSizeEstimated: false, offset };
    }
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
   * exact up to the count bound when filtered, and beyond that an estimate from a sample of the scope's rows. Past the
   * first COUNT_PROBE matches the sample comes first: a total it shows surely beyond the bound is not counted (nor is
   * one whose search alone is, `known` from searchUse).
   */
  private async total(filter: CheckedFilter | null, joins: readonly string[], search: SearchUse, known: Estimate | null, beside = false): Promise<Total | CountUnderWay> {
    if (!filter && this.ownsWhatItSees()) return { size: await countedTotal(this.db, this.definition, this.scope), estimated: false };
    // Tables no billing entity owns (hardware) and shared ones (images) are small: count them.
    if (!this.estimatesTotal(filter)) return { size: await this.countUpTo(filter, joins, null, search), estimated: false };
    const bound = this.context.countBound;
    let estimate = known;
    // PostgreSQL reads a search's every trigram match before the first counts (a bitmap): its sample comes first.
    if (!estimate && this.context.dialect === 'postgres' && matchesOf(filter).length > 0) estimate = await this.estimate(filter!, joins);
    if (!estimate && search !== 'none') {
      const probe = Math.min(COUNT_PROBE, bound + 1);
      const size = await this.countUpTo(filter, joins, probe, search);
      if (size < probe) return { size, estimated: false };
      estimate = await this.estimate(filter!, joins);
    }
    if (estimate && estimate.low > bound) return { size: estimate.size, estimated: true };
    if (search === 'none') {
      estimate ??= await this.estimate(filter!, joins);
      return { size: estimate.size, estimated: true };
    }
    // The sample cannot say whether the total is beyond the bound: count up to it.
    const sampled = estimate;
    const beyondBound = (sample: Estimate): Total => ({ size: Math.max(bound + 1, sample.size), estimated: true });
    const counting = this.countUpTo(filter, joins, bound + 1, search).then(async (size): Promise<Total> =>
      size <= bound ? { size, estimated: false } : beyondBound(sampled ?? (await this.estimate(filter!, joins))),
    );
    // Beside the page only when its plan does not depend on the count: so many matches that the page walks its order
    // whatever the count says (few are read and sorted instead).
    if (beside && sampled && sampled.low > bound * LEAD_SHARE) {
      // Not awaited until the page is read: a failure must not go unhandled meanwhile.
      counting.catch(() => {});
      return { likely: beyondBound(sampled), counting };
    }
    return counting;
  }

  /** How many rows match, counting no further than `limit` (null: all of them). */
  private async countUpTo(filter: CheckedFilter | null, joins: readonly string[], limit: number | null, search: SearchUse): Promise<number> {
    let scoped = this.scoped(joins);
    const owners = await this.ownersToCount(filter);
    if (owners) scoped = scoped.where(`${this.table}.${this.definition.scopeColumn}`, 'in', owners);
    const all = this.filtered(scoped, filter, search).select(sql`1`.as('one'));
    const matching = limit === null ? all : all.limit(limit);
    const row = await this.db.selectFrom(matching.as('bounded')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number((row as Row | undefined)?.n ?? 0);
  }

  /**
   * For the licensee's count of a filter on an enum field: the billing entities that own rows. Said in the count, they
   * let an `(owner, enum, field, id)` index cover it (`status = DISABLED OR status = CLOSED AND createdAt >= …`) where
   * the platform-wide `(enum, id)` index would have each match's row read to check the rest (10,000 of them: 0.2–1 s
   * at a million customers). The same rows: every visible row's owner is counted (counters.ts), and none is null.
   */
  private async ownersToCount(filter: CheckedFilter | null): Promise<readonly string[] | null> {
    const { scopeColumn, sharedWith, indexes, columns } = this.definition;
    if (!this.scope.all || !scopeColumn || scopeColumn === 'id' || sharedWith) return null;
    if (!fieldsOf(filter).some((field) => indexes.filtered.includes(field))) return null;
    const owner = (Object.values(columns) as ColumnDefinition[]).find((c) => c.column === scopeColumn);
    if (!owner || owner.nullable) return null;
    const ids = await owners(this.db, this.definition);
    return ids.length > 0 && ids.length <= MAX_MERGED_BILLING_ENTITIES ? ids : null;
  }

  /**
   * The matches among a sample of the scope's rows, scaled to the scope's count. Ids are random, so the first rows of
   * a billing entity in id order are a uniform sample of it; each billing entity gives rows in proportion to its size.
   */
  private async estimate(filter: CheckedFilter, joins: readonly string[]): Promise<Estimate> {
    return (await this.estimates([filter], joins))[0]!;
  }

  /**
   * `estimate` of several filters from one sample (a filter and the searches in it). Matches are checked on the
   * sampled rows themselves: a search index would have its whole match list read to probe a few thousand rows.
   */
  private async estimates(filters: readonly CheckedFilter[], joins: readonly string[]): Promise<Estimate[]> {
    const owners = this.scope.all ? null : this.scope.billingEntityIds;
    const counts = owners && owners.length <= MAX_MERGED_BILLING_ENTITIES ? await countsByOwner(this.db, this.definition, owners) : null;
    const hits = filters.map((filter, i) =>
      sql<number>`case when ${compileFilter(filter, (f) => this.filterField(f, 'none'), this.context.dialect)(expressionBuilder())} then 1 else 0 end`.as(`hit${i}`),
    );
    const hitNames = filters.map((_, i) => `hit${i}`);
    const idColumn = `${this.table}.${this.definition.columns.id.column}`;
    const sample = (query: Query, rows: number, arm: number) =>
      this.db.selectFrom(query.select([...hits, sql.lit(arm).as('arm')]).orderBy(idColumn).limit(rows).as(`sample${arm}`)).select(['arm', ...hitNames]);
    const groups: Array<{ n: number; rows: number }> = [];
    let union: Query;
    if (counts) {
      const sizes = [...counts.entries()].filter(([, n]) => n > 0);
      const all = sizes.reduce((sum, [, n]) => sum + n, 0);
      if (all === 0) return filters.map(() => ({ size: 0, low: 0 }));
      const arms = sizes.map(([owner, n], i) => {
        groups.push({ n, rows: Math.max(1, Math.ceil((SAMPLE_ROWS * n) / all)) });
        return sample(this.displayJoins(this.scoped([], owner), joins), groups[i]!.rows, i);
      });
      union = arms.slice(1).reduce((u, next) => u.unionAll(next), arms[0]!);
    } else {
      groups.push({ n: await countedTotal(this.db, this.definition, this.scope), rows: SAMPLE_ROWS });
      union = sample(this.displayJoins(this.scoped([]), joins), SAMPLE_ROWS, 0);
    }
    const tallies = (await this.db
      .selectFrom(union.as('samples'))
      .select(['arm', ...hitNames.map((name) => (eb: ExpressionBuilder<any, any>) => eb.fn.sum<number>(name).as(name)), (eb) => eb.fn.countAll().as('seen')])
      .groupBy('arm')
      .execute()) as Row[];
    // Each billing entity's share of matches from its sample, scaled to its rows; their variances add up.
    return hitNames.map((name) => {
      let estimate = 0;
      let variance = 0;
      for (const tally of tallies) {
        const group = groups[Number(tally.arm)]!;
        const seen = Number(tally.seen);
        if (seen === 0) continue;
        const share = Number(tally[name]) / seen;
        estimate += share * group.n;
        variance += (group.n * group.n * share * (1 - share)) / seen;
      }
      return { size: Math.round(estimate), low: Math.max(0, Math.floor(estimate - ESTIMATE_Z * Math.sqrt(variance))) };
    });
  }

  /**
   * Where the page at `offset` starts: the nearest checkpoint of the list's order before it (positions.ts) and the
   * rows left to pass over from there, the page query walking those itself; the checkpoints up to it are learnt on the
   * way. When the total is exact and the order's end is nearer (fewer rows from its nearest checkpoint), the way is
   * learnt walking backwards from the end instead. Null: the list has fewer rows than `offset`.
   */
  private async seek(plan: Plan, keys: SortKey[], order: readonly OrderTerm[], offset: number, total: number | null): Promise<{ from: unknown[] | null; skip: number } | null> {
    const { positions } = this.context;
    const { step, fineStep } = positions;
    // Backwards, the order's last row is the first: the same walk over the keys turned round.
    const back = total === null ? null : { keys: keys.map((k) => ({ ...k, desc: !k.desc })), skip: total - 1 - offset };
    const atRow = async (way: { keys: SortKey[] }, from: unknown[] | null, rows: number) => {
      const found = await this.walk(plan, way.keys, from, rows);
      return found && { from: found, skip: 0 };
    };
    const versions = offset < fineStep && (!back || back.skip >= offset) ? null : await this.positionVersions(plan, order);
    if (versions === null) return back && back.skip < offset ? atRow(back, null, back.skip) : plan.arms.length ? atRow({ keys }, null, offset) : { from: null, skip: offset };
    const listKey = (reverse: boolean) => JSON.stringify([this.table, this.scope.all ? null : this.scope.billingEntityIds, plan.filter, order, reverse]);
    const learn = (way: { keys: SortKey[]; skip: number }, reverse: boolean) => {
      const list = positions.of(listKey(reverse), versions);
      const wanted = Math.floor(way.skip / step);
      return { list, wanted, walked: way.skip - Math.min(list.keys.length, wanted) * step };
    };
    const forward = learn({ keys, skip: offset }, false);
    const backward = back && learn(back, true);
    const [way, chosen] = backward && backward.walked < forward.walked ? [back!, backward] : [{ keys, skip: offset }, forward];
    const { list, wanted } = chosen;
    const atStep = await this.learnt(plan, way.keys, list.keys, wanted, null, step);
    if (atStep === undefined) return null;
    // Inside the step, on from its fine checkpoints; the page query passes over the rest of the way itself (fewer than
    // a fine step of rows: for a merged page, each of its arms reads them whole, which costs less than a second query).
    const rest = way.skip - wanted * step;
    const within = positions.within(list, wanted);
    if (way !== back) {
      const n = Math.floor(rest / fineStep);
      const from = await this.learnt(plan, keys, within, n, atStep, fineStep);
      return from === undefined ? null : { from, skip: rest - n * fineStep };
    }
    // Walking backwards, the fine checkpoint at or past the offset is at or before it in the list's order: the page
    // pages forwards from there.
    const n = Math.ceil(rest / fineStep);
    const mark = n > 0 || wanted > 0 ? await this.learnt(plan, way.keys, within, n, atStep, fineStep) : undefined;
    if (mark) return { from: mark, skip: n * fineStep - rest };
    // The last row, or the list starts before that checkpoint: the row itself, walking.
    return atRow(way, atStep, rest);
  }

  /**
   * The sort keys of the `wanted`-th of a list's checkpoints `distance` rows apart after `start` (null: the list's
   * start, and for wanted 0 the start itself), walking to it from the last one known and recording those on the way.
   * Undefined: the list ends before it.
   */
  private async learnt(plan: Plan, keys: SortKey[], checkpoints: unknown[][], wanted: number, start: unknown[] | null, distance: number): Promise<unknown[] | null | undefined> {
    for (let known = Math.min(checkpoints.length, wanted); known < wanted; known = Math.min(checkpoints.length, wanted)) {
      const next = await this.walk(plan, keys, known ? checkpoints[known - 1]! : start, distance);
      if (!next) return undefined;
      // A seek beside this one may have learnt it first (the same keys).
      if (checkpoints.length === known) checkpoints.push(next);
    }
    return wanted ? checkpoints[wanted - 1]! : start;
  }

  /**
   * The versions of the tables whose writes can move a list's rows (its own, and those of the names its order or
   * filter joins), or null when its positions cannot be kept: a field computed from other tables, or rows shared
   * through another table (images), whose changes no version of these tables tells.
   */
  private async positionVersions(plan: Plan, order: readonly OrderTerm[]): Promise<string | null> {
    const tables = this.tablesRead([...order.map((t) => t.field), ...fieldsOf(plan.filter)]);
    return tables ? this.context.versions.versions(this.db, tables) : null;
  }

  /**
   * The sort keys of the row `skip` rows into the order of `keys` (after `from`, inclusive, when given), walking the
   * covering index (merged per billing entity).
   */
  private async walk(plan: Plan, keys: SortKey[], from: unknown[] | null, skip: number): Promise<unknown[] | null> {
    const keyed = (query: Query) => {
      const selected = query.select(keys.map((k, i) => sql`${k.expr}`.as(keyAlias(i))));
      return from ? selected.where((eb) => keyset(eb, keys, from, true)) : selected;
    };
    const arm = (owner?: string) => keyed(this.displayJoins(this.filtered(this.scoped(plan.joins, owner, false, !this.pinsFilteredEnum(plan.filter)), plan.filter, plan.search, plan.steer), this.filterOnlyJoins(plan)));
    let query: Query;
    if (plan.arms.length) {
      // The row is among the first skip + 1 of its own billing entity: each arm reads no more, along its (owner, …)
      // index (the owner first, as in page()), so the merge never sorts a whole arm (PostgreSQL would).
      query = this.merge(plan.arms.map((owner) => this.inOrder(arm(owner), plan, keys, true).limit(skip + 1)), keys);
    } else {
      query = this.inOrder(arm(), plan, keys, false);
    }
    const row = (await query.limit(1).offset(skip).executeTakeFirst()) as Row | undefined;
    return row ? keys.map((_, i) => row[keyAlias(i)]) : null;
  }

  /**
   * A query of the list in the order of `keys`. An arm (one billing entity of a merged page) orders by its owner first:
   * only the (owner, …) indexes give that order, so PostgreSQL cannot pick a platform-wide index and filter it; keys
   * that are one value within an owner are left out there.
   */
  private inOrder(query: Query, plan: Plan, keys: SortKey[], arm: boolean): Query {
    const direction = (k: SortKey) => (k.desc ? 'desc' : 'asc');
    let ordered = arm ? query.orderBy(`${this.table}.${this.definition.scopeColumn}`, direction(keys[0]!)) : query;
    for (const k of keys) if (!arm || !k.perOwner) ordered = ordered.orderBy(this.ordered(plan, k.expr), direction(k));
    return ordered;
  }

  /**
   * A sort expression as a plan orders by it: few matches are sorted, so the planner must not walk the order's index
   * instead of starting from them (SQLite: a unary plus; PostgreSQL: coalesce(x, x), which no index matches).
   */
  private ordered(plan: Plan, expr: Expression<any>): Expression<any> {
    if (!plan.sortMatches) return expr;
    return this.context.dialect === 'sqlite' ? sql`+${expr}` : sql`coalesce(${expr}, ${expr})`;
  }

  /** Joins the filter names that a walking plan reads per row instead of leading with them. */
  private filterOnlyJoins(plan: Plan): string[] {
    return this.joinsFor(fieldsOf(plan.filter)).filter((field) => !plan.joins.includes(field));
  }

  /**
   * One page in order. A scope of several billing entities is paged per billing entity along its (owner, sort, id)
   * index and merged (UNION ALL of small ordered arms), so page 1 of a big tenant never sorts the whole tenant.
   */
  private async page(plan: Plan, pageSize: number, keys: SortKey[], after: unknown[] | null, inclusive: boolean, skip = 0): Promise<Row[]> {
    const limit = pageSize + 1;
    const display = this.joinsFor('all').filter((field) => !plan.joins.includes(field));
    const arm = (onlyBillingEntity?: string) => {
      let query = this.selectRow(this.displayJoins(this.filtered(this.scoped(plan.joins, onlyBillingEntity, false, !this.pinsFilteredEnum(plan.filter)), plan.filter, plan.search, plan.steer), display));
      query = query.select(keys.map((k, i) => sql`${k.expr}`.as(keyAlias(i))));
      if (after) query = query.where((eb) => keyset(eb, keys, after, inclusive));
      query = this.inOrder(query, plan, keys, onlyBillingEntity !== undefined);
      if (onlyBillingEntity !== undefined) return query.limit(limit + skip);
      return skip ? query.limit(limit).offset(skip) : query.limit(limit);
    };
    if (plan.arms.length === 0) return (await arm().execute()) as Row[];
    const merged = this.merge(plan.arms.map((id) => arm(id)), keys);
    return (await (skip ? merged.limit(limit).offset(skip) : merged.limit(limit)).execute()) as Row[];
  }

  /** The rows of ordered arms (UNION ALL), merged in the order of `keys` (selected as the key aliases). */
  private merge(arms: readonly Query[], keys: SortKey[]): Query {
    const parts = arms.map((arm, i) => this.db.selectFrom(arm.as(`arm${i}`)).selectAll());
    const union = parts.slice(1).reduce((all, next) => all.unionAll(next), parts[0]!);
    let merged = this.db.selectFrom(union.as('merged')).selectAll();
    for (const [i, k] of keys.entries()) merged = merged.orderBy(`merged.${keyAlias(i)}`, k.desc ? 'desc' : 'asc');
    return merged;
  }
}

/** How a list's queries run (see list()). */
interface Plan {
  filter: CheckedFilter | null;
  search: SearchUse;
  /** The joins queries lead with (inner joins the planner may start from); other joined names are read per row. */
  joins: readonly string[];
  /** The billing entities the page is merged from (see arms()). */
  arms: readonly string[];
  /** A walk by one query: the order's leading field, the only one whose index SQLite may use (see filterField). */
  steer: string | null;
  /** Few matches: the query starts from them and sorts them (see ordered()). */
  sortMatches: boolean;
}

/** Fields compared with `=` in every match of the filter (its top level or a top-level AND). */
function equalitiesOf(filter: CheckedFilter | null): string[] {
  if (!filter) return [];
  if (filter.kind === 'and') return filter.children.flatMap(equalitiesOf);
  return filter.kind === 'compare' && filter.operator === '=' ? [filter.field] : [];
}

/** The contains and pattern matches a filter makes (not negated: those never use an index). */
function matchesOf(filter: CheckedFilter | null): Array<Extract<CheckedFilter, { kind: 'match' }>> {
  if (!filter) return [];
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.children.flatMap(matchesOf);
    case 'not':
      return [];
    case 'match':
      return filter.negated ? [] : [filter];
    default:
      return [];
  }
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
