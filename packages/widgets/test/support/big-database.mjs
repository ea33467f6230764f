// Where the 1,000,000-customer database of the big-table test lives, shared by web-test-runner.config.mjs (which
// starts its server) and `npm test` (which seeds it in the background while earlier steps run).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedVersion } from '../../../../scripts/seed-version.mjs';

export const BIG_CUSTOMERS = 1_000_000;
const BIG_DB_PREFIX = 'fco-admin-widgets-1m-';

/** The database file: FCO_BIG_DB when set (a prebuilt file), else one per seed version in the temporary folder. */
export function bigDatabasePath() {
  return process.env.FCO_BIG_DB ?? join(tmpdir(), `${BIG_DB_PREFIX}${seedVersion(String(BIG_CUSTOMERS))}.db`);
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
