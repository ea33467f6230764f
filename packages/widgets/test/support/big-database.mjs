// Where the 1,000,000-customer database of the big-table test lives, shared by web-test-runner.config.mjs (which
// starts its server) and `npm test` (which seeds it in the background while earlier steps run).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIG_CUSTOMERS = 1_000_000;
const BIG_DB_PREFIX = 'fco-admin-widgets-1m-';
const rootDir = fileURLToPath(new URL('../../../..', import.meta.url));

/**
 * A hash of what decides the seeded database's content: the server's sources (seed steps, migrations, the domain
 * rules they build rows with) and its package manifest. A change to any of them seeds the big database again.
 */
function seedVersion() {
  const hash = createHash('sha256');
  const add = (/** @type {string} */ path) => hash.update(`${path.slice(rootDir.length)}\0`).update(readFileSync(path)).update('\0');
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) add(path);
    }
  };
  walk(join(rootDir, 'packages/server/src'));
  add(join(rootDir, 'packages/server/package.json'));
  hash.update(String(BIG_CUSTOMERS));
  return hash.digest('hex').slice(0, 16);
}

/** The database file: FCO_BIG_DB when set (a prebuilt file), else one per seed version in the temporary folder. */
export function bigDatabasePath() {
  return process.env.FCO_BIG_DB ?? join(tmpdir(), `${BIG_DB_PREFIX}${seedVersion()}.db`);
}

/** The lock file of test/support/big-dataset.ts holds the seeding process's id. @param {string} lockPath */
function seedingNow(lockPath) {
  try {
    process.kill(Number(readFileSync(lockPath, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes big databases seeded by older versions (2–4 GB each), but not one that a live process is still seeding.
 * @param {string} current
 */
export function removeStaleBigDatabases(current) {
  if (process.env.FCO_BIG_DB) return;
  const files = readdirSync(tmpdir()).filter((name) => name.startsWith(BIG_DB_PREFIX));
  for (const name of files) {
    const base = name.replace(/\.db(\.partial)?(-wal|-shm)?$|\.db\.lock$/, '.db');
    if (join(tmpdir(), base) === current || seedingNow(join(tmpdir(), `${base}.lock`))) continue;
    rmSync(join(tmpdir(), name), { force: true });
  }
}
