/**
 * Seeds the big-table test's 1,000,000-customer database if it is not there yet, then exits. `npm test` runs it in
 * the background at a low priority while the steps before the browser tests run; big-dataset.ts's lock makes the
 * browser test's server wait for it rather than seed a second time.
 */
import { BIG_CUSTOMERS, bigDatabasePath, removeStaleBigDatabases } from './big-database.mjs';
import { ensureBigDatabase } from './big-dataset.js';

const path = bigDatabasePath();
removeStaleBigDatabases(path);
const started = Date.now();
let lastStep = '';
await ensureBigDatabase(path, BIG_CUSTOMERS, (line) => {
  const step = /"step":"([^"]+)"/.exec(line)?.[1];
  if (step && step !== lastStep) console.log(`${Math.round((Date.now() - started) / 1000)} s: ${(lastStep = step)}`);
});
const { user, system } = process.cpuUsage();
console.log(`${path} ready after ${Math.round((Date.now() - started) / 1000)} s (${Math.round((user + system) / 1e6)} cpu-s)`);
