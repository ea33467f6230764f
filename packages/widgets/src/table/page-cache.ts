import type { ListPage } from '../api/types.js';
import type { FetchPage } from './types.js';

interface CachedPage<Row> {
  rows: Row[];
  nextPageToken: string | null;
}

/** How many pages stay cached; enough for a few screens around each place the user visited. */
const MAX_CACHED_PAGES = 60;

/**
 * Pages of one query (filter + order), keyed by their offset. A page right after a cached page is fetched with that
 * page's `nextPageToken` (keyset: cheap at any depth); any other page seeks with `offset` (random access, e.g. a jump
 * to the last row). Least recently used pages are dropped beyond a bound so a long scroll does not grow memory.
 */
export class PageCache<Row> {
  private readonly pages = new Map<number, CachedPage<Row>>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly controller = new AbortController();
  /** Rows matching the query: the server's total, corrected by what the pages show (see `learn`). */
  totalSize: number | undefined;
  /** The total is the server's estimate (a filtered list beyond its count bound), not yet known exactly. */
  totalSizeEstimated = false;

  constructor(
    private readonly fetchPage: FetchPage<Row>,
    private readonly filter: string | undefined,
    private readonly orderBy: string | undefined,
    readonly pageSize: number,
    private readonly onPage: (page: ListPage<Row>) => void,
  ) {}

  /** The row at `index`, or undefined while its page is not loaded. */
  row(index: number): Row | undefined {
    const start = this.pageStart(index);
    const page = this.pages.get(start);
    if (!page) return undefined;
    // Refresh the page's place in the LRU order.
    this.pages.delete(start);
    this.pages.set(start, page);
    return page.rows[index - start];
  }

  has(index: number): boolean {
    return this.pages.has(this.pageStart(index));
  }

  /** Loads every page that overlaps rows `first..last` and is neither cached nor on its way. */
  async ensure(first: number, last: number): Promise<void> {
    const loads: Promise<void>[] = [];
    // An empty window reports -1.
    first = Math.max(0, first);
    if (last < first) last = first;
    for (let start = this.pageStart(first); start <= last; start += this.pageSize) {
      // Past an exact end there is nothing; past an estimated one there may be.
      if (this.totalSize !== undefined && !this.totalSizeEstimated && start >= this.totalSize) break;
      if (this.pages.has(start)) continue;
      loads.push(this.inFlight.get(start) ?? this.load(start));
    }
    await Promise.all(loads);
  }

  /** Cancels everything in flight; the cache is dropped with its query. */
  dispose(): void {
    this.controller.abort();
  }

  private pageStart(index: number): number {
    return Math.floor(index / this.pageSize) * this.pageSize;
  }

  private load(start: number): Promise<void> {
    const previous = this.pages.get(start - this.pageSize);
    const seek = previous?.nextPageToken ? { pageToken: previous.nextPageToken } : { offset: start };
    const promise = this.fetchPage({
      filter: this.filter,
      orderBy: this.orderBy,
      pageSize: this.pageSize,
      signal: this.controller.signal,
      ...seek,
    })
      .then((page) => {
        this.learn(start, page);
        this.pages.set(start, { rows: page.items, nextPageToken: page.nextPageToken });
        this.evict();
        this.onPage(page);
      })
      .finally(() => this.inFlight.delete(start));
    this.inFlight.set(start, promise);
    return promise;
  }

  /**
   * Corrects the total with a page's answer. An exact total (counted, or the last page's) is kept; an estimate grows to
   * cover the rows seen (plus one while a next page exists); an empty page past the start ends the rows there at most.
   */
  private learn(start: number, page: ListPage<Row>): void {
    if (page.items.length === 0 && start > 0) {
      this.totalSize = Math.min(this.totalSize ?? page.totalSize, page.totalSize, start);
      return;
    }
    if (!page.totalSizeEstimated) {
      this.totalSize = page.totalSize;
      this.totalSizeEstimated = false;
    } else if (this.totalSize === undefined || this.totalSizeEstimated) {
      this.totalSize = Math.max(page.totalSize, start + page.items.length + (page.nextPageToken ? 1 : 0));
      this.totalSizeEstimated = true;
    }
  }

  private evict(): void {
    while (this.pages.size > MAX_CACHED_PAGES) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) return;
      this.pages.delete(oldest);
    }
  }
}
