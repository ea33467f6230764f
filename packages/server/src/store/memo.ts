/**
 * A bounded memo for pure, per-request work whose answer depends only on its key (a parsed filter, a verified token's
 * claims): the most recent `size` answers are kept, the oldest dropped first. Anything a write can change is kept only
 * with the versions of the tables it was read from, and used only while they are unchanged.
 */
export class Memo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used goes last.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): V {
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
