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
import { canResumeFrom, logBounds, readChanges, transaction, type LoggedChange } from './change-log.js';
import type { ChangeListener } from './change-feed.js';
import { inScope } from './scope.js';

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

  records<R extends Record<string, unknown>>(table: RecordTable<R>): Records<R> {
    return new Records(this.context.db, table);
  }

  /** Runs `fn` with this store bound to one transaction (reused if already inside one). */
  async transaction<R>(fn: (tx: TenantStore) => Promise<R>): Promise<R> {
    return transaction(this.context.db, this.context.changes, (trx) => fn(this.context.db === trx ? this : new TenantStore({ ...this.context, db: trx }, this.scope)));
  }

  /**
   * The same store under another scope, for the few rules that decide it themselves: a public signup acts for the
   * one billing entity it names; a new billing entity joins its creator's scope.
   */
  withScope(scope: TenantScope): TenantStore {
    return new TenantStore(this.context, scope);
  }

  /** The entities whose changes the change log records, by kind (the spec's `ChangeKind`). */
  get changeKinds(): ReadonlyMap<string, EntityDefinition<any>> {
    return this.context.changes.kinds;
  }

  /** Calls the listener whenever the change log may have grown (any instance's write); returns how to stop. */
  watchChanges(listener: ChangeListener): () => void {
    return this.context.changes.subscribe(listener);
  }

  /** Where a reader starts: the log's newest change, and whether the changes after `cursor` are all still kept. */
  async changeCursor(cursor?: number): Promise<{ head: number; resumable: boolean }> {
    const bounds = await logBounds(this.context.db);
    return { head: bounds.head, resumable: cursor !== undefined && canResumeFrom(cursor, bounds) };
  }

  /**
   * The logged changes after `cursor` of these kinds that this scope sees, as its reads would: the object's owner is
   * in scope (deletions: its owner before), or no billing entity owns the kind, or (an object shared with the scope,
   * an image) a read finds it now. Returns them in order with the cursor to read on from, which passes the changes
   * the scope does not see.
   */
  async changesAfter(cursor: number, kinds: readonly string[], limit: number): Promise<{ changes: LoggedChange[]; cursor: number; more: boolean }> {
    const entities = this.context.changes.kinds;
    const wanted = kinds.filter((kind) => entities.has(kind));
    const unowned = wanted.filter((kind) => entities.get(kind)!.scopeColumn === null || entities.get(kind)!.sharedWith !== undefined);
    const { head } = await logBounds(this.context.db);
    const rows = await readChanges(this.context.db, {
      after: cursor,
      upTo: head,
      limit,
      kinds: wanted,
      owners: this.scope.all ? null : this.scope.billingEntityIds,
      unowned,
    });
    const changes: LoggedChange[] = [];
    for (const row of rows) {
      const entity = entities.get(row.kind)!;
      if (this.scope.all || entity.scopeColumn === null) changes.push(row);
      else if (!entity.sharedWith) {
        if (inScope(this.scope, row.billingEntityId)) changes.push(row);
      } else {
        // A shared object is shown to each billing entity as it sees it (an image's publications in its scope), so
        // its ETag differs by reader, and whether the reader sees it at all may have changed with this write (a
        // publication made or revoked): a read of the reader's own says which. A change it can read is delivered;
        // one it cannot is a deletion for it, told only when the change concerns its scope (its owner, or a sharing
        // entry for one of its billing entities), so a reader never learns of objects that never reached it.
        const readable = await this.repository(entity).find(row.id);
        if (readable) {
          if (row.change !== 'deleted') changes.push({ ...row, etag: null });
        } else if (inScope(this.scope, row.billingEntityId)) changes.push({ ...row, change: 'deleted', etag: null });
      }
    }
    const more = rows.length === limit;
    return { changes, cursor: more ? rows[rows.length - 1]!.seq : Math.max(cursor, head), more };
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
