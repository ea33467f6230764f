/**
 * The provider's one stream of changes (`GET /v1/changes`) shared by all its widgets: open while at least one widget
 * listens and the session has a client, closed otherwise (an idle page holds no connection); reconnected with
 * backoff after a failure or a server restart, sending the last event's id so nothing in between is lost; each change
 * handed to the widgets listening for its kind, a `reset` (the server no longer knows that id) to every widget.
 */
import { classifyError, type ClassifiedError } from '../api/errors.js';
import type { ChangeEvent, OpenChangeStream } from './types.js';

export interface ChangeListener {
  /** An object of the listened kind was created, updated or deleted. */
  change(event: ChangeEvent): void;
  /** Changes may have been missed: everything shown must be read again. */
  reset(): void;
}

/** The first reconnect waits about this long; each failure in a row doubles it, up to the maximum. */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** A connection that lived this long counts as a success: the next failure starts the backoff over. */
const STABLE_AFTER_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): doubling from 0.5 s to 30 s, each delay
 * drawn between half and all of it so many pages a restarted server lost do not all come back at the same moment.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class ChangeFeed {
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private source: OpenChangeStream | undefined;
  /** The running connection (or the wait before the next one); undefined when the feed is closed. */
  private controller: AbortController | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastEventId: string | undefined;
  /** Holds the session's first connection, and names the cursor it starts from (see setSource). */
  private starting: Promise<string | undefined> | undefined;
  private attempt = 0;

  /**
   * `onRefused`: the server refused the stream for good (the session lapsed, or the caller may not read it); the
   * feed stays closed until the provider gives it a new source.
   */
  constructor(
    private readonly onRefused: (failure: ClassifiedError) => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether a connection is open or about to be (for tests and diagnostics). */
  get active(): boolean {
    return this.controller !== undefined;
  }

  /** Listens for changes to objects of `kind` (the spec's schema name: `Customer`); returns the way to stop. */
  subscribe(kind: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(kind);
    if (!set) this.listeners.set(kind, (set = new Set()));
    set.add(listener);
    this.startOrStop();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(kind);
      this.startOrStop();
    };
  }

  /**
   * The stream of the provider's current session, or undefined without one; a new session starts afresh. `start`
   * holds the session's first connection until it settles, with the cursor to start from: the session's
   * `changeCursor`, where the stream stood before anything was read with the session, so the stream may open after
   * the first reads and still tell of every change they do not show. Without one the stream starts at the present.
   */
  setSource(source: OpenChangeStream | undefined, start?: Promise<string | undefined>): void {
    if (source === this.source) return;
    this.stop();
    this.source = source;
    // Another session may see other objects: its stream starts afresh, and widgets reload for it anyway.
    this.lastEventId = undefined;
    this.starting = start;
    this.attempt = 0;
    this.startOrStop();
  }

  private startOrStop(): void {
    const wanted = this.source !== undefined && this.listeners.size > 0;
    if (wanted && !this.controller) this.connect(new AbortController());
    else if (!wanted) this.stop();
  }

  private stop(): void {
    clearTimeout(this.retryTimer);
    this.controller?.abort();
    this.controller = undefined;
  }

  private connect(controller: AbortController): void {
    this.controller = controller;
    void this.read(this.source!, controller);
  }

  private async read(source: OpenChangeStream, controller: AbortController): Promise<void> {
    if (this.starting) {
      const cursor = await this.starting.catch(() => undefined);
      if (controller !== this.controller) return;
      this.starting = undefined;
      this.lastEventId ??= cursor;
    }
    const opened = Date.now();
    try {
      for await (const event of source({ lastEventId: this.lastEventId, signal: controller.signal })) {
        if (controller !== this.controller) return;
        this.attempt = 0;
        if (event.id) this.lastEventId = event.id;
        if (event.type === 'reset') this.each(this.all(), (listener) => listener.reset());
        else this.each(this.listeners.get(event.data.kind), (listener) => listener.change(event.data));
      }
    } catch (error) {
      if (controller !== this.controller || controller.signal.aborted) return;
      const failure = classifyError(error);
      if (failure.kind === 'unauthenticated' || failure.kind === 'forbidden') {
        this.stop();
        this.onRefused(failure);
        return;
      }
    }
    if (controller !== this.controller) return;
    // The server ended the stream or could not be reached (a restart, a proxy's timeout): come back later.
    if (Date.now() - opened >= STABLE_AFTER_MS) this.attempt = 0;
    this.retryTimer = setTimeout(() => {
      if (controller === this.controller) this.connect(new AbortController());
    }, backoffDelay(this.attempt++, this.random));
  }

  private all(): ChangeListener[] {
    return [...this.listeners.values()].flatMap((set) => [...set]);
  }

  /** Calls each listener (a copy: a listener may unsubscribe meanwhile); one that throws does not stop the others. */
  private each(listeners: Iterable<ChangeListener> | undefined, call: (listener: ChangeListener) => void): void {
    for (const listener of [...(listeners ?? [])]) {
      try {
        call(listener);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
