/**
 * fco-admin-server: serve the FCO Admin Kit API on SQLite (default) or PostgreSQL, seeding demo data when the
 * database is empty. Errors are one line, never a stack trace.
 */
import { DatabaseUrlError, redact } from './store/connect.js';
import { PortInUseError, startServer } from './node.js';
import type { SeedProgress } from './seed/seed.js';
import { HELP, parseCommandLine, serverOptions, UsageError } from './command-line.js';

function fail(message: string): never {
  process.stderr.write(`fco-admin-server: ${message}\n`);
  process.exit(1);
}

function progressPrinter() {
  const started = Date.now();
  let lastPrint = 0;
  return (progress: SeedProgress) => {
    const now = Date.now();
    const finished = progress.done >= progress.total;
    if (!finished && now - lastPrint < 200) return;
    lastPrint = now;
    const width = 30;
    const share = progress.total ? progress.done / progress.total : 1;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const rate = Math.round(progress.done / Math.max(0.001, (now - started) / 1000));
    const line = `seeding ${progress.step.padEnd(18)} [${bar}] ${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')} ${rate.toLocaleString('en')}/s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${finished ? '\n' : ''}`);
    else if (finished) process.stderr.write(`${line}\n`);
  };
}

async function main() {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || error instanceof DatabaseUrlError) fail(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const started = Date.now();
  let server;
  try {
    server = await startServer({
      ...serverOptions(options),
      onSeedProgress: progressPrinter(),
      log: (message) => process.stderr.write(`${message}\n`),
    });
  } catch (error) {
    if (error instanceof DatabaseUrlError || error instanceof PortInUseError) fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') fail(`Not allowed to listen on ${options.host}:${options.port}`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') fail(`Cannot listen on ${options.host}: no such local address`);
    fail((error as Error).message?.split('\n')[0] ?? String(error));
  }
  process.stdout.write(
    `FCO Admin Kit API on ${server.url} (${redact(options.db)}${options.durability === 'relaxed' ? ', relaxed durability' : ''}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n` +
      `  reference: ${server.url}/docs   spec: ${server.url}/openapi.json\n`,
  );
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => fail((error as Error)?.message?.split('\n')[0] ?? String(error)));
