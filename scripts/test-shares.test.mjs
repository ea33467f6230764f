// How the test command shares a package's test files among processes (scripts/test-shares.mjs).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { shareTestFiles } from './test-shares.mjs';

test('every file goes to exactly one process, the largest first to the lightest share, each share in name order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fco-test-shares-'));
  try {
    /** @type {Record<string, number>} */
    const sizes = { 'a.test.ts': 100, 'b.test.ts': 700, 'c.test.ts': 400, 'd.test.ts': 300, 'e.test.ts': 50 };
    const files = Object.entries(sizes).map(([name, bytes]) => {
      const file = join(dir, name);
      writeFileSync(file, 'x'.repeat(bytes));
      return file;
    });
    const entries = shareTestFiles(files, 2, dir);
    const imported = entries.map((entry) => [...readFileSync(entry, 'utf8').matchAll(/^import "(.+)";$/gm)].map((m) => m[1]));
    const url = (/** @type {string} */ name) => pathToFileURL(join(dir, name)).href;
    // b 700 → first; c 400 → second; d 300 → second (700); a 100 → first (a tie goes to the first: 800); e 50 → second
    assert.deepEqual(imported, [[url('a.test.ts'), url('b.test.ts')], [url('c.test.ts'), url('d.test.ts'), url('e.test.ts')]]);
    assert.deepEqual(shareTestFiles(files.slice(0, 1), 2, dir).length, 1, 'no empty process for fewer files than processes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
