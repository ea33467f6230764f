/**
 * Opens a database from a URL (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`). Node-only (drivers); createApp
 * receives the opened store and never imports this.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PostgresDialect, SqliteDialect } from 'kysely';
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

export interface ConnectOptions {
  /** PostgreSQL schema to use (created if missing): lets tests isolate themselves in one database. */
  pgSchema?: string;
}

export async function openDatabase(url: string, options: ConnectOptions = {}): Promise<Database> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.kind === 'sqlite') return openSqlite(parsed.target);
  return openPostgres(parsed.target, options.pgSchema);
}

function openSqlite(target: string): Database {
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
    sqlite.pragma('synchronous = NORMAL');
    // Lists keep many indexes; a larger page cache keeps big seeds and deep pages off the disk.
    sqlite.pragma('cache_size = -131072');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseUrlError(`Cannot open ${file}: ${(error as Error).message}`);
  }
  return wrapDialect(new SqliteDialect({ database: sqlite }), 'sqlite', `sqlite:${file}`);
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const safeSchema = schema?.replace(/[^A-Za-z0-9_]/g, '');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // Every connection starts in the schema, so no query can run before search_path is set.
    ...(safeSchema ? { options: `-c search_path=${safeSchema}` } : {}),
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
  return wrapDialect(new PostgresDialect({ pool }), 'postgres', redact(url), safeSchema);
}
