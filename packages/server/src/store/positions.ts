/**
 * Checkpoints of a list's order, so an offset deep in a million rows costs about what page 1 costs. Neither SQLite
 * nor PostgreSQL can find the n-th row of an index without walking the n rows before it; a list (table, scope, filter,
 * order) remembers the sort keys of its rows at positions step, 2·step, … as seeks learn them. Only the first seek past
 * what is known walks the distance (in steps, recording checkpoints on the way). Inside the step a seek lands in, finer
 * checkpoints (every `fineStep` rows) are learnt the first time, so the rest of the way — which a page at an offset
 * passes over row by row, and a billing entity admin's merged page sorts — is shorter than a fine step. Coarse steps
 * keep the long walks few (a walk costs a query; passing over an index entry inside one costs next to nothing); fine
 * ones keep the page short, and they are kept only where seeks land.
 *
 * Checkpoints hold while the tables the order and filter read are unchanged: they are kept per version of those
 * tables (versions.ts, raised in the transaction of every write, on every instance), and a write starts them afresh.
 */
import { Memo } from './memo.js';

/** The default distance between checkpoints. */
export const POSITION_STEP = 1_000;

/**
 * Fine checkpoints a step is divided into by default: a page at an offset then passes over fewer than 50 rows (with
 * up to a whole step of 1,000 to pass over, deep pages of a billing entity admin cost 1.5–2× page 1 at a million
 * rows; with up to 100, PostgreSQL's still cost up to 1.6×, as it reads each row passed over whole).
 */
const FINE_STEPS = 20;

/** Lists whose checkpoints are kept (the most recently used). */
const LISTS_KEPT = 64;

/** Steps of one list whose fine checkpoints are kept (the most recently sought): up to 1,216 sort keys a list. */
const STEPS_REFINED = 64;

export interface Checkpoints {
  /** The versions of the tables read, when the checkpoints were learnt. */
  readonly versions: string;
  /** keys[i]: the sort keys of the row at position (i + 1) · step. */
  readonly keys: unknown[][];
  /** Per step n (as text), the fine checkpoints inside it: [j] the sort keys of the row at n · step + (j + 1) · fineStep. */
  readonly within: Memo<unknown[][]>;
}

export class PositionIndex {
  private readonly lists = new Memo<Checkpoints>(LISTS_KEPT);

  constructor(
    readonly step: number = POSITION_STEP,
    readonly fineStep: number = Math.max(1, Math.floor(step / FINE_STEPS)),
  ) {
    if (!Number.isInteger(step) || step < 1) throw new Error(`position step must be a positive integer, not ${step}`);
    if (!Number.isInteger(fineStep) || fineStep < 1 || fineStep > step) throw new Error(`fine position step must be a positive integer up to ${step}, not ${fineStep}`);
  }

  /** The checkpoints of one list at the given table versions: those learnt before, or none after a write. */
  of(list: string, versions: string): Checkpoints {
    const known = this.lists.get(list);
    if (known && known.versions === versions) return known;
    return this.lists.set(list, { versions, keys: [], within: new Memo(STEPS_REFINED) });
  }

  /** The fine checkpoints learnt inside step n of a list (a new, empty list of them the first time). */
  within(checkpoints: Checkpoints, n: number): unknown[][] {
    return checkpoints.within.get(String(n)) ?? checkpoints.within.set(String(n), []);
  }
}
