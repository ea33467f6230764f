/**
 * Where a test server's data lives: a fresh database of the dialect under test, empty or with the demo seed.
 *
 * A seeded database starts as a copy of a template seeded once per seed and server sources (scripts/seed-version.mjs):
 * migrating and seeding anew cost about two processor seconds per server on SQLite, and about five on PostgreSQL
 * (its catalogue work for every table and index counted), for each of the suite's servers.
 * - SQLite: the template is a file in the temporary folder; a server gets a copy of it.
 * - PostgreSQL: the template is a database; a server gets a database of its own made from it (`CREATE DATABASE …
 *   TEMPLATE`, a block copy: about 0.15 s). That needs the CREATEDB right (scripts/ensure-postgres.mjs gives it); a
 *   role without it gets a schema of its own in the test database, migrated and seeded as before.
 *
 * Processes seeding the same template at once each make their own and move it into place; the contents are the same.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../src/node.js';
import { runSeed } from '../src/seed/seed.js';
import { seedSteps } from '../src/seed/steps.js';
import { dropPostgresSchema } from '../src/store/store.js';
import { seedVersion } from '../../../scripts/seed-version.mjs';

export interface TestDatabase {
  db: string;
  pgSchema?: string;
}

export interface OwnedTestDatabase extends TestDatabase {
  /** Removes the database (and every connection still open to it). */
  drop(): Promise<void>;
}

/** The demo seed a test server asks for. */
export interface SeedWanted {
  customers: number;
  extraOrigins: string[];
}

const onPostgres = () => process.env.FCO_TEST_DB === 'postgres';

function postgresUrl(): string {
  const url = process.env.FCO_TEST_PG_URL;
  if (!url) throw new Error('FCO_TEST_DB=postgres needs FCO_TEST_PG_URL');
  return url;
}

const uniqueSuffix = () => `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * An empty database for one test server: SQLite in memory (or a file when `shareable`: other instances and processes
 * can open it too), or a PostgreSQL schema of its own in the test database.
 */
export function emptyTestDatabase(shareable: boolean): OwnedTestDatabase {
  if (onPostgres()) {
    const url = postgresUrl();
    const schema = `test_${uniqueSuffix()}`;
    return { db: url, pgSchema: schema, drop: () => dropPostgresSchema(url, schema) };
  }
  if (!shareable) return { db: 'sqlite::memory:', drop: async () => {} };
  return sqliteFile();
}

function sqliteFile(): OwnedTestDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'fco-test-db-'));
  return { db: `sqlite:${join(folder, 'fco.db')}`, drop: async () => rmSync(folder, { recursive: true, force: true }) };
}

/** A database holding the demo seed, made from its template (see the header). */
export async function seededTestDatabase(seed: SeedWanted): Promise<OwnedTestDatabase> {
  if (!onPostgres()) {
    const database = sqliteFile();
    copyFileSync(await sqliteTemplate(seed), database.db.slice('sqlite:'.length));
    return database;
  }
  const template = await postgresTemplate(seed);
  if (!template) {
    // No CREATEDB right: an empty schema, which the server migrates and seeds at its start.
    return emptyTestDatabase(false);
  }
  const name = `fco_test_db_${uniqueSuffix()}`;
  await adminQuery(`create database ${quoted(name)} template ${quoted(template)}`);
  return { db: databaseUrl(name), pgSchema: TEMPLATE_SCHEMA, drop: () => adminQuery(`drop database if exists ${quoted(name)} with (force)`) };
}

async function sqliteTemplate(seed: SeedWanted): Promise<string> {
  const folder = join(tmpdir(), 'fco-test-templates');
  const path = join(folder, `${seedVersion(JSON.stringify(seed))}.db`);
  if (existsSync(path)) {
    const now = new Date();
    utimesSync(path, now, now); // in use: kept by the clean-up below
    return path;
  }
  mkdirSync(folder, { recursive: true });
  // Templates of older sources are not used again: those unused for a day go.
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (Date.now() - statSync(file).mtimeMs > 86_400_000) rmSync(file, { force: true });
  }
  const partial = `${path}.${uniqueSuffix()}.partial`;
  await seedInto(`sqlite:${partial}`, undefined, seed);
  renameSync(partial, path);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  return path;
}

async function seedInto(db: string, pgSchema: string | undefined, seed: SeedWanted): Promise<void> {
  const store = await openStore(db, pgSchema ? { pgSchema } : {});
  try {
    await store.seedIfEmpty(() => runSeed(store, seedSteps, seed));
  } finally {
    await store.close(); // SQLite: the last connection checkpoints the WAL into the file
  }
}

/** The schema the PostgreSQL templates are seeded in (and so every database made from them). */
const TEMPLATE_SCHEMA = 'fco';
const TEMPLATE_PREFIX = 'fco_test_template_';
const postgresTemplates = new Map<string, Promise<string | null>>();

/** The name of the template database for a seed, seeded first if needed; null where the role may not create databases. */
function postgresTemplate(seed: SeedWanted): Promise<string | null> {
  const name = `${TEMPLATE_PREFIX}${seedVersion(JSON.stringify(seed))}`;
  let template = postgresTemplates.get(name);
  if (!template) {
    template = makePostgresTemplate(name, seed);
    postgresTemplates.set(name, template);
    template.catch(() => postgresTemplates.delete(name)); // a failed attempt is not remembered
  }
  return template;
}

async function makePostgresTemplate(name: string, seed: SeedWanted): Promise<string | null> {
  const [role] = await adminRows<{ may: boolean }>('select rolcreatedb or rolsuper as may from pg_roles where rolname = current_user');
  if (!role?.may) return null;
  await removeLeftovers(name);
  if (!(await databaseExists(name))) {
    const partial = `${name}_${uniqueSuffix()}`;
    await adminQuery(`create database ${quoted(partial)}`);
    try {
      // Noted as used before it is renamed (the note goes with it): another process's clean-up, seeding a template for
      // another seed, would otherwise take a template renamed but not yet noted for one unused since 1970.
      await adminQuery(`comment on database ${quoted(partial)} is '${Date.now()}'`);
      await seedInto(databaseUrl(partial), TEMPLATE_SCHEMA, seed);
      await adminQuery(`alter database ${quoted(partial)} rename to ${quoted(name)}`);
    } catch (error) {
      await adminQuery(`drop database if exists ${quoted(partial)} with (force)`).catch(() => {});
      // Another process seeded the same template meanwhile: its copy is as good.
      if (!(await databaseExists(name))) throw error;
    }
  }
  // When it was last used, for the clean-up of later runs (the comment is the one place a database keeps a note).
  await adminQuery(`comment on database ${quoted(name)} is '${Date.now()}'`).catch(() => {});
  return name;
}

async function databaseExists(name: string): Promise<boolean> {
  return (await adminRows('select 1 from pg_database where datname = $1', [name])).length > 0;
}

/**
 * Drops what earlier runs left: databases of processes that no longer run (a run stopped before its servers closed, a
 * template left half seeded) and templates of other sources unused for a day (another checkout may still use one).
 */
async function removeLeftovers(current: string): Promise<void> {
  const rows = await adminRows<{ datname: string; note: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like 'fco\\_test\\_%'`,
  );
  for (const { datname, note } of rows) {
    const pid = /_(\d+)_[a-z0-9]+$/.exec(datname)?.[1];
    const stale = pid !== undefined
      ? !processAlive(Number(pid))
      : datname.startsWith(TEMPLATE_PREFIX) && datname !== current && Date.now() - Number(note ?? 0) > 86_400_000;
    if (stale) await adminQuery(`drop database if exists ${quoted(datname)} with (force)`).catch(() => {});
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function databaseUrl(name: string): string {
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function adminRows<R = unknown>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(text: string): Promise<void> {
  await adminRows(text);
}
