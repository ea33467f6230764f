/**
 * Prepares the 1,000,000-customer database for the big-table test once: it is seeded into a temporary file and
 * renamed into place only when complete, so an interrupted run never leaves a half-seeded database behind, and a
 * lock file keeps two runs from seeding at the same time (the second waits for the first).
 */
import { existsSync, openSync, closeSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { startServer } from '@fco-admin/server/node';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryLock(lockPath: string): boolean {
  try {
    closeSync(openSync(lockPath, 'wx'));
    writeFileSync(lockPath, String(process.pid));
    return true;
  } catch {
    const owner = Number(readFileSync(lockPath, 'utf8') || '0');
    if (owner && !processAlive(owner)) {
      rmSync(lockPath, { force: true }); // the seeding run died; take over
      return tryLock(lockPath);
    }
    return false;
  }
}

export async function ensureBigDatabase(path: string, customers: number, log: (line: string) => void): Promise<void> {
  const lockPath = `${path}.lock`;
  while (!existsSync(path)) {
    if (!tryLock(lockPath)) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      continue;
    }
    try {
      if (existsSync(path)) return;
      const partial = `${path}.partial`;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
      const seeding = await startServer({
        db: `sqlite:${partial}`,
        port: 0,
        seed: 'demo',
        customers,
        onSeedProgress: (p) => log(`seed ${JSON.stringify(p)}`),
      });
      await seeding.close(); // checkpoints the WAL into the file
      renameSync(partial, path);
      for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    } finally {
      rmSync(lockPath, { force: true });
    }
  }
}
