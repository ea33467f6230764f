/**
 * Kysely over one of two dialects. Everything above this file is dialect-free: text ids, ISO timestamps in text
 * columns (so both sort alike), booleans as 0/1 integers, JSON as text.
 */
import { Kysely, type Dialect } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';
// The generic repository works on tables described by entity definitions, so the database type is open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;

export interface Database {
  db: Db;
  dialect: DialectName;
  /** A short description without credentials, for logs. */
  description: string;
  /** The PostgreSQL schema everything lives in, when not the default. */
  schema?: string;
  /** A SQLite database in memory: no other process can write to it. */
  inMemory?: boolean;
  /**
   * PostgreSQL: calls `onNotify` for every NOTIFY on `channel` (from any session, this one's included) until the
   * returned function is called; on a connection of its own, reopened if it drops (with a call, as notifications
   * may have been missed).
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * Runs a bulk load into a fresh database with the dialect's load-time settings (SQLite: the journal in memory, no
   * fsync, a large page cache, sorter threads for index builds), restoring the serving settings afterwards. A load
   * that dies half-way leaves a database to delete, which a seed into an empty database can afford.
   */
  bulkLoad<R>(load: () => Promise<R>): Promise<R>;
}

/** Builds the Kysely instance from a dialect that the runtime-specific entry created (see node.ts / store/connect.ts). */
export function wrapDialect(
  dialect: Dialect,
  name: DialectName,
  description: string,
  schema?: string,
  options: { bulkLoad?: Database['bulkLoad']; inMemory?: boolean; listen?: Database['listen'] } = {},
): Database {
  const db = new Kysely<any>({ dialect });
  return {
    db,
    dialect: name,
    description,
    ...(schema ? { schema } : {}),
    ...(options.inMemory ? { inMemory: true } : {}),
    ...(options.listen ? { listen: options.listen } : {}),
    async close() {
      await db.destroy();
    },
    bulkLoad: options.bulkLoad ?? ((load) => load()),
  };
}
