/**
 * Checkpoints of a list's order, so an offset deep in a million rows costs about what page 1 costs. Neither SQLite
 * nor PostgreSQL can find the n-th row of an index without walking the n rows before it; a list (table, scope, filter,
 * order) remembers the sort keys of its rows at positions step, 2·step, … as seeks learn them, and a seek then walks
 * at most `step` rows from the nearest checkpoint. Only the first seek past what is known walks the distance (in
 * steps, recording checkpoints on the way).
 *
 * Checkpoints hold while the tables the order and filter read are unchanged: they are kept per version of those
 * tables (versions.ts, raised in the transaction of every write, on every instance), and a write starts them afresh.
 */
import { Memo } from './memo.js';

/** The default distance between checkpoints: a seek walks at most this many index entries past one. */
export const POSITION_STEP = 1_000;

/** Lists whose checkpoints are kept (the most recently used). */
const LISTS_KEPT = 64;

export interface Checkpoints {
  /** The versions of the tables read, when the checkpoints were learnt. */
  readonly versions: string;
  /** keys[i]: the sort keys of the row at position (i + 1) · step. */
  readonly keys: unknown[][];
}

export class PositionIndex {
  private readonly lists = new Memo<Checkpoints>(LISTS_KEPT);

  constructor(readonly step: number = POSITION_STEP) {
    if (!Number.isInteger(step) || step < 1) throw new Error(`position step must be a positive integer, not ${step}`);
  }

  /** The checkpoints of one list at the given table versions: those learnt before, or none after a write. */
  of(list: string, versions: string): Checkpoints {
    const known = this.lists.get(list);
    if (known && known.versions === versions) return known;
    return this.lists.set(list, { versions, keys: [] });
  }
}
