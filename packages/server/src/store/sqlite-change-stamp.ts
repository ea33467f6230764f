/**
 * SQLite: a text that changes whenever the database may have changed, for caches of table versions (versions.ts) to
 * ask on every request instead of reading the versions. Two sources of change:
 * - writes through a connection of this process (every store opened here, tests' second instances included), counted
 *   as their statements run, commits included: seen by the next call;
 * - another process's commits (an admin locked by hand, another instance on the file): `data_version` tells, but
 *   asking costs a read transaction (about a quarter of a cached page's answer at 50 clients), so it is asked once per
 *   turn of the event loop. A request answered in a turn arrived before the turn began, so it still sees every commit
 *   that finished before it arrived.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** Writes and commits run through the connections of this process. */
let writes = 0;

/** Counts a statement about to run through a connection of this process, if it writes or commits. */
export function noteStatement(statement: BetterSqlite3.Statement, text: string): void {
  if (!statement.readonly || /^\s*commit\b/i.test(text)) writes++;
}

/** The stamp of one connection: null inside a transaction (its writes may yet be rolled back, changing nothing). */
export function changeStamp(connection: BetterSqlite3.Database): () => string | null {
  const dataVersion = connection.prepare('select data_version from pragma_data_version').pluck();
  let seen: { version: unknown; writes: number } | null = null;
  return () => {
    if (connection.inTransaction) return null;
    if (seen === null) setImmediate(() => (seen = null));
    if (seen === null || seen.writes !== writes) seen = { version: dataVersion.get(), writes };
    return `${String(seen.version)}/${seen.writes}`;
  };
}
