/**
 * A bounded memo for pure, per-request work whose answer depends only on its key (a parsed filter, a verified token's
 * claims). Anything a write can change is kept only with the versions of the tables it was read from, and used only
 * while they are unchanged.
 *
 * Kept in two generations of half the size each: answers go into the recent one, and when it is full it becomes the
 * older one (whose answers are dropped). An answer found in the older generation moves back into the recent one. So
 * at least the `size / 2` most recently used answers are kept, never more than `size`, and a hit in the recent
 * generation (the common case: one token asking again and again) is a single lookup, where keeping an exact order of
 * use rewrote the map on every hit.
 */
export class Memo<V> {
  private recent = new Map<string, V>();
  private older = new Map<string, V>();
  private readonly half: number;

  constructor(size: number) {
    this.half = Math.max(1, Math.ceil(size / 2));
  }

  get(key: string): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const old = this.older.get(key);
    if (old !== undefined) {
      this.older.delete(key);
      this.put(key, old);
    }
    return old;
  }

  set(key: string, value: V): V {
    this.older.delete(key);
    this.put(key, value);
    return value;
  }

  /** Drops `key`'s answer if it is still `value` (one found wrong, such as a failed read kept while under way). */
  forget(key: string, value: V): void {
    if (this.recent.get(key) === value) this.recent.delete(key);
    if (this.older.get(key) === value) this.older.delete(key);
  }

  private put(key: string, value: V): void {
    this.recent.set(key, value);
    if (this.recent.size >= this.half) {
      this.older = this.recent;
      this.recent = new Map();
    }
  }
}
