/**
 * Wakes the readers of the change log (the stream handlers of this instance) when it grows, whichever instance wrote
 * to it, and costs nothing while nobody reads:
 * - this instance's commits wake them at once (`committed`);
 * - on PostgreSQL, other instances' commits arrive through LISTEN on the schema's channel (a connection of its own,
 *   opened with the first reader and closed with the last);
 * - a SQLite file other processes may write is polled for a new head once a second while someone reads.
 * Readers then read the log themselves (TenantStore.changesAfter): a wake-up says "look", never what changed.
 */
import type { Database } from './database.js';
import type { EntityDefinition } from './entity.js';
import { DEFAULT_CHANGE_LOG_LIMITS, logBounds, pruneChangeLog, type ChangeLogLimits, type ChangeSignal } from './change-log.js';

export interface ChangeFeedOptions {
  limits?: Partial<ChangeLogLimits>;
  /** How often a shared SQLite file is polled for other processes' changes (default 1 s). */
  pollIntervalMs?: number;
  /** At most one prune of the log per this many milliseconds (default one minute). */
  pruneIntervalMs?: number;
  log?: (message: string) => void;
}

export interface ChangeListener {
  /** The log may have grown. */
  changed(): void;
  /** The store is closing: stop reading. */
  closed(): void;
}

export class ChangeFeed implements ChangeSignal {
  readonly dialect: Database['dialect'];
  readonly channel: string | null;
  readonly limits: ChangeLogLimits;
  private readonly listeners = new Set<ChangeListener>();
  private watching: Promise<(() => Promise<void>) | null> | null = null;
  private lastPrune = 0;
  private isClosed = false;

  /** The entities whose writes are logged, by change kind. */
  readonly kinds: ReadonlyMap<string, EntityDefinition<any>>;

  constructor(
    private readonly database: Database,
    entities: readonly EntityDefinition<any>[],
    private readonly options: ChangeFeedOptions = {},
  ) {
    this.kinds = new Map(entities.flatMap((entity) => (entity.changeKind ? [[entity.changeKind, entity] as const] : [])));
    this.dialect = database.dialect;
    // NOTIFY channels belong to the whole database: one per schema keeps instances of different schemas apart.
    this.channel = database.dialect === 'postgres' ? `fco_changes_${database.schema ?? 'public'}` : null;
    this.limits = { ...DEFAULT_CHANGE_LOG_LIMITS, ...options.limits };
  }

  committed(): void {
    this.wake();
    const now = Date.now();
    if (now - this.lastPrune >= (this.options.pruneIntervalMs ?? 60_000)) {
      this.lastPrune = now;
      pruneChangeLog(this.database.db, this.limits, new Date(now)).catch((error) => this.options.log?.(`pruning the change log failed: ${(error as Error).message}`));
    }
  }

  /** Adds a reader; the returned function removes it. The first reader starts watching other instances, the last stops. */
  subscribe(listener: ChangeListener): () => void {
    if (this.isClosed) {
      queueMicrotask(() => listener.closed());
      return () => {};
    }
    this.listeners.add(listener);
    if (this.listeners.size === 1 && !this.watching) this.watching = this.watch();
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      void this.stopWatching();
    };
  }

  get readers(): number {
    return this.listeners.size;
  }

  /** Ends every reader and stops watching (the store is closing). */
  async close(): Promise<void> {
    this.isClosed = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener.closed();
    await this.stopWatching();
  }

  private wake(): void {
    for (const listener of this.listeners) listener.changed();
  }

  private async watch(): Promise<(() => Promise<void>) | null> {
    try {
      if (this.channel && this.database.listen) return await this.database.listen(this.channel, () => this.wake());
      if (this.dialect === 'sqlite' && !this.database.inMemory) return this.poll();
    } catch (error) {
      this.options.log?.(`watching the change log failed: ${(error as Error).message}`);
    }
    return null;
  }

  /** Polls the log's head; only another process's commit can move it without `committed` (ours wake at once). */
  private poll(): () => Promise<void> {
    let head: number | null = null;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      logBounds(this.database.db)
        .then((bounds) => {
          // The first look wakes too: another process may have written since the reader fixed its cursor.
          if (bounds.head !== head) this.wake();
          head = bounds.head;
        })
        .catch(() => {})
        .finally(() => (busy = false));
    }, this.options.pollIntervalMs ?? 1000);
    timer.unref?.();
    return async () => clearInterval(timer);
  }

  private async stopWatching(): Promise<void> {
    const watching = this.watching;
    this.watching = null;
    const stop = await watching;
    await stop?.().catch(() => {});
    // A reader that came while the watch was stopping starts a new one.
    if (this.listeners.size > 0 && !this.watching && !this.isClosed) this.watching = this.watch();
  }
}
