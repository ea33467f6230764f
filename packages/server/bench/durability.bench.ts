/**
 * Durability benchmark (not a test): what syncing every commit costs. Creates customers through the API, one at a
 * time and from 8 concurrent clients, on a SQLite file opened with the default durability (`full`: synchronous=FULL,
 * the WAL synced at every commit) and with `--relaxed-durability` (synchronous=NORMAL), and reports the relaxed
 * mode's speed as a ratio of the default's, measured in the same run. With FCO_BENCH_PG_URL (a PostgreSQL URL) it
 * does the same on PostgreSQL (synchronous_commit on / off), in a schema it drops afterwards.
 *
 *   node --conditions=development --import tsx bench/durability.bench.ts [writes]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { openStore } from '../src/node.js';
import type { Durability } from '../src/store/connect.js';
import { runSeed } from '../src/seed/seed.js';
import { seedSteps } from '../src/seed/steps.js';
import { dropPostgresSchema } from '../src/store/store.js';

const WRITES = Number(process.argv[2] ?? 400);
const CONCURRENCY = 8;
// Next to the package, not in the system's temporary folder: that may be a RAM disk, where syncing costs nothing.
const folder = mkdtempSync(join(process.cwd(), '.bench-durability-'));

interface Result {
  sequential: number;
  concurrent: number;
}

async function measure(db: string, durability: Durability, pgSchema?: string): Promise<Result> {
  const store = await openStore(db, { durability, ...(pgSchema ? { pgSchema } : {}) });
  try {
    if (await store.isEmpty()) await runSeed(store, seedSteps, { customers: 50 });
    const app = await createApp({ store, rateLimit: false });
    const login = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@licensee.demo', password: 'demo-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    let n = 0;
    const create = async () => {
      const i = n++;
      const response = await app.request('/v1/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: `Bench ${durability} ${i}`,
          email: `bench-${durability}-${i}@bench.example`,
          adminUser: { firstName: 'B', lastName: 'W', email: `admin-${durability}-${i}@bench.example` },
        }),
      });
      if (response.status !== 201) throw new Error(`create: ${response.status} ${await response.text()}`);
    };
    const writesPerSecond = async (clients: number) => {
      const start = performance.now();
      const perClient = Math.ceil(WRITES / clients);
      await Promise.all(Array.from({ length: clients }, async () => {
        for (let i = 0; i < perClient; i++) await create();
      }));
      return (perClient * clients) / ((performance.now() - start) / 1000);
    };
    await writesPerSecond(1); // warm-up: statement caches, JIT
    return { sequential: await writesPerSecond(1), concurrent: await writesPerSecond(CONCURRENCY) };
  } finally {
    await store.close();
  }
}

function report(what: string, full: Result, relaxed: Result): void {
  const line = (label: string, key: keyof Result) =>
    `${label.padEnd(22)} full ${full[key].toFixed(0).padStart(6)}/s   relaxed ${relaxed[key].toFixed(0).padStart(6)}/s   relaxed is ×${(relaxed[key] / full[key]).toFixed(2)}`;
  console.log(`\n${what}: customer creates through the API (${WRITES} per run)`);
  console.log(line('one client', 'sequential'));
  console.log(line(`${CONCURRENCY} concurrent clients`, 'concurrent'));
}

try {
  const full = await measure(`sqlite:${join(folder, 'full.db')}`, 'full');
  const relaxed = await measure(`sqlite:${join(folder, 'relaxed.db')}`, 'relaxed');
  report('SQLite file', full, relaxed);
  const pgUrl = process.env.FCO_BENCH_PG_URL;
  if (pgUrl) {
    const schema = `bench_durability_${process.pid}`;
    try {
      report('PostgreSQL', await measure(pgUrl, 'full', schema), await measure(pgUrl, 'relaxed', schema));
    } finally {
      await dropPostgresSchema(pgUrl, schema);
    }
  } else {
    console.log('\n(PostgreSQL: set FCO_BENCH_PG_URL=postgres://… to measure it too)');
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
