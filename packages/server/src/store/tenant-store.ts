/**
 * The store as a request handler sees it: bound to the caller's tenancy scope. Every repository it hands out, every
 * aggregation a report runs, applies that scope; there is no database handle to go around it. Tables no billing
 * entity owns (sessions, layouts, secret values) are reached by key only (records.ts).
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DialectName } from './database.js';
import type { EntityDefinition } from './entity.js';
import type { PageTokens } from './page-token.js';
import { Records, type RecordTable } from './records.js';
import { Repository, type ListRequest, type Page, type StoreContext } from './repository.js';
import type { TenantScope } from './scope.js';
import { versionOf } from './versions.js';

/** A table a report aggregates: an entity, or a plain table with an owning billing entity column. */
export type AggregateSource = EntityDefinition<any> | { table: string; scopeColumn: string | null };

export class TenantStore {
  constructor(
    private readonly context: StoreContext,
    readonly scope: TenantScope,
  ) {}

  get dialect(): DialectName {
    return this.context.dialect;
  }

  /** Signs and checks page tokens (for lists that are not tables, such as the report catalogue). */
  get pageTokens(): PageTokens {
    return this.context.pageTokens;
  }

  repository<T extends { id: string }>(entity: EntityDefinition<T>): Repository<T> {
    return new Repository(this.context, entity, this.scope);
  }

  list<T extends { id: string }>(entity: EntityDefinition<T>, request: ListRequest): Promise<Page<T>> {
    return this.repository(entity).list(request);
  }

  /** The entity table's version: raised by every write to it, on every instance sharing the database. */
  version(entity: EntityDefinition<any>): Promise<number> {
    return versionOf(this.context.db, entity);
  }

  records<R extends Record<string, unknown>>(table: RecordTable<R>): Records<R> {
    return new Records(this.context.db, table);
  }

  /** Runs `fn` with this store bound to one transaction (reused if already inside one). */
  async transaction<R>(fn: (tx: TenantStore) => Promise<R>): Promise<R> {
    if (this.context.db.isTransaction) return fn(this);
    return this.context.db.transaction().execute((trx) => fn(new TenantStore({ ...this.context, db: trx }, this.scope)));
  }

  /**
   * The same store under another scope, for the few rules that decide it themselves: a public signup acts for the
   * one billing entity it names; a new billing entity joins its creator's scope.
   */
  withScope(scope: TenantScope): TenantStore {
    return new TenantStore(this.context, scope);
  }

  /**
   * A read-only query over a table's rows in scope (hidden rows left out), under `alias`: what reports aggregate.
   * Selecting, joining and grouping are the caller's; the scope is not.
   */
  aggregate(source: AggregateSource, alias: string): SelectQueryBuilder<any, any, {}> {
    let query = this.context.db.selectFrom(`${source.table} as ${alias}`) as SelectQueryBuilder<any, any, {}>;
    if (source.scopeColumn && !this.scope.all) {
      const ids = this.scope.billingEntityIds;
      query = ids.length ? query.where(`${alias}.${source.scopeColumn}`, 'in', ids) : query.where(sql<boolean>`1 = 0`);
    }
    if ('hidden' in source && source.hidden) {
      const column = (source.columns as Record<string, { column: string }>)[source.hidden.field]!.column;
      query = query.where(`${alias}.${column}`, '<>', source.hidden.equals);
    }
    return query;
  }
}
