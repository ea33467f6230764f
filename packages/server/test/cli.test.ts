/**
 * The command line: the rate limit (a number of requests per minute, or off), the trusted proxies whose
 * X-Forwarded-For names the client that the limit counts, the day the demo data leads up to; anything else is a
 * one-line usage error. Two tests run the real `fco-admin-server` process (its start, its usage error and exit code);
 * the rest read the arguments as it does (parseCommandLine) and start the server with them in this process, which
 * spares a process start (seconds of processor time) per case.
 *
 * @sqlite-only The CLI's flags, checked on an in-memory SQLite database whatever the run's dialect.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parseCommandLine, serverOptions, UsageError } from '../src/command-line.js';
import { startServer } from '../src/node.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const node = (args: string[]) => [process.execPath, ['--conditions=development', '--import', 'tsx', cli, ...args]] as const;
const FRESH = ['--db', 'sqlite::memory:', '--port', '0', '--customers', '5'];

/** Starts the CLI process on a fresh in-memory database and answers its URL and a stop function. */
async function startProcess(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const [command, argv] = node([...FRESH, ...args]);
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /API on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited (${code}): ${output}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Starts, in this process, the server the CLI would start for these arguments. */
async function startAsCli(args: string[]) {
  return startServer({ ...serverOptions(parseCommandLine([...FRESH, ...args])), log: () => {} });
}

/** The usage error the command line answers for these arguments. */
function usageError(args: string[]): string {
  try {
    parseCommandLine(args);
  } catch (error) {
    assert.ok(error instanceof UsageError, `a usage error, not ${String(error)}`);
    return error.message;
  }
  assert.fail(`${args.join(' ')} was accepted`);
}

describe('fco-admin-server --rate-limit', () => {
  it('limits each client to N requests a minute (behind a --trusted-proxy, each forwarded client)', async () => {
    const server = await startProcess(['--rate-limit', '2', '--trusted-proxy', '10.0.0.0/8, 127.0.0.1']);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/openapi.json`)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const forwarded = await fetch(`${server.url}/openapi.json`, { headers: { 'x-forwarded-for': '198.51.100.1' } });
      assert.equal(forwarded.status, 200, 'another client, named by the trusted proxy (this test, on 127.0.0.1)');
    } finally {
      await server.stop();
    }
  });

  it('off: no limit and no RateLimit headers', async () => {
    const server = await startAsCli(['--rate-limit', 'off']);
    try {
      const response = await fetch(`${server.url}/openapi.json`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('ratelimit-limit'), null);
    } finally {
      await server.close();
    }
  });

  it('refuses anything else with a one-line usage error', () => {
    assert.equal(usageError(['--rate-limit', 'lots']), '--rate-limit must be a number of requests per minute or off, not "lots"');
    assert.equal(usageError(['--trusted-proxy', '10.0.0.1,proxy.example']), '--trusted-proxy: "proxy.example" is not an IP address or a CIDR range (10.0.0.0/8, 192.0.2.7, fd00::/8)');
  });
});

describe('fco-admin-server --demo-date', () => {
  const licenseeCreatedAt = async (url: string) => {
    const login = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@licensee.demo', password: 'demo-password' }) });
    const { token } = (await login.json()) as { token: string };
    const me = (await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { billingEntity: { id: string } };
    const entity = await fetch(`${url}/v1/billing-entities/${me.billingEntity.id}`, { headers: { authorization: `Bearer ${token}` } });
    return Date.parse(((await entity.json()) as { createdAt: string }).createdAt);
  };
  // The demo's platform was set up three years before the day its history leads up to.
  const THREE_YEARS = 3 * 365 * 86_400_000;

  it('leads the demo data up to the day given, or to today by default', async () => {
    const dated = await startAsCli(['--demo-date', '2025-03-15']);
    try {
      assert.equal(await licenseeCreatedAt(dated.url), Date.parse('2025-03-15T12:00:00Z') - THREE_YEARS);
    } finally {
      await dated.close();
    }
    const today = await startAsCli([]);
    try {
      const lead = Date.now() - (await licenseeCreatedAt(today.url)) - THREE_YEARS;
      assert.ok(lead >= 0 && lead < 10 * 60_000, `the demo leads up to now (${lead} ms ago)`);
    } finally {
      await today.close();
    }
  });

  it('refuses a day that does not exist, or anything else, with a one-line usage error', () => {
    for (const text of ['2026-02-30', 'tomorrow', '27.11.2026']) {
      assert.equal(usageError(['--demo-date', text]), `--demo-date must be a day (YYYY-MM-DD) or today, not "${text}"`);
    }
  });
});

describe('fco-admin-server usage errors', () => {
  it('are one line on stderr, without a stack trace, and exit with code 1', () => {
    const result = spawnSync(...node(['--demo-date', 'tomorrow']), { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'fco-admin-server: --demo-date must be a day (YYYY-MM-DD) or today, not "tomorrow"\n');
    assert.equal(result.stdout, '');
  });
});
