/**
 * Starts the real reference server for the browser tests, in its own process (the server is TypeScript run by tsx,
 * web-test-runner is plain Node). Prints one JSON line `{"url": …}` when ready and stops on SIGTERM or when stdin closes.
 * Each stdin line `{"id", "command", "payload"}` runs one of `storeCommands` on the server's store and is answered
 * with a stdout line `{"reply": id, "result"}` or `{"reply": id, "error"}`.
 * Usage: api-server.ts <db> <customers|default> <extra origin>...
 * FCO_TEST_API_PORT: listen on this port (a restarted server keeps its URL); otherwise any free one.
 * A file database with a customer count is prepared once and reused (see big-dataset.ts).
 */
import { createInterface } from 'node:readline';
import { startServer } from '@fco-admin/server/node';
import { ensureBigDatabase } from './big-dataset.js';
import { allowOriginsDirectly, storeCommands } from './store-commands.js';

const [db = 'sqlite::memory:', customers = 'default', ...extraOrigins] = process.argv.slice(2);
const started = Date.now();
if (customers !== 'default' && db.startsWith('sqlite:') && db !== 'sqlite::memory:') {
  await ensureBigDatabase(db.slice('sqlite:'.length), Number(customers), (line) => process.stderr.write(`${line}\n`));
}
const server = await startServer({
  db,
  port: Number(process.env.FCO_TEST_API_PORT ?? 0),
  seed: 'demo',
  extraOrigins,
  // The tests make many calls from one address in a short time.
  rateLimit: false,
  ...(customers === 'default' ? {} : { customers: Number(customers) }),
  onSeedProgress: (p) => process.stderr.write(`seed ${JSON.stringify(p)}\n`),
});
// A database seeded on an earlier run may not know this run's test pages yet.
await allowOriginsDirectly(server.store, extraOrigins);
process.stdout.write(`${JSON.stringify({ url: server.url, startedInMs: Date.now() - started })}\n`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());

async function answer(line: string): Promise<void> {
  const { id, command, payload } = JSON.parse(line) as { id: number; command: string; payload: never };
  try {
    const run = storeCommands[command];
    if (!run) throw new Error(`Unknown store command "${command}"`);
    process.stdout.write(`${JSON.stringify({ reply: id, result: await run(server.store, payload) })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ reply: id, error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => void answer(line));
commands.on('close', () => void stop());
