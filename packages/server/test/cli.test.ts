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
