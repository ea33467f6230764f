/**
 * A line diff of two texts (the signed code and its draft): the longest common subsequence of their lines by Myers'
 * O((N+M)·D) algorithm after trimming the common start and end, so a draft that changes a few lines of a long block
 * costs little. Past MAX_EDITS differing lines the texts are shown as replaced wholesale instead (a diff that large
 * is read as "everything changed" anyway, and the search would grow quadratically).
 */

export type DiffLine =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'removed'; text: string; oldLine: number }
  | { kind: 'added'; text: string; newLine: number };

const MAX_EDITS = 1000;

const linesOf = (text: string): string[] => {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
};

/** The edit script between `a` and `b` (lines), or undefined when it has more than `max` edits. */
function myers(a: readonly string[], b: readonly string[], max: number): Array<'same' | 'removed' | 'added'> | undefined {
  const n = a.length;
  const m = b.length;
  const offset = max + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, d);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, depth: number): Array<'same' | 'removed' | 'added'> {
  const script: Array<'same' | 'removed' | 'added'> = [];
  let x = n;
  let y = m;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push('same');
      x--;
      y--;
    }
    script.push(down ? 'added' : 'removed');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    script.push('same');
    x--;
    y--;
  }
  return script.reverse();
}

/** Every line of `before` and `after` in order: unchanged, removed (only in `before`) or added (only in `after`). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const script = myers(midA, midB, MAX_EDITS) ?? [...midA.map(() => 'removed' as const), ...midB.map(() => 'added' as const)];

  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (; i < start; i++, j++) lines.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
  for (const step of script) {
    if (step === 'same') {
      lines.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (step === 'removed') lines.push({ kind: 'removed', text: a[i]!, oldLine: ++i });
    else lines.push({ kind: 'added', text: b[j]!, newLine: ++j });
  }
  for (; i < a.length; i++, j++) lines.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
  return lines;
}

/** A diff's lines with long unchanged runs folded: `context` lines kept around each change, the rest counted. */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): Array<DiffLine | { kind: 'folded'; count: number }> {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) near[k] = true;
  });
  const folded: Array<DiffLine | { kind: 'folded'; count: number }> = [];
  let hidden = 0;
  lines.forEach((line, index) => {
    if (line.kind === 'same' && !near[index]) {
      hidden++;
      return;
    }
    if (hidden > 0) folded.push({ kind: 'folded', count: hidden });
    hidden = 0;
    folded.push(line);
  });
  if (hidden > 0) folded.push({ kind: 'folded', count: hidden });
  return folded;
}
