/**
 * Starts the real reference server for the browser tests, in its own process (the server is TypeScript run by tsx,
 * web-test-runner is plain Node). Prints one JSON line `{"url": …}` when ready and stops on SIGTERM or when stdin closes.
 * Usage: api-server.ts <db> <customers|default> <extra origin>...
 * A file database with a customer count is prepared once and reused (see big-dataset.ts).
 */
import { startServer } from '@fco-admin/server/node';
import { ensureBigDatabase } from './big-dataset.js';

const [db = 'sqlite::memory:', customers = 'default', ...extraOrigins] = process.argv.slice(2);
const started = Date.now();
if (customers !== 'default' && db.startsWith('sqlite:') && db !== 'sqlite::memory:') {
  await ensureBigDatabase(db.slice('sqlite:'.length), Number(customers), (line) => process.stderr.write(`${line}\n`));
}
const server = await startServer({
  db,
  port: 0,
  seed: 'demo',
  extraOrigins,
  // The tests make many calls from one address in a short time.
  rateLimit: false,
  ...(customers === 'default' ? {} : { customers: Number(customers) }),
  onSeedProgress: (p) => process.stderr.write(`seed ${JSON.stringify(p)}\n`),
});
process.stdout.write(`${JSON.stringify({ url: server.url, startedInMs: Date.now() - started })}\n`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
