/**
 * The change log: one row per created, updated or deleted object of a kind the spec's change stream names
 * (`ChangeKind`), written in the same transaction as the write itself, so a change is logged exactly when it commits.
 * Rows carry what the stream's tenancy needs after the object is gone: the owning billing entity. The log is bounded
 * (by age and by count); a cursor older than what it keeps, or one it never issued, asks the reader to start over.
 *
 * Repositories note their changes on the transaction (`noteChange`); `transaction()` writes them just before the
 * commit, so the moment between writing the log and committing is short. On PostgreSQL that moment is taken under a
 * transaction lock, so sequence numbers commit in order and a reader never skips one that commits late; the same
 * transaction sends a NOTIFY, which PostgreSQL delivers to every listening instance once (and only if) it commits.
 */
import { sql } from 'kysely';
import type { Db, DialectName } from './database.js';
import { createIndex, createTable, type Migration } from './schema.js';

export const CHANGE_LOG_TABLE = 'change_log';

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface Change {
  /** The spec's schema name of the object (`Customer`). */
  kind: string;
  id: string;
  change: ChangeType;
  /** The object's ETag after the change; null for deletions. */
  etag: string | null;
  /** The owning billing entity (before a deletion); null for objects no billing entity owns. */
  billingEntityId: string | null;
}

export interface LoggedChange extends Change {
  /** The log's sequence number: the stream's cursor. */
  seq: number;
  at: string;
}

export interface ChangeLogLimits {
  /** Changes older than this are pruned (default one hour). */
  maxAgeMs: number;
  /** At most this many changes are kept (default 100,000). */
  maxRows: number;
}

export const DEFAULT_CHANGE_LOG_LIMITS: ChangeLogLimits = { maxAgeMs: 60 * 60 * 1000, maxRows: 100_000 };

/** An arbitrary, fixed advisory-lock key: the last moment of every logging transaction on one schema. */
const LOG_LOCK_KEY = 730_455_031;

export const changeLogMigration: Migration = {
  name: 'change-log',
  async up(db, dialect) {
    await createTable(db, dialect, CHANGE_LOG_TABLE, {
      kind: { type: 'text', notNull: true },
      object_id: { type: 'id', notNull: true },
      change: { type: 'text', notNull: true },
      etag: { type: 'text' },
      billing_entity_id: { type: 'id' },
      at: { type: 'timestamp', notNull: true },
    }, (table) => table.addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement())));
    await createIndex(db, CHANGE_LOG_TABLE, ['at']);
  },
};

/** Changes noted on a transaction and not yet written, by the transaction's handle. */
const pending = new WeakMap<Db, Change[]>();

/** Notes a change of the current transaction; it is logged when the transaction commits (see `transaction`). */
export function noteChange(db: Db, change: Change): void {
  if (!db.isTransaction) throw new Error('A change is noted inside the transaction that makes it');
  const changes = pending.get(db);
  if (changes) changes.push(change);
  else pending.set(db, [change]);
}

/** Where a database's logging transactions tell others that they committed changes. */
export interface ChangeSignal {
  dialect: DialectName;
  /** The PostgreSQL NOTIFY channel of this schema (null for SQLite). */
  channel: string | null;
  /** Called after a transaction that logged changes committed. */
  committed(): void;
}

/**
 * Runs `fn` in a transaction (or in the current one, whose own commit then logs what `fn` noted) and writes the
 * changes it noted just before committing.
 */
export async function transaction<R>(db: Db, signal: ChangeSignal, fn: (trx: Db) => Promise<R>): Promise<R> {
  if (db.isTransaction) return fn(db);
  let logged = false;
  const result = await db.transaction().execute(async (trx) => {
    const value = await fn(trx);
    logged = await writeNoted(trx, signal);
    return value;
  });
  if (logged) signal.committed();
  return result;
}

async function writeNoted(trx: Db, signal: ChangeSignal): Promise<boolean> {
  const changes = pending.get(trx);
  pending.delete(trx);
  if (!changes?.length) return false;
  if (signal.dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(${LOG_LOCK_KEY}, hashtext(current_schema()))`.execute(trx);
  }
  const at = new Date().toISOString();
  await trx
    .insertInto(CHANGE_LOG_TABLE)
    .values(changes.map((c) => ({ kind: c.kind, object_id: c.id, change: c.change, etag: c.etag, billing_entity_id: c.billingEntityId, at })))
    .execute();
  if (signal.channel) await sql`select pg_notify(${signal.channel}, '')`.execute(trx);
  return true;
}

/** The newest sequence number (0 when nothing was ever logged) and the oldest one kept. */
export async function logBounds(db: Db): Promise<{ head: number; oldest: number }> {
  const row = (await logBoundsQuery(db).executeTakeFirst()) as { head: unknown; oldest: unknown } | undefined;
  return { head: Number(row?.head ?? 0), oldest: Number(row?.oldest ?? 0) };
}

/**
 * The log's newest and oldest sequence numbers, each its own subquery: SQLite answers a lone max() or min() with one
 * step of the index, but `select max(seq), min(seq)` with a scan of the whole log (up to its 100,000 rows), and every
 * open change stream asks this when it opens and after every write.
 */
export function logBoundsQuery(db: Db) {
  return db.selectNoFrom((eb) => [
    eb.selectFrom(CHANGE_LOG_TABLE).select((inner) => inner.fn.max('seq').as('seq')).as('head'),
    eb.selectFrom(CHANGE_LOG_TABLE).select((inner) => inner.fn.min('seq').as('seq')).as('oldest'),
  ]);
}

/**
 * Whether the changes after `cursor` are all still in the log: the cursor is one the log issued (not beyond its head)
 * and nothing after it was pruned. Pruning always keeps the newest change, so the head never goes back.
 */
export function canResumeFrom(cursor: number, bounds: { head: number; oldest: number }): boolean {
  if (cursor < 0 || cursor > bounds.head) return false;
  return bounds.head === 0 || cursor >= bounds.oldest - 1;
}

export interface ReadOptions {
  after: number;
  /** The head seen before reading: later changes are left for the next read. */
  upTo: number;
  limit: number;
  /** Only these kinds. */
  kinds: readonly string[];
  /** Only changes of objects these billing entities own, or of kinds in `unowned`; null: every owner. */
  owners: readonly string[] | null;
  /** Kinds delivered whatever their owner (no billing entity owns them, or others may share them). */
  unowned: readonly string[];
}

/** Logged changes after a cursor, in order; tenancy is the caller's (TenantStore.changesAfter). */
export async function readChanges(db: Db, options: ReadOptions): Promise<LoggedChange[]> {
  if (options.kinds.length === 0) return [];
  let query = db.selectFrom(CHANGE_LOG_TABLE).selectAll().where('seq', '>', options.after).where('seq', '<=', options.upTo).where('kind', 'in', options.kinds);
  const { owners, unowned } = options;
  if (owners) {
    if (!owners.length && !unowned.length) return [];
    query = query.where((eb) =>
      eb.or([...(owners.length ? [eb('billing_entity_id', 'in', owners)] : []), ...(unowned.length ? [eb('kind', 'in', unowned)] : [])]),
    );
  }
  const rows = (await query.orderBy('seq').limit(options.limit).execute()) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    seq: Number(row.seq),
    kind: String(row.kind),
    id: String(row.object_id),
    change: row.change as ChangeType,
    etag: row.etag === null || row.etag === undefined ? null : String(row.etag),
    billingEntityId: row.billing_entity_id === null || row.billing_entity_id === undefined ? null : String(row.billing_entity_id),
    at: String(row.at),
  }));
}

/** Drops changes beyond the log's limits, always keeping the newest one (the head stays known). */
export async function pruneChangeLog(db: Db, limits: ChangeLogLimits, now: Date): Promise<void> {
  const { head } = await logBounds(db);
  if (head === 0) return;
  const cutoff = new Date(now.getTime() - limits.maxAgeMs).toISOString();
  await db
    .deleteFrom(CHANGE_LOG_TABLE)
    .where('seq', '<', head)
    .where((eb) => eb.or([eb('seq', '<=', head - limits.maxRows), eb('at', '<', cutoff)]))
    .execute();
}
