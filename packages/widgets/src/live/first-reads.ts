/** How long no request may be under way before the first ones count as answered (an answer often leads to more). */
const QUIET_MS = 100;

/**
 * When a session's first requests have been answered: the moment its change stream may open without being served
 * ahead of them (a server answers the stream's opening first when it arrives first, and the first rows wait for it).
 * Counts the requests a client sends through `fetch`, the change stream aside; settles once none has been under way
 * for a moment (the page's layout leads to its widgets' lists, their rows to the names their filters offer), or after
 * `limitMs`. Later requests are counted too, which changes nothing once it has settled.
 */
export class FirstReads {
  readonly settled: Promise<void>;
  private inFlight = 0;
  private quiet: ReturnType<typeof setTimeout> | undefined;
  private finish!: () => void;

  constructor(limitMs = 1_000) {
    this.settled = new Promise<void>((resolve) => (this.finish = resolve));
    setTimeout(() => this.finish(), limitMs);
  }

  /** A fetch for the client (the SDK's `fetch` option). */
  readonly fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const counted = !input.url.endsWith('/v1/changes');
    if (counted) {
      this.inFlight++;
      clearTimeout(this.quiet);
    }
    try {
      return await fetch(input, init);
    } finally {
      if (counted && --this.inFlight === 0) this.quiet = setTimeout(this.finish, QUIET_MS);
    }
  };
}
