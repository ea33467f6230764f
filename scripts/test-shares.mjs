// Node's test runner (Node 20) starts a process per test file, and each loads the sources through tsx again: the
// test command shares a package's files among a few processes instead, each an entry file importing its share.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Shares test files among `count` processes, each an entry file (in `dir`) that imports its share: the largest
 * files first, each to the process with the least so far (by size, which follows a file's running time well enough).
 * @param {string[]} files absolute paths @param {number} count @param {string} dir
 * @returns {string[]} the entry files
 */
export function shareTestFiles(files, count, dir) {
  const shares = Array.from({ length: Math.min(count, files.length) }, () => ({ bytes: 0, files: /** @type {string[]} */ ([]) }));
  const sized = files.map((file) => ({ file, bytes: statSync(file).size })).sort((a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file));
  for (const { file, bytes } of sized) {
    const lightest = shares.reduce((least, share) => (share.bytes < least.bytes ? share : least));
    lightest.bytes += bytes;
    lightest.files.push(file);
  }
  return shares.map((share, i) => {
    const entry = join(dir, `share-${i + 1}.test.mjs`);
    const imports = share.files.sort().map((file) => `import ${JSON.stringify(pathToFileURL(file).href)};`);
    writeFileSync(entry, `// ${share.files.length} test files in one process (scripts/test.mjs, shareTestFiles)\n${imports.join('\n')}\n`);
    return entry;
  });
}
