/** The line diff behind the draft-against-signed view: every line kept once, in order, with the fewest changes. */
import { expect } from '@open-wc/testing';
import { foldUnchanged, lineDiff, type DiffLine } from '../src/code/line-diff.js';

const marks = (lines: DiffLine[]) => lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

/** The longest common subsequence's length, by the textbook table (the reference Myers must match). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

describe('lineDiff', () => {
  it('marks changed lines and numbers them on both sides', () => {
    expect(marks(lineDiff('a\nb\nc\n', 'a\nx\nc\n'))).to.deep.equal([' a', '-b', '+x', ' c']);
    expect(lineDiff('a\nb', 'a\nb\nc').at(-1)).to.deep.equal({ kind: 'added', text: 'c', newLine: 3 });
    expect(marks(lineDiff('', 'a\nb'))).to.deep.equal(['+a', '+b']);
    expect(marks(lineDiff('a\r\nb', 'a\nb'))).to.deep.equal([' a', ' b']);
  });

  it('keeps every line of both texts and changes as few as possible (random texts against the textbook LCS)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const text = () => Array.from({ length: Math.floor(random() * 14) }, () => 'abcd'[Math.floor(random() * 4)]!);
    for (let i = 0; i < 500; i++) {
      const a = text();
      const b = text();
      const diff = lineDiff(a.join('\n'), b.join('\n'));
      expect(diff.filter((l) => l.kind !== 'added').map((l) => l.text)).to.deep.equal(a);
      expect(diff.filter((l) => l.kind !== 'removed').map((l) => l.text)).to.deep.equal(b);
      expect(diff.filter((l) => l.kind === 'same').length).to.equal(lcsLength(a, b));
    }
  });

  it('folds long unchanged runs around the changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const folded = foldUnchanged(lineDiff(before, before.replace('line 10', 'changed')), 2);
    expect(folded.map((l) => (l.kind === 'folded' ? `…${l.count}` : l.text))).to.deep.equal(['…7', 'line 8', 'line 9', 'line 10', 'changed', 'line 11', 'line 12', '…8']);
  });

  it('shows texts too different to compare line by line as replaced whole', () => {
    const a = Array.from({ length: 1200 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 1200 }, (_, i) => `b${i}`).join('\n');
    const diff = lineDiff(a, b);
    expect(diff.filter((l) => l.kind === 'removed')).to.have.length(1200);
    expect(diff.filter((l) => l.kind === 'added')).to.have.length(1200);
  });
});
