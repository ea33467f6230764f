/**
 * Pages of lists answered recently, each kept with the versions of the tables it was read from (versions.ts, raised in
 * the transaction of every write, on every instance sharing the database). A list asked again while none of those
 * tables changed (fifty admins opening the Customers tab, a table paging back) is answered from memory: one keyed read
 * of the versions instead of the page's queries, its rows' decoding and, for the HTTP answer, its JSON (shared-body.ts).
 *
 * A page is keyed by everything it depends on: the table, the caller's tenancy scope, the filter, order, page size,
 * offset or page token. The versions are read before the page, so a write landing while a page is read leaves that
 * page under versions that are already old: it is never served. Pages are frozen, as every caller shares them.
 */
import { sharedBody } from './shared-body.js';

/**
 * Rows kept by default, over all pages (the most recently used pages are kept): 200 pages of 50 customers, about 10 MB
 * of rows and as much again in what is made from them once answered (their JSON, its bytes, an eighth of that per
 * compressed form: http/compression.ts); pages run to 500 rows, so a count of pages would not bound the memory.
 */
export const ROWS_KEPT = 10_000;

interface Kept {
  readonly versions: string;
  readonly page: { readonly items: readonly unknown[] };
  readonly rows: number;
}

export class PageCache {
  /** Most recently used last. */
  private readonly pages = new Map<string, Kept>();
  private rows = 0;
  /** How often a page was answered from memory, and read: for tests and benchmarks. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(readonly rowsKept: number = ROWS_KEPT) {
    if (!Number.isInteger(rowsKept) || rowsKept < 0) throw new Error(`rows kept must be a whole number, not ${rowsKept}`);
  }

  /** The page kept under `key` if it was read at these versions. */
  get<P extends { items: readonly unknown[] }>(key: string, versions: string): P | undefined {
    const kept = this.pages.get(key);
    if (kept && kept.versions === versions) {
      this.pages.delete(key);
      this.pages.set(key, kept);
      this.stats.hits++;
      return kept.page as P;
    }
    this.stats.misses++;
    return undefined;
  }

  /** Keeps a page read at these versions, dropping the least recently used beyond the rows kept; answers it frozen. */
  keep<P extends { items: readonly unknown[] }>(key: string, versions: string, page: P): P {
    sharedBody(page);
    const rows = Math.max(1, page.items.length);
    if (rows > this.rowsKept) return page;
    this.forget(key);
    this.pages.set(key, { versions, page, rows });
    this.rows += rows;
    for (const oldest of this.pages.keys()) {
      if (this.rows <= this.rowsKept) break;
      this.forget(oldest);
    }
    return page;
  }

  private forget(key: string): void {
    const kept = this.pages.get(key);
    if (!kept) return;
    this.pages.delete(key);
    this.rows -= kept.rows;
  }
}
