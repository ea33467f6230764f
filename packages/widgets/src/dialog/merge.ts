/**
 * A three-way merge of an edit form after a 412: `base` is what the user started from, `mine` what they have now,
 * `theirs` what the server has. The user's edits are kept; fields only the server changed take the server's value;
 * fields both changed differently are conflicts the user decides.
 */
export interface MergeResult<T> {
  merged: T;
  /** Fields the server changed that the user did not (now showing the server's value). */
  takenFromServer: (keyof T)[];
  /** Fields both changed to different values (currently holding the user's value). */
  conflicts: (keyof T)[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeEdits<T extends Record<string, unknown>>(base: T, mine: T, theirs: T): MergeResult<T> {
  const merged = { ...mine };
  const takenFromServer: (keyof T)[] = [];
  const conflicts: (keyof T)[] = [];
  for (const key of Object.keys({ ...base, ...mine, ...theirs }) as (keyof T)[]) {
    const userChanged = !same(base[key], mine[key]);
    const serverChanged = !same(base[key], theirs[key]);
    if (!serverChanged) continue;
    if (!userChanged) {
      merged[key] = theirs[key];
      takenFromServer.push(key);
    } else if (!same(mine[key], theirs[key])) {
      conflicts.push(key);
    }
  }
  return { merged, takenFromServer, conflicts };
}

/** The JSON Merge Patch that turns `from` into `to` (only the fields that differ). */
export function mergePatch<T extends Record<string, unknown>>(from: T, to: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(to) as (keyof T)[]) {
    if (!same(from[key], to[key])) patch[key] = to[key];
  }
  return patch;
}
