// What decides the content of a seeded database: the server's sources (seed steps, migrations, the domain rules they
// build rows with) and its package manifest. Databases seeded once and reused (the big-table test's million customers,
// the server tests' seeded templates) carry it in their file names, so a change to any of them seeds again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from './proc.mjs';

/**
 * A short hash of the server's sources and manifest, and of `extra` (what else the seed depends on: its options).
 * @param {string} [extra] @returns {string}
 */
export function seedVersion(extra = '') {
  const rootDir = fromRoot();
  const hash = createHash('sha256');
  const add = (/** @type {string} */ path) => hash.update(`${path.slice(rootDir.length)}\0`).update(readFileSync(path)).update('\0');
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) add(path);
    }
  };
  walk(fromRoot('packages', 'server', 'src'));
  add(fromRoot('packages', 'server', 'package.json'));
  hash.update(extra);
  return hash.digest('hex').slice(0, 16);
}
