/**
 * The command line of fco-admin-server: its help text, and its arguments read into the options a server starts with.
 * Apart from cli.ts (which starts the server and exits on errors) so the arguments can be checked without a process.
 */
import { parseArgs } from 'node:util';
import { parseDatabaseUrl } from './store/connect.js';
import type { StartServerOptions } from './node.js';
import { TrustedProxyError, trustedProxies } from './http/client-address.js';

export const HELP = `Usage: fco-admin-server [options]

Serves the FCO Admin Kit API (and its reference at /docs).

Options:
  --db URL          sqlite:PATH (created with its folders) or postgres://user:pass@host:port/db
                    (default: sqlite:./data/fco-admin.db)
  --port N          port to listen on; 0 picks a free one (default: 8787)
  --host HOST       address to listen on (default: 127.0.0.1)
  --seed MODE       demo: seed demo data when the database is empty; none: never (default: demo)
  --customers N     demo customers to seed, 1 to 1,000,000 (default: 300)
  --demo-date DATE  the day the demo data leads up to (its invoices, usage and audit trail):
                    YYYY-MM-DD or today (default: today, when the database is seeded)
  --rate-limit N    requests per minute per token (or client address), or off (default: 600)
  --trusted-proxy LIST
                    reverse proxies in front of this server (IP addresses or CIDR ranges, comma-separated;
                    repeatable): from them X-Forwarded-For names the client (the rightmost address that is
                    not a trusted proxy), for sign-in throttling and rate limits. Without it the client is
                    the TCP peer and the header is ignored. Name only proxies that append the address they
                    were reached from: whoever can connect from a trusted address can claim any client
                    address, and so escape the per-address limits or lock other clients out.
  --relaxed-durability
                    faster writes at a risk: without it a write is acknowledged only once it survives a
                    power cut (SQLite syncs every commit to disk). With it, SQLite syncs only now and then
                    (PostgreSQL: synchronous_commit off): a crash of this server loses nothing, but a power
                    cut or an operating-system crash (PostgreSQL: a crash of its server) can lose the last
                    writes that were already acknowledged. The database stays consistent either way.
                    \`npm run bench\` shows what it saves.
  --help            show this help

Demo logins: admin@licensee.demo, admin@alpha.demo, admin@beta.demo (password: demo-password).`;

/** An argument the command line does not accept: printed as one line, with exit code 1. */
export class UsageError extends Error {}

/** The command line's arguments (without node and the script) read into options; a UsageError for anything it does not accept. */
export function parseCommandLine(args: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string', default: 'sqlite:./data/fco-admin.db' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string', default: 'demo' },
        customers: { type: 'string' },
        'demo-date': { type: 'string', default: 'today' },
        'relaxed-durability': { type: 'boolean', default: false },
        'rate-limit': { type: 'string', default: '600' },
        'trusted-proxy': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
      args: [...args],
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0 to 65535, not "${values.port}"`);
  if (values.seed !== 'demo' && values.seed !== 'none') throw new UsageError(`--seed must be demo or none, not "${values.seed}"`);
  let customers: number | undefined;
  if (values.customers !== undefined) {
    customers = Number(values.customers.replace(/[_,]/g, ''));
    if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
      throw new UsageError(`--customers must be 1 to 1000000, not "${values.customers}"`);
    }
  }
  const demoDate = parseDemoDate(values['demo-date']);
  const rateLimitText = values['rate-limit'];
  const limit = Number(rateLimitText.replace(/[_,]/g, ''));
  if (rateLimitText !== 'off' && (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000_000)) {
    throw new UsageError(`--rate-limit must be a number of requests per minute or off, not "${rateLimitText}"`);
  }
  const rateLimit = rateLimitText === 'off' ? (false as const) : { limit, windowSeconds: 60 };
  parseDatabaseUrl(values.db);
  const proxies = values['trusted-proxy'].flatMap((list) => list.split(',')).map((entry) => entry.trim()).filter(Boolean);
  try {
    trustedProxies(proxies);
  } catch (error) {
    if (error instanceof TrustedProxyError) throw new UsageError(`--trusted-proxy: ${error.message}`);
    throw error;
  }
  return {
    help: values.help,
    db: values.db,
    port,
    host: values.host,
    seed: values.seed as 'demo' | 'none',
    customers,
    demoDate,
    durability: values['relaxed-durability'] ? ('relaxed' as const) : ('full' as const),
    rateLimit,
    trustedProxies: proxies,
  };
}

/** `today` (this moment), or a calendar day (its noon, UTC). */
function parseDemoDate(text: string): Date {
  if (text === 'today') return new Date();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = day ? new Date(`${text}T12:00:00.000Z`) : null;
  // Date.parse rolls 2026-02-30 over into March: the day must read back as written.
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--demo-date must be a day (YYYY-MM-DD) or today, not "${text}"`);
  }
  return date;
}

export type CommandLine = ReturnType<typeof parseCommandLine>;

/** What the server is started with for a command line (besides how it reports progress and logs). */
export function serverOptions(options: CommandLine): StartServerOptions {
  return {
    db: options.db,
    port: options.port,
    host: options.host,
    seed: options.seed,
    durability: options.durability,
    ...(options.customers !== undefined ? { customers: options.customers } : {}),
    demoDate: options.demoDate,
    rateLimit: options.rateLimit,
    trustedProxies: options.trustedProxies,
  };
}
