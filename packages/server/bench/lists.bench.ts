/**
 * Lists at a million customers (not a test): every filter, sort and search the Customers filter bar offers, alone and
 * combined, and deep pages, for the licensee and for a billing entity admin, on SQLite and PostgreSQL. Prints the
 * median latency of each request (goal: ≤ 50 ms) and deep pages as a ratio of page 1 of the same order measured in
 * the same run (goal: ≤ 1.5): each deep page is timed in turns with its page 1, so both meet the machine in the same
 * moments (timed one after the other, a page 1 of 2 ms against a deep page of 3 ms was often the machine, not the
 * query).
 *
 *   node --conditions=development --import tsx bench/lists.bench.ts        (FCO_BENCH_CUSTOMERS=… for a smaller run)
 */
import type { BenchDatabase } from './dataset.js';
import { filterBarRequests } from './filter-bar.js';
import { builtServer } from './production-build.js';

// The server as it runs in production (see production-build.ts), not as tsx compiles it.
const { createApp, BENCH_CUSTOMERS, postgresDatabase, postgresUrl, sqliteDatabase } = await builtServer();

const RUNS = 7;
/** Deep pages and their page 1 are timed this many times each, in turns. */
const PAIRED_RUNS = 11;
const PAGE_SIZE = 50;
const GOAL_MS = 50;
const GOAL_RATIO = 1.5;

type Row = { caller: string; request: string; ms: number; goal: string; ok: boolean; kind: 'latency' | 'deep' | 'baseline'; ratio?: number };

async function measure(db: BenchDatabase, rows: Row[]): Promise<void> {
  const app = await createApp({ store: db.store, rateLimit: false });
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await app.request(path, init);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as any;
  };
  const login = async (email: string) =>
    (await call('/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) })).token as string;
  /** How long a request takes to answer; one to be refused must be, and with that reason. */
  const timed = async (path: string, token: string, refused = false) => {
    const started = performance.now();
    if (!refused) await call(path, { headers: { authorization: `Bearer ${token}` } });
    else {
      const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { code?: string };
      if (response.status !== 400 || body.code !== 'search_too_short') throw new Error(`${path}: expected search_too_short, got ${response.status} ${JSON.stringify(body)}`);
    }
    return performance.now() - started;
  };
  const middle = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const median = async (path: string, token: string, refused = false) => {
    await timed(path, token, refused); // warm the caches
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await timed(path, token, refused));
    return middle(times);
  };
  /** The medians of two requests timed in turns (after a first, warming call of each). */
  const inTurns = async (a: string, b: string, token: string) => {
    await timed(a, token);
    await timed(b, token);
    const times: [number[], number[]] = [[], []];
    for (let i = 0; i < PAIRED_RUNS; i++) {
      times[0].push(await timed(a, token));
      times[1].push(await timed(b, token));
    }
    return { a: middle(times[0]), b: middle(times[1]) };
  };
  const licensee = await login('admin@licensee.demo');
  const alphaId = (await call('/v1/billing-entities?filter=name%20%3D%20%22Alpha%20Cloud%22', { headers: { authorization: `Bearer ${licensee}` } })).items[0].id as string;
  for (const [caller, email] of [['licensee', 'admin@licensee.demo'], ['BE admin (Alpha)', 'admin@alpha.demo']] as const) {
    const token = await login(email);
    const label = `${db.dialect} ${caller}`;
    for (const [name, query, refused] of filterBarRequests(alphaId)) {
      const path = `/v1/customers?${new URLSearchParams({ pageSize: String(PAGE_SIZE), ...query })}`;
      const ms = await median(path, token, refused === 'refused');
      rows.push({ caller: label, request: name, ms, goal: `≤ ${GOAL_MS} ms`, ok: ms <= GOAL_MS, kind: 'latency' });
    }
    // Deep pages, against page 1 of the same order.
    for (const orderBy of ['createdAt desc', 'organisationName']) {
      const base = `/v1/customers?pageSize=${PAGE_SIZE}&orderBy=${encodeURIComponent(orderBy)}`;
      const first = await call(base, { headers: { authorization: `Bearer ${token}` } });
      const total = first.totalSize as number;
      const page1 = await median(base, token);
      // The list's first seek to its middle learns the checkpoints on the way (positions.ts): what its first visitor waits.
      const half = Math.floor(total * 0.5);
      const firstSeek = await timed(`${base}&offset=${half}`, token);
      const before = await call(`${base}&offset=${Math.min(9_999 * PAGE_SIZE, total - 2 * PAGE_SIZE)}`, { headers: { authorization: `Bearer ${token}` } });
      const deep: Array<[string, string]> = [
        [`page 10,000 by token`, `${base}&pageToken=${encodeURIComponent(before.nextPageToken)}`],
        [`offset ${half.toLocaleString('en')} (middle)`, `${base}&offset=${half}`],
        [`offset ${Math.floor(total * 0.9).toLocaleString('en')}`, `${base}&offset=${Math.floor(total * 0.9)}`],
        [`last page (offset ${(total - PAGE_SIZE).toLocaleString('en')})`, `${base}&offset=${total - PAGE_SIZE}`],
      ];
      rows.push({ caller: label, request: `orderBy=${orderBy}: page 1`, ms: page1, goal: 'baseline', ok: true, kind: 'baseline' });
      rows.push({ caller: label, request: `orderBy=${orderBy}: offset ${half.toLocaleString('en')}, the list's first seek`, ms: firstSeek, goal: 'learns the way there', ok: true, kind: 'baseline' });
      for (const [name, path] of deep) {
        const { a: paired, b: ms } = await inTurns(base, path, token);
        const ratio = ms / paired;
        rows.push({ caller: label, request: `orderBy=${orderBy}: ${name}`, ms, goal: `×${ratio.toFixed(2)} of ${paired.toFixed(1)} ms (≤ ${GOAL_RATIO})`, ok: ratio <= GOAL_RATIO, kind: 'deep', ratio });
      }
    }
  }
}

// Every request reads its page: repeated, a page would otherwise come from memory (store/page-cache.ts), and the
// medians would time the page cache instead of the queries a first request runs.
const READ_EVERY_PAGE = { listRowsKept: 0 };
const databases: Array<() => Promise<BenchDatabase>> = [() => sqliteDatabase(READ_EVERY_PAGE)];
const url = postgresUrl();
if (url) databases.push(() => postgresDatabase(url, READ_EVERY_PAGE));
else console.log('PostgreSQL left out (FCO_BENCH_SKIP_PG, or not reachable: set FCO_TEST_PG_URL).');
let missed = 0;
let measured = 0;
const goals: string[][] = [];
// Each dialect's table is printed as soon as it is measured.
for (const open of databases) {
  const db = await open();
  if (db.seedSeconds !== null) console.log(`${db.dialect}: seeded ${BENCH_CUSTOMERS.toLocaleString('en')} customers in ${db.seedSeconds.toFixed(0)} s`);
  const rows: Row[] = [];
  try {
    await measure(db, rows);
  } finally {
    await db.store.close();
  }
  console.log(`\nGET /v1/customers on ${db.dialect}, ${PAGE_SIZE} per page, median of ${RUNS}`);
  const width = Math.max(...rows.map((r) => r.request.length));
  for (const row of rows) {
    console.log(`${row.caller.padEnd(28)} ${row.request.padEnd(width)} ${row.ms.toFixed(1).padStart(8)} ms  ${row.goal.padEnd(26)} ${row.ok ? 'ok' : 'MISSED'}`);
  }
  missed += rows.filter((r) => !r.ok).length;
  measured += rows.length;
  for (const caller of [...new Set(rows.map((r) => r.caller))]) {
    const mine = rows.filter((r) => r.caller === caller);
    const latency = mine.filter((r) => r.kind === 'latency');
    const slowest = latency.reduce((a, b) => (b.ms > a.ms ? b : a));
    goals.push([caller, `filter bar p50 ≤ ${GOAL_MS} ms`, `${latency.filter((r) => r.ok).length} of ${latency.length} (slowest ${slowest.ms.toFixed(0)} ms: ${slowest.request})`, latency.every((r) => r.ok) ? 'pass' : 'FAIL']);
    const deep = mine.filter((r) => r.kind === 'deep');
    const worst = deep.reduce((a, b) => (b.ratio! > a.ratio! ? b : a));
    goals.push([caller, `deep pages ≤ ${GOAL_RATIO}× page 1`, `${deep.filter((r) => r.ok).length} of ${deep.length} (worst ×${worst.ratio!.toFixed(2)}: ${worst.request})`, deep.every((r) => r.ok) ? 'pass' : 'FAIL']);
  }
}
console.log(`\n${measured - missed} of ${measured} within their goal`);
console.log('\nGoal | dialect and caller | measured | result');
for (const [caller, goal, measuredText, result] of goals) console.log(`${goal} | ${caller} | ${measuredText} | ${result}`);
