/**
 * When a session's first requests have been answered: the moment its change stream may open without being served
 * ahead of them (a server answers the stream's opening first when it arrives first, and the first rows wait for it).
 * Counts the requests a client sends through `fetch` until they are all answered once, or until `limitMs` passes.
 */
export class FirstReads {
  readonly settled: Promise<void>;
  private inFlight = 0;
  private done = false;
  private finish!: () => void;

  constructor(limitMs = 1_000) {
    this.settled = new Promise<void>((resolve) => (this.finish = resolve)).then(() => {
      this.done = true;
    });
    setTimeout(() => this.finish(), limitMs);
  }

  /** A fetch for the client (the SDK's `fetch` option) that counts what it sends, the change stream aside. */
  readonly fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const counted = !this.done && !new URL(input.url).pathname.endsWith('/v1/changes');
    if (counted) this.inFlight++;
    try {
      return await fetch(input, init);
    } finally {
      if (counted && --this.inFlight === 0) this.finish();
    }
  };
}
