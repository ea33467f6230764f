/**
 * Throughput at 50 concurrent clients (not a test): a bare Hono "hello world" on @hono/node-server as the baseline,
 * then the reference server (rate limit off) over the million-customer databases: `GET /v1/customers` (page 1) and
 * `GET /v1/me`, each with a signed-in licensee's token, and `GET /v1/me` with an API key. Every request asks for compressed answers as browsers and
 * fetch do (`Accept-Encoding: gzip, deflate, br`). autocannon runs in its own process so it does not share the
 * server's event loop. Goals: customers ≥ 0.3× and me ≥ 0.5× of the baseline's requests per second, customers p99 ≤
 * 50 ms. A request answered with an error or not at all fails the bench: a ratio is never printed from errors (a
 * page 1 that took seconds once left every connection timing out, which read as "0 req/s"). Last, each request's
 * answer sent by bare node:http (the ceiling rows): what HTTP allows for answers of those sizes on this machine.
 *
 * The server is compiled as its production build is (production-build.ts), as Hono from npm is.
 *
 * Each request is measured in turns with the baseline, ROUNDS times (each round between two baseline loads), and its
 * ratio is the median of the rounds' ratios: this machine's speed moves by half within minutes (bare Hono answered
 * 27,000 and 39,000 req/s in runs forty minutes apart, and 7,700 to 31,000 in the rounds of one run), so a ratio
 * against a baseline measured once, minutes earlier, measured the machine's moment.
 *
 *   node --conditions=development --import tsx bench/throughput.bench.ts
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { BenchDatabase } from './dataset.js';
import { builtServer } from './production-build.js';

// The server as it runs in production (see production-build.ts), not as tsx compiles it.
const { createApp, postgresDatabase, postgresUrl, sqliteDatabase } = await builtServer();

const CONNECTIONS = 50;
const SECONDS = Number(process.env.FCO_BENCH_SECONDS ?? 5);
/**
 * Rounds per request. One request's rounds spread over 0.15–0.25 of a ratio on this machine (0.40–0.65 for PostgreSQL
 * `GET /v1/me` in one run of five rounds), so the median of three still moved across a goal from run to run.
 */
const ROUNDS = Number(process.env.FCO_BENCH_ROUNDS ?? 5);
/**
 * Each load runs this long unmeasured first, the same for every server: a server answers at its usual speed once its
 * code is compiled for the requests it serves and its caches hold them (a fresh process answered `GET /v1/me` at
 * 112 µs of its CPU a request in its first seconds, 58 µs after 16 s of load).
 */
const WARMUP_SECONDS = Number(process.env.FCO_BENCH_WARMUP_SECONDS ?? 2);
const require = createRequire(import.meta.url);
const autocannonBin = require.resolve('autocannon/autocannon.js');
/** What a browser's fetch sends (Chromium adds zstd, which the server does not offer). */
const ACCEPT_ENCODING = 'gzip, deflate, br';

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Requests that got no answer (connection errors, timeouts) or an answer other than 2xx. */
  failures: string | null;
}

async function load(url: string, token?: string): Promise<Load> {
  const args = [autocannonBin, '-c', String(CONNECTIONS), '-d', String(SECONDS), '--warmup', '[', '-c', String(CONNECTIONS), '-d', String(WARMUP_SECONDS), ']', '-j', '--renderStatusCodes', '-H', `accept-encoding=${ACCEPT_ENCODING}`];
  if (token) args.push('-H', `authorization=Bearer ${token}`);
  args.push(url);
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  // With a warm-up, autocannon prints the warm-up's result first, each on its own line.
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  const failed = [
    result.errors ? `${result.errors} errors (${result.timeouts} timeouts)` : '',
    result.non2xx ? `${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats ?? {})})` : '',
  ].filter(Boolean);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: failed.length ? failed.join(', ') : null,
  };
}

interface Answer {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One request before the load, answered as the load will be (compressed): a server that cannot answer it fails the
 * bench here, with its answer. node:http hands over the bytes as sent, where fetch would decompress them.
 */
function probe(url: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': ACCEPT_ENCODING } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode !== 200) return reject(new Error(`GET ${url} answered ${response.statusCode} before the load: ${body.toString().slice(0, 500)}`));
        // Those node:http writes itself.
        const own = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
        const headers = Object.entries(response.headers).filter(([name]) => !own.has(name));
        resolve({ headers: Object.fromEntries(headers.map(([name, value]) => [name, String(value)])), body });
      });
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The same answer, headers and body, from bare node:http: no framework and no work. The load generator shares this
 * machine's cores, and its cost grows with an answer's bytes; this is what HTTP itself allows for an answer of that
 * size here, against which the server's own cost shows.
 */
async function sameBytes(answer: Answer): Promise<InTurns> {
  const body = answer.body;
  const headers = { ...answer.headers, 'content-length': String(body.length) };
  const server = createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await inTurns(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const bare = new Hono().get('/', (c) => c.text('Hello Hono!'));
const baseline = await listen(bare.fetch);
const baselineLoads: Load[] = [];

interface InTurns {
  /** The round whose ratio is the median: its throughput and latencies. */
  load: Load;
  ratio: number;
  /** Every round's ratio, lowest first: how far the machine moved them. */
  ratios: number[];
}

async function baselineLoad(): Promise<Load> {
  const hello = await load(`${baseline.url}/`);
  if (hello.failures) throw new Error(`The baseline failed: ${hello.failures}`);
  baselineLoads.push(hello);
  return hello;
}

/**
 * `url` measured ROUNDS times, each round between two loads of the baseline (B M B M B …): its ratio is against the
 * mean of the baseline just before and just after it, so a machine speeding up or slowing down during a round weighs
 * on both sides alike (against the baseline before it only, a round measured while the machine slowed read as the
 * server's cost). A failed load of `url` ends it (ratio 0, the load's failures).
 */
async function inTurns(url: string, token?: string): Promise<InTurns> {
  const rounds: Array<{ load: Load; ratio: number }> = [];
  let before = await baselineLoad();
  for (let round = 0; round < ROUNDS; round++) {
    const measured = await load(url, token);
    if (measured.failures) return { load: measured, ratio: 0, ratios: [] };
    const after = await baselineLoad();
    rounds.push({ load: measured, ratio: measured.requestsPerSecond / ((before.requestsPerSecond + after.requestsPerSecond) / 2) });
    before = after;
  }
  const sorted = [...rounds].sort((a, b) => a.ratio - b.ratio);
  return { ...sorted[Math.floor(sorted.length / 2)]!, ratios: sorted.map((r) => r.ratio) };
}

/** The median ratio, with the rounds' range when there were several. */
const ratioText = ({ ratio, ratios }: InTurns) =>
  `×${ratio.toFixed(2)}${ratios.length > 1 ? ` (${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)})` : ''}`;

const rows: string[][] = [];
let failures = 0;
let missed = 0;
/** What bare node:http answers per second with each request's answer (the first database's). */
const ceilings = new Map<string, Answer>();
let measured = 0;
const databases: Array<() => Promise<BenchDatabase>> = [sqliteDatabase];
const pgUrl = postgresUrl();
if (pgUrl) databases.push(() => postgresDatabase(pgUrl));
for (const open of databases) {
  const db = await open();
  try {
    const app = await createApp({ store: db.store, rateLimit: false });
    const server = await listen(app.fetch);
    const login = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@licensee.demo', password: 'demo-password' }),
    });
    if (login.status !== 201) throw new Error(`${db.dialect}: signing in answered ${login.status}: ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    // A portal's backend calls with an API key (revoked after the run).
    const created = await fetch(`${server.url}/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Throughput bench', scopes: ['customers:read'] }),
    });
    if (created.status !== 201) throw new Error(`${db.dialect}: creating an API key answered ${created.status}: ${await created.text()}`);
    const key = (await created.json()) as { apiKey: { id: string }; secret: string };
    for (const [name, path, goal, latencyGoal, bearer] of [
      ['GET /v1/customers (page 1)', '/v1/customers', 0.3, 50, token],
      ['GET /v1/me', '/v1/me', 0.5, null, token],
      ['GET /v1/me with an API key', '/v1/me', 0.5, null, key.secret],
    ] as const) {
      const answer = await probe(`${server.url}${path}`, bearer);
      const turns = await inTurns(`${server.url}${path}`, bearer);
      const { load: result, ratio } = turns;
      const label = `${db.dialect}: ${name}`;
      measured++;
      if (!ceilings.has(path)) ceilings.set(path, answer);
      const goalText = `≥ ${goal}×${latencyGoal ? `, p99 ≤ ${latencyGoal} ms` : ''}`;
      // Errors make a ratio meaningless (a refused request is cheap): the row says so and the bench fails.
      if (result.failures) {
        failures++;
        rows.push([label, goalText, 'FAILED', '', result.failures, 'FAILED']);
        continue;
      }
      const ok = ratio >= goal && (latencyGoal === null || result.p99 <= latencyGoal);
      if (!ok) missed++;
      rows.push([label, goalText, `${Math.round(result.requestsPerSecond)} req/s`, `${result.p50} / ${result.p99} ms`, ratioText(turns), ok ? 'ok' : 'MISSED']);
    }
    const keyUrl = `${server.url}/v1/api-keys/${key.apiKey.id}`;
    const etag = (await fetch(keyUrl, { headers: { authorization: `Bearer ${token}` } })).headers.get('etag') ?? '';
    const revoked = await fetch(keyUrl, { method: 'DELETE', headers: { authorization: `Bearer ${token}`, 'if-match': etag } });
    if (revoked.status !== 204) throw new Error(`${db.dialect}: revoking the bench's API key answered ${revoked.status}: ${await revoked.text()}`);
    await server.close();
  } finally {
    await db.store.close();
  }
}

for (const [path, answer] of ceilings) {
  const form = `${answer.body.length.toLocaleString('en')} bytes${answer.headers['content-encoding'] ? `, ${answer.headers['content-encoding']}` : ''}`;
  const turns = await sameBytes(answer);
  const ceiling = turns.load;
  rows.push([`the same answer as GET ${path} (${form}) from bare node:http`, 'ceiling', `${Math.round(ceiling.requestsPerSecond)} req/s`, `${ceiling.p50} / ${ceiling.p99} ms`, ratioText(turns), '']);
}
await baseline.close();

const helloRates = baselineLoads.map((l) => l.requestsPerSecond).sort((a, b) => a - b);
const helloMedian = helloRates[Math.floor(helloRates.length / 2)]!;
rows.unshift(['bare Hono hello world', 'baseline', `${Math.round(helloMedian)} req/s (${Math.round(helloRates[0]!)}–${Math.round(helloRates.at(-1)!)})`, '', '', '']);

console.log(`\n${CONNECTIONS} concurrent clients (autocannon), each request ${ROUNDS} times ${SECONDS} s between loads of the baseline (after ${WARMUP_SECONDS} s unmeasured); the round of the median ratio`);
console.log(['request', 'goal', 'throughput', 'p50 / p99', 'of baseline', ''].join(' | '));
for (const row of rows) console.log(row.join(' | '));
console.log(`\n${measured - failures - missed} of ${measured} within their goal${failures ? `; ${failures} FAILED with errors` : ''}`);
if (failures) process.exitCode = 1;
