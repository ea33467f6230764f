/**
 * The change stream of one caller: the changes after its cursor that its reads would show, then each new one as it
 * is committed (on any instance), a keep-alive comment when nothing happens, and an end when the client leaves, the
 * store closes, or the caller's token stops being good enough (it expired, was revoked, or its scope changed: the
 * client reconnects and is told why).
 */
import { formatComment, formatEvent, Wakeup, type EventWriter } from '../../http/event-stream.js';
import type { TenantStore } from '../../store/tenant-store.js';
import type { Schema } from '../../spec/types.js';
import type { LoggedChange } from '../../store/change-log.js';

export interface ChangeStreamOptions {
  store: TenantStore;
  /** The kinds the caller may read (its scopes, an embed token's widgets). */
  kinds: readonly string[];
  /** Where the stream starts: the client's Last-Event-ID if the log still has what follows it, else the log's head. */
  cursor: number;
  /** The client's Last-Event-ID could not be resumed from: start with a `reset` event. */
  reset: boolean;
  /** Whether the caller may still read (checked every `recheckMs`); false ends the stream. */
  stillAuthorized: () => Promise<boolean>;
  keepAliveMs: number;
  recheckMs: number;
  /** Changes read from the log at a time. */
  batchSize?: number;
}

export function changeEvent(change: LoggedChange): Schema<'ChangeEvent'> {
  return {
    kind: change.kind as Schema<'ChangeKind'>,
    id: change.id,
    change: change.change,
    ...(change.etag !== null ? { etag: change.etag } : {}),
    at: change.at,
  };
}

export async function produceChanges(writer: EventWriter, options: ChangeStreamOptions): Promise<void> {
  const { store, kinds } = options;
  const { keepAliveMs, recheckMs } = options;
  const batchSize = options.batchSize ?? 500;
  const wakeup = new Wakeup();
  const ended = new AbortController();
  const stopWatching = store.watchChanges({ changed: () => wakeup.fire(), closed: () => ended.abort() });
  const signal = AbortSignal.any([writer.signal, ended.signal]);
  try {
    let cursor = options.cursor;
    let lastWrite = Date.now();
    const write = (text: string) => {
      writer.write(text);
      lastWrite = Date.now();
    };
    // The first line goes out at once, so the client knows the stream is open.
    write(options.reset ? formatEvent({ id: String(cursor), event: 'reset', data: {} }) : formatComment('connected'));
    let lastCheck = Date.now();
    let unread = true;
    while (!signal.aborted) {
      if (Date.now() - lastCheck >= recheckMs) {
        lastCheck = Date.now();
        if (!(await options.stillAuthorized())) return;
      }
      // Quiet for the caller, however busy the log is with what it does not see.
      if (Date.now() - lastWrite >= keepAliveMs) write(formatComment('keep-alive'));
      if (unread) {
        const batch = await store.changesAfter(cursor, kinds, batchSize);
        for (const change of batch.changes) write(formatEvent({ id: String(change.seq), event: 'change', data: changeEvent(change) }));
        cursor = batch.cursor;
        unread = batch.more;
        continue;
      }
      const due = Math.min(lastWrite + keepAliveMs, lastCheck + recheckMs) - Date.now();
      unread = await wakeup.wait(Math.max(0, due), signal);
    }
  } finally {
    stopWatching();
  }
}
