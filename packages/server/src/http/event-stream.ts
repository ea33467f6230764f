/**
 * Server-sent events (text/event-stream) for operations whose answer never ends: the wire format, and a body that
 * a producer writes to until the client goes away (its `signal` aborts) or it returns.
 */

export interface OutgoingEvent {
  /** The cursor a client resumes from (sent back as Last-Event-ID). */
  id: string;
  event: string;
  data: unknown;
}

/** One event; JSON has no raw line breaks, so the data is always a single `data:` line. */
export function formatEvent(event: OutgoingEvent): string {
  return `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** A comment line: ignored by clients, it keeps proxies from closing a quiet connection. */
export function formatComment(text: string): string {
  return `: ${text}\n\n`;
}

export interface EventWriter {
  write(text: string): void;
  /** Aborts when the client went away (or the producer ended): the producer stops and lets go of what it holds. */
  readonly signal: AbortSignal;
}

/**
 * The body of an event stream written by `produce`. It ends when `produce` returns or throws (the error is logged,
 * the client reconnects), and `signal` aborts when the client disconnects (the body is cancelled) or `request`
 * (the request's own signal) aborts.
 */
export function eventStreamBody(
  produce: (writer: EventWriter) => Promise<void>,
  options: { request?: AbortSignal; log?: (message: string) => void } = {},
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const encoder = new TextEncoder();
  options.request?.addEventListener('abort', () => stop.abort(), { once: true });
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const writer: EventWriter = {
        write(text) {
          if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
        },
        signal: stop.signal,
      };
      produce(writer)
        .catch((error) => options.log?.(`event stream ended by an error: ${(error as Error)?.stack ?? String(error)}`))
        .finally(() => {
          stop.abort();
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
        });
    },
    cancel() {
      stop.abort();
    },
  });
}

/**
 * A wake-up flag a producer sleeps on: `fire` (from a listener) ends the current `wait` early, or marks the next one
 * to return at once; `wait` says whether it was woken (true) or timed out or was aborted (false).
 */
export class Wakeup {
  private fired = false;
  private resolve: ((woken: boolean) => void) | null = null;

  fire(): void {
    this.fired = true;
    this.resolve?.(true);
  }

  wait(ms: number, signal: AbortSignal): Promise<boolean> {
    if (this.fired || signal.aborted) {
      const woken = this.fired;
      this.fired = false;
      return Promise.resolve(woken);
    }
    return new Promise<boolean>((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
        this.resolve = null;
        this.fired = false;
        resolve(woken);
      };
      const aborted = () => done(false);
      const timer = setTimeout(() => done(false), ms);
      signal.addEventListener('abort', aborted, { once: true });
      this.resolve = done;
    });
  }
}
