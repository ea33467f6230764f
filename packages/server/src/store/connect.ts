/**
 * Opens a database from a URL (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`). Node-only (drivers); createApp
 * receives the opened store and never imports this.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { wrapDialect, type Database } from './database.js';

export class DatabaseUrlError extends Error {}

export interface ParsedDatabaseUrl {
  kind: 'sqlite' | 'postgres';
  /** File path, `:memory:`, or the PostgreSQL connection string. */
  target: string;
}

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const target = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!target) throw new DatabaseUrlError(`"${url}" names no file; use sqlite:PATH or sqlite::memory:`);
    return { kind: 'sqlite', target };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new DatabaseUrlError(`"${redact(url)}" is not a valid PostgreSQL URL`);
    }
    return { kind: 'postgres', target: url };
  }
  throw new DatabaseUrlError(`Unsupported database URL "${redact(url)}": use sqlite:PATH or postgres://user:pass@host/db`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * `full` (the default): a write is acknowledged only once it would survive a power cut (SQLite: fsync of the WAL at
 * every commit; PostgreSQL: synchronous_commit on). `relaxed`: faster commits, and a crash of the server process
 * still loses nothing, but a power cut or an operating-system crash (PostgreSQL: a crash of the database server) can
 * lose the last acknowledged writes. The database itself stays consistent either way.
 */
export type Durability = 'full' | 'relaxed';

export interface ConnectOptions {
  /** PostgreSQL schema to use (created if missing): lets tests isolate themselves in one database. */
  pgSchema?: string;
  durability?: Durability;
}

export async function openDatabase(url: string, options: ConnectOptions = {}): Promise<Database> {
  const parsed = parseDatabaseUrl(url);
  const durability = options.durability ?? 'full';
  if (parsed.kind === 'sqlite') return openSqlite(parsed.target, durability);
  return openPostgres(parsed.target, durability, options.pgSchema);
}

function openSqlite(target: string, durability: Durability): Database {
  let file = target;
  if (target !== ':memory:') {
    file = resolvePath(target);
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new DatabaseUrlError(`Cannot create the folder for ${file}: ${(error as Error).message}`);
    }
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    // In WAL mode FULL syncs the WAL at every commit; NORMAL only at checkpoints, so a power cut can undo commits.
    sqlite.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    // Lists keep many indexes; a larger page cache keeps big seeds and deep pages off the disk.
    sqlite.pragma('cache_size = -131072');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseUrlError(`Cannot open ${file}: ${(error as Error).message}`);
  }
  const connection = sqlite;
  return wrapDialect(new SqliteDialect({ database: reusingStatements(connection) }), 'sqlite', `sqlite:${file}`, undefined, {
    bulkLoad: (load) => withLoadSettings(connection, load),
    inMemory: file === ':memory:',
  });
}

const STATEMENT_CACHE_SIZE = 200;

/**
 * better-sqlite3 parses the SQL on every prepare and Kysely prepares every query it runs; keeping the last prepared
 * statements by their text lets repeated queries (a bulk insert's batches above all) skip SQLite's parser. A cached
 * statement still iterating rows is not handed out twice.
 */
function reusingStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const reused = (text: string) => {
    const cached = cache.get(text);
    if (cached) {
      if (cached.busy) return sqlite.prepare(text);
      cache.delete(text); // most recently used goes last
      cache.set(text, cached);
      return cached;
    }
    const statement = sqlite.prepare(text);
    cache.set(text, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  };
  return {
    close: () => sqlite.close(),
    prepare: reused,
  };
}

/**
 * Load-time settings for a bulk load into a fresh database: the rollback journal in memory and no fsync (the WAL
 * would write every page twice), a page cache that holds the growing indexes, and sorter threads for CREATE INDEX.
 */
async function withLoadSettings<R>(sqlite: BetterSqlite3.Database, load: () => Promise<R>): Promise<R> {
  if (sqlite.inTransaction) return load();
  const pragma = (name: string) => sqlite.pragma(name, { simple: true }) as string | number;
  const serving = {
    journal_mode: pragma('journal_mode'), synchronous: pragma('synchronous'), cache_size: pragma('cache_size'), threads: pragma('threads'),
    mmap_size: pragma('mmap_size'),
  };
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma(`cache_size = ${LOAD_CACHE_KIB}`);
  // Index builds scan whole tables; mapped pages save a read and a copy per page.
  sqlite.pragma(`mmap_size = ${LOAD_MMAP_BYTES}`);
  sqlite.pragma(`threads = ${Math.min(4, Math.max(1, availableParallelism()))}`);
  try {
    return await load();
  } finally {
    for (const [name, value] of Object.entries(serving)) sqlite.pragma(`${name} = ${value}`);
  }
}

/** 1 GiB, as a negative cache_size (KiB): only what the load touches is allocated. */
const LOAD_CACHE_KIB = -1048576;
const LOAD_MMAP_BYTES = 2 ** 31 - 1;

async function openPostgres(url: string, durability: Durability, schema?: string): Promise<Database> {
  const safeSchema = schema?.replace(/[^A-Za-z0-9_]/g, '');
  const { connectionString, options: urlOptions } = splitOptions(url);
  // Every connection starts with these settings, so no query can run before they are set. Durability is set either
  // way: the database server's own default (or a role's or database's) may be off, and `full` promises it is on.
  // The URL's own `options` come after the defaults and before the rest: later settings win, and the schema and
  // durability asked for must.
  const settings = [
    // Parallel query off: every request is one of many at once, and a parallel plan's workers, started for its one
    // query, cost more than they save here (a count of 10,001 matches took 96–119 ms in a parallel plan against
    // 28–51 ms in a serial one, bench/RESULTS.md). A database server with cores to spare can have them back through
    // the URL's options.
    '-c max_parallel_workers_per_gather=0',
    ...(urlOptions ? [urlOptions] : []),
    ...(safeSchema ? [`-c search_path=${safeSchema}`] : []),
    `-c synchronous_commit=${durability === 'relaxed' ? 'off' : 'on'}`,
  ];
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5000,
    options: settings.join(' '),
  });
  // A pool reports idle-client errors as events; without a listener they would crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      if (safeSchema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${safeSchema}"`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUrlError(`Cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  }
  return wrapDialect(new PostgresDialect({ pool }), 'postgres', redact(url), safeSchema, { listen: (channel, onNotify) => listen(url, channel, onNotify) });
}

/**
 * The URL without its `options` parameter, and that parameter. pg lets a connection string's `options` replace the
 * `options` it is given beside it, so a URL carrying any (`?options=-c statement_timeout=5000`) would drop the
 * schema and the durability setting; they are joined instead.
 */
function splitOptions(url: string): { connectionString: string; options: string | null } {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  if (options === null) return { connectionString: url, options: null };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: options.trim() || null };
}

const RELISTEN_DELAY_MS = 1000;

/** LISTEN on a client of its own (a pooled connection would drop it), reconnecting while wanted. */
async function listen(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const drop = (lost: pg.Client) => {
    if (client !== lost) return false;
    client = null;
    lost.end().catch(() => {});
    return true;
  };
  const scheduleReconnect = () => {
    if (stopped) return;
    retry = setTimeout(() => connect().then(onNotify, scheduleReconnect), RELISTEN_DELAY_MS);
    retry.unref?.();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    const lost = () => {
      if (drop(next)) scheduleReconnect();
    };
    next.on('error', lost);
    next.on('end', lost);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      drop(next);
      throw error;
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
}
