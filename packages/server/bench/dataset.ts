/**
 * The benchmarks' million-customer databases, one per dialect, seeded once and reused while the server's sources stay
 * the same: a SQLite file in the temporary folder, and a PostgreSQL schema in the test database (FCO_TEST_PG_URL, or
 * what scripts/ensure-postgres.mjs prints). Each is named after a hash of the server's sources. FCO_BENCH_DB=FILE uses
 * a SQLite database seeded earlier as it is, FCO_BENCH_PG_SCHEMA=NAME a PostgreSQL schema seeded earlier (the start's
 * sync brings either to the current shape); FCO_BENCH_SKIP_PG=1 leaves PostgreSQL out.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../src/node.js';
import type { OpenOptions } from '../src/store/store.js';
import { runSeed } from '../src/seed/seed.js';
import { seedSteps } from '../src/seed/steps.js';
import { dropPostgresSchema, type Store } from '../src/store/store.js';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_CUSTOMERS = Number(process.env.FCO_BENCH_CUSTOMERS ?? 1_000_000);

function sourcesVersion(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) hash.update(path.slice(serverDir.length)).update(readFileSync(path));
    }
  };
  walk(join(serverDir, 'src'));
  hash.update(readFileSync(join(serverDir, 'package.json'))).update(String(BENCH_CUSTOMERS));
  return hash.digest('hex').slice(0, 12);
}

export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  store: Store;
  /** Seconds the seed took (null: reused from an earlier run). */
  seedSeconds: number | null;
}

function progress(label: string) {
  let last = 0;
  return ({ step, done, total }: { step: string; done: number; total: number }) => {
    const now = Date.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    process.stderr.write(`  ${label}: ${step} ${done.toLocaleString('en')}/${total.toLocaleString('en')}\n`);
  };
}

/** `options`: how the store is opened to be measured (the seed opens its own). */
export async function sqliteDatabase(options: OpenOptions = {}): Promise<BenchDatabase> {
  // A database seeded earlier (by another version of the sources): used as it is, after the start's own sync.
  if (process.env.FCO_BENCH_DB) return { dialect: 'sqlite', store: await openStore(`sqlite:${process.env.FCO_BENCH_DB}`, options), seedSeconds: null };
  const prefix = 'fco-admin-bench-';
  const file = join(tmpdir(), `${prefix}${sourcesVersion()}.db`);
  for (const name of readdirSync(tmpdir())) if (name.startsWith(prefix) && !name.startsWith(`${prefix}${sourcesVersion()}`)) rmSync(join(tmpdir(), name), { force: true });
  let seedSeconds: number | null = null;
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    const store = await openStore(`sqlite:${partial}`);
    const started = performance.now();
    await runSeed(store, seedSteps, { customers: BENCH_CUSTOMERS, onProgress: progress('sqlite') });
    seedSeconds = (performance.now() - started) / 1000;
    await store.close();
    renameSync(partial, file);
  }
  return { dialect: 'sqlite', store: await openStore(`sqlite:${file}`, options), seedSeconds };
}

export function postgresUrl(): string | null {
  if (process.env.FCO_BENCH_SKIP_PG) return null;
  if (process.env.FCO_TEST_PG_URL) return process.env.FCO_TEST_PG_URL;
  try {
    return execFileSync(process.execPath, [join(serverDir, '../../scripts/ensure-postgres.mjs')], { encoding: 'utf8' }).trim().split('\n').pop() || null;
  } catch {
    return null;
  }
}

export async function postgresDatabase(url: string, options: OpenOptions = {}): Promise<BenchDatabase> {
  // A schema seeded earlier (by another version of the sources): used as it is, after the start's own sync.
  if (process.env.FCO_BENCH_PG_SCHEMA) return { dialect: 'postgres', store: await openStore(url, { ...options, pgSchema: process.env.FCO_BENCH_PG_SCHEMA }), seedSeconds: null };
  const schema = `bench_${sourcesVersion()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let complete = false;
  try {
    for (const { nspname } of (await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'bench\\_%'`)).rows) {
      if (nspname !== schema) await dropPostgresSchema(url, nspname);
    }
    // A schema is complete once its seed finished (the marker table is made last).
    complete = (await client.query(`select 1 from pg_tables where schemaname = $1 and tablename = 'bench_seeded'`, [schema])).rowCount === 1;
    if (!complete) await dropPostgresSchema(url, schema);
  } finally {
    await client.end();
  }
  const store = await openStore(url, { ...options, pgSchema: schema });
  let seedSeconds: number | null = null;
  if (!complete) {
    const started = performance.now();
    await runSeed(store, seedSteps, { customers: BENCH_CUSTOMERS, onProgress: progress('postgres') });
    seedSeconds = (performance.now() - started) / 1000;
    await store.db.schema.createTable('bench_seeded').addColumn('at', 'text').execute();
  }
  return { dialect: 'postgres', store, seedSeconds };
}
