/**
 * Pages of lists answered recently, each kept with the versions of the tables it was read from (versions.ts, raised in
 * the transaction of every write, on every instance sharing the database). A list asked again while none of those
 * tables changed (fifty admins opening the Customers tab, a table paging back) is answered from memory: one keyed read
 * of the versions instead of the page's queries, its rows' decoding and, for the HTTP answer, its JSON (`pageJson`).
 *
 * A page is keyed by everything it depends on: the table, the caller's tenancy scope, the filter, order, page size,
 * offset or page token. The versions are read before the page, so a write landing while a page is read leaves that
 * page under versions that are already old: it is never served. Pages are frozen, as every caller shares them.
 */
import { Memo } from './memo.js';

/** Pages kept by default (the most recently used): about 50 rows each. */
export const PAGES_KEPT = 256;

interface Kept {
  readonly versions: string;
  readonly page: object;
}

export class PageCache {
  private readonly pages: Memo<Kept>;
  /** How often a page was answered from memory, and read: for tests and benchmarks. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(readonly size: number = PAGES_KEPT) {
    if (!Number.isInteger(size) || size < 0) throw new Error(`pages kept must be a whole number, not ${size}`);
    this.pages = new Memo<Kept>(size);
  }

  /** The page kept under `key` if it was read at these versions. */
  get<P extends object>(key: string, versions: string): P | undefined {
    const kept = this.pages.get(key);
    if (kept && kept.versions === versions) {
      this.stats.hits++;
      return kept.page as P;
    }
    this.stats.misses++;
    return undefined;
  }

  /** Keeps a page read at these versions; answers it frozen. */
  keep<P extends object>(key: string, versions: string, page: P): P {
    deepFreeze(page);
    kept.add(page);
    this.pages.set(key, { versions, page });
    return page;
  }
}

/** Pages some cache holds, and their JSON once made. */
const kept = new WeakSet<object>();
const json = new WeakMap<object, string>();

/** JSON.stringify, made once for a page a cache holds (it is frozen, so the text stays right). */
export function pageJson(body: unknown): string {
  if (typeof body !== 'object' || body === null || !kept.has(body)) return JSON.stringify(body);
  let text = json.get(body);
  if (text === undefined) json.set(body, (text = JSON.stringify(body)));
  return text;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
