/**
 * Paging benchmark (not a test): seeds N customers (default 1,000,000) into a temporary SQLite file and compares, in
 * the same run, the latency of page 1 with page 10,000 by keyset token and with a seek to offset 900,000, for the
 * licensee (all customers) and a billing entity admin (scoped). Ratios near 1 mean deep pages cost what page 1 does.
 *
 *   node --conditions=development --import tsx bench/paging.bench.ts [customers]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { openStore } from '../src/node.js';
import { runSeed } from '../src/seed/seed.js';
import { seedSteps } from '../src/seed/steps.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const PAGE_SIZE = 50;
const RUNS = 15;
const folder = mkdtempSync(join(tmpdir(), 'fco-paging-bench-'));

try {
  const store = await openStore(`sqlite:${join(folder, 'bench.db')}`);
  const seedStart = performance.now();
  let lastShown = 0;
  await runSeed(store, seedSteps, {
    customers,
    onProgress: ({ step, done, total }) => {
      if (step === 'customers' && (done - lastShown >= total / 10 || done === total)) {
        lastShown = done;
        process.stderr.write(`seeded ${done.toLocaleString('en')} customers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);
      }
    },
  });
  process.stderr.write(`seed with indexes: ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);
  const app = await createApp({ store, rateLimit: false });

  const request = async (path: string, token: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as any;
  };
  const login = async (email: string) => {
    const response = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'demo-password' }),
    });
    return ((await response.json()) as { token: string }).token;
  };

  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  };

  const rows: string[][] = [];
  for (const [who, email] of [['licensee', 'admin@licensee.demo'], ['BE admin (Alpha)', 'admin@alpha.demo']] as const) {
    const token = await login(email);
    for (const orderBy of ['createdAt desc', 'organisationName']) {
      const base = `/v1/customers?pageSize=${PAGE_SIZE}&orderBy=${encodeURIComponent(orderBy)}`;
      const first = await request(base, token);
      const total = first.totalSize as number;
      const deepOffset = Math.min(900_000, Math.floor(total * 0.9));
      const page10k = Math.min(9_999 * PAGE_SIZE, total - PAGE_SIZE);
      // A token for page 10,000, the way a client reaches it: the nextPageToken of page 9,999.
      const before = await request(`${base}&offset=${page10k - PAGE_SIZE}`, token);
      const keysetPath = `${base}&pageToken=${encodeURIComponent(before.nextPageToken)}`;
      const t1 = await median(() => request(base, token));
      const tKeyset = await median(() => request(keysetPath, token));
      const tOffset = await median(() => request(`${base}&offset=${deepOffset}`, token));
      rows.push([who, orderBy, total.toLocaleString('en'), `${t1.toFixed(1)} ms`, `${tKeyset.toFixed(1)} ms (×${(tKeyset / t1).toFixed(2)})`, `offset ${deepOffset.toLocaleString('en')}: ${tOffset.toFixed(1)} ms (×${(tOffset / t1).toFixed(2)})`]);
    }
  }
  console.log(`\nPaging over ${customers.toLocaleString('en')} customers, ${PAGE_SIZE} per page, median of ${RUNS} (ratios against page 1 in this run)`);
  console.log(['caller', 'orderBy', 'totalSize', 'page 1', 'page 10,000 (keyset)', 'seek'].join(' | '));
  for (const row of rows) console.log(row.join(' | '));
  await store.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
