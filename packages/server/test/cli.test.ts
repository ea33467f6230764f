/**
 * The CLI's rate limit flag: a number of requests per minute, or off; anything else is a usage error. And the trusted
 * proxies flag, whose X-Forwarded-For names the client that the limit counts.
 *
 * @sqlite-only The CLI's flags, checked on an in-memory SQLite database whatever the run's dialect.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const node = (args: string[]) => [process.execPath, ['--conditions=development', '--import', 'tsx', cli, ...args]] as const;

/** Starts the CLI on a fresh in-memory database and answers its URL and a stop function. */
async function start(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const [command, argv] = node(['--db', 'sqlite::memory:', '--port', '0', '--customers', '5', ...args]);
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

describe('fco-admin-server --rate-limit', () => {
  it('limits each client to N requests a minute (behind a --trusted-proxy, each forwarded client)', async () => {
    const server = await start(['--rate-limit', '2', '--trusted-proxy', '10.0.0.0/8, 127.0.0.1']);
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
    const server = await start(['--rate-limit', 'off']);
    try {
      const response = await fetch(`${server.url}/openapi.json`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('ratelimit-limit'), null);
    } finally {
      await server.stop();
    }
  });

  it('refuses anything else with a one-line usage error', () => {
    const [command, argv] = node(['--rate-limit', 'lots']);
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--rate-limit must be a number of requests per minute or off, not "lots"/);
    const proxy = spawnSync(...node(['--trusted-proxy', '10.0.0.1,proxy.example']), { encoding: 'utf8' });
    assert.equal(proxy.status, 1);
    assert.match(proxy.stderr, /--trusted-proxy: "proxy.example" is not an IP address or a CIDR range/);
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
    const dated = await start(['--demo-date', '2025-03-15']);
    try {
      assert.equal(await licenseeCreatedAt(dated.url), Date.parse('2025-03-15T12:00:00Z') - THREE_YEARS);
    } finally {
      await dated.stop();
    }
    const today = await start([]);
    try {
      const lead = Date.now() - (await licenseeCreatedAt(today.url)) - THREE_YEARS;
      assert.ok(lead >= 0 && lead < 10 * 60_000, `the demo leads up to now (${lead} ms ago)`);
    } finally {
      await today.stop();
    }
  });

  it('refuses a day that does not exist, or anything else, with a one-line usage error', () => {
    for (const text of ['2026-02-30', 'tomorrow', '27.11.2026']) {
      const result = spawnSync(...node(['--demo-date', text]), { encoding: 'utf8' });
      assert.equal(result.status, 1, text);
      assert.equal(result.stderr, `fco-admin-server: --demo-date must be a day (YYYY-MM-DD) or today, not "${text}"\n`);
    }
  });
});
