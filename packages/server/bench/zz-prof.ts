import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { openStore } from '../src/node.js';
const require = createRequire(import.meta.url);
const ac = require.resolve('autocannon/autocannon.js');
async function load(url: string, token?: string, seconds = 8) {
  const args = [ac, '-c', '50', '-d', String(seconds), '-j'];
  if (token) args.push('-H', `authorization=Bearer ${token}`);
  args.push(url);
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 24 });
  const r = JSON.parse(stdout);
  return `${Math.round(r.requests.average)} req/s p50 ${r.latency.p50} p99 ${r.latency.p99} errors ${r.errors} non2xx ${r.non2xx}`;
}
function listen(fetch: any): Promise<{ url: string; close: () => void }> {
  return new Promise((resolve) => { const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => s.close() })); });
}
const bare = await listen(new Hono().get('/', (c) => c.text('Hello Hono!')).fetch);
console.log('bare', await load(bare.url + '/'));
bare.close();
const store = await openStore(`sqlite:${process.env.DB}`);
const app = await createApp({ store, rateLimit: false });
const server = await listen(app.fetch);
const login = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: process.env.WHO ?? 'admin@licensee.demo', password: 'demo-password' }) });
const { token } = (await login.json()) as any;
const session = new Session(); session.connect();
for (const path of (process.env.PATHS ?? '/v1/me,/v1/customers').split(',')) {
  await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  if (process.env.PROF) { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  console.log(path, await load(server.url + path, token));
  if (process.env.PROF) { const { profile } = await session.post('Profiler.stop'); writeFileSync(`/tmp/lead/prof-${path.replace(/\W/g, '_')}.cpuprofile`, JSON.stringify(profile)); }
}
server.close(); await store.close(); process.exit(0);
