// Server-sent events read from a fetch body, parsed by the WHATWG "event stream interpretation" rules: lines end in
// CRLF, LF or CR (also when a CRLF is split between chunks), `:` starts a comment, `data` lines join with "\n", an
// empty line dispatches, `id` persists across events, and an event the stream ends in the middle of is dropped.

/** One dispatched event: its name (`message` when the server named none), data and the last event id seen. */
export interface ServerSentEvent {
  event: string;
  data: string;
  /** The last `id` the stream set, this event's or an earlier one's ('' when none): what to resume from. */
  id: string;
}

/** Turns lines into events; `line` is fed each line without its line ending. */
class EventBuilder {
  private data: string[] = [];
  private event = '';
  private lastEventId = '';

  line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    // `retry` and unknown fields are ignored: reconnecting is the caller's decision.
    return undefined;
  }

  private dispatch(): ServerSentEvent | undefined {
    const event = this.data.length === 0 ? undefined : { event: this.event || 'message', data: this.data.join('\n'), id: this.lastEventId };
    this.data = [];
    this.event = '';
    return event;
  }
}

/** Splits decoded text into lines, keeping a partial line (and a CR that may start a CRLF) for the next chunk. */
class LineSplitter {
  private buffer = '';
  private pendingCr = false;

  *push(text: string): Generator<string> {
    let start = 0;
    if (this.pendingCr && text.startsWith('\n')) start = 1; // the LF of a CRLF split across chunks
    this.pendingCr = false;
    for (let i = start; i < text.length; i++) {
      const char = text[i];
      if (char !== '\n' && char !== '\r') continue;
      yield this.buffer + text.slice(start, i);
      this.buffer = '';
      if (char === '\r') {
        if (i + 1 === text.length) this.pendingCr = true;
        else if (text[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.buffer += text.slice(start);
  }
}

/**
 * The events of an event-stream body, in order. Ends when the body ends, or when `signal` aborts; a read error is
 * thrown by the iteration.
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder('utf-8'); // drops a leading BOM, as the rules ask
  const lines = new LineSplitter();
  const builder = new EventBuilder();
  const reader = body.getReader();
  // The abort ends the body here, not only through the fetch it was given to: on Node 20 the signal ky combines from
  // it and its timeout (AbortSignal.any) can be garbage-collected, after which an abort no longer reaches the fetch
  // and a stream of keep-alives would be read forever.
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {});
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const line of lines.push(text)) {
        const event = builder.line(line);
        if (event) yield event;
      }
      if (done) return;
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    // Leaving early (break, an abort, a throwing consumer) closes the connection instead of leaving it open.
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
