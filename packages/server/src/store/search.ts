/**
 * Trigram indexes for contains (`:`) and `*` matches on text fields, so `email : "zzz"` over a million rows reads a
 * handful of index entries instead of every row. SQLite: one FTS5 table per entity with the trigram tokenizer over
 * the table's own rows (external content, kept in step by triggers in the same transaction as every write);
 * PostgreSQL: a `pg_trgm` GIN index per column on `lower(column)`, which the planner uses for LIKE (and the regular
 * expressions of text beyond ASCII, filter/case-fold.ts) by itself.
 *
 * PostgreSQL also gets, on an owned table, a B-tree per searched column for a billing entity admin's prefix matches
 * (`name = "North*"`): (owner, lower(column) text_pattern_ops, the hidden rule's columns) including the column, so a
 * prefix is a range of each owner's entries and its bounded count never leaves the index. Without it the count read
 * every entry of the owner's sort index (90 ms for 12,000 matches among 260,000 customers); the trigram index cannot
 * keep to the owners. The column itself is included because PostgreSQL reads an expression index alone only when the
 * columns under the expression are in it too.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, DialectName } from './database.js';
import { indexName, type SearchScope } from './table-shape.js';
import { likePattern, type MatchMode } from './filter/compile.js';
import { beyondAscii } from './filter/case-fold.js';

/** Trigrams need three characters: shorter text is matched without the index (and refused where that is slow: filter/unserved.ts). */
const MIN_INDEXED = 3;

export const searchTable = (table: string) => indexName(table, 'search');
const trigger = (table: string, what: string) => indexName(table, `search_${what}`);
const pgIndex = (table: string, column: string) => indexName(table, 'search', column);
const pgPrefixIndex = (table: string, column: string) => indexName(table, 'search_prefix', column);

/** The names of the search artefacts of a table, for the sync's bookkeeping. */
export function searchArtefacts(dialect: DialectName, table: string, columns: readonly string[], scope: SearchScope | null): string[] {
  if (columns.length === 0) return [];
  if (dialect === 'sqlite') return [searchTable(table)];
  return columns.flatMap((c) => (scope ? [pgIndex(table, c), pgPrefixIndex(table, c)] : [pgIndex(table, c)]));
}

export async function createSearch(db: Db, dialect: DialectName, table: string, columns: readonly string[], scope: SearchScope | null): Promise<void> {
  if (columns.length === 0) return;
  const t = sql.table(table);
  if (dialect === 'postgres') {
    for (const column of columns) {
      await sql`create index if not exists ${sql.id(pgIndex(table, column))} on ${t} using gin (lower(${sql.ref(column)}) public.gin_trgm_ops)`.execute(db);
      if (!scope) continue;
      const held = sql.join(scope.hidden.map((c) => sql.ref(c)));
      await sql`create index if not exists ${sql.id(pgPrefixIndex(table, column))}
        on ${t} (${sql.ref(scope.owner)}, lower(${sql.ref(column)}) text_pattern_ops${scope.hidden.length ? sql`, ${held}` : sql``}) include (${sql.ref(column)})`.execute(db);
    }
    return;
  }
  const fts = sql.table(searchTable(table));
  const list = sql.join(columns.map((c) => sql.ref(c)));
  const values = (prefix: string) => sql.join(columns.map((c) => sql.ref(`${prefix}.${c}`)));
  await sql`create virtual table ${fts} using fts5(${list}, content=${sql.lit(table)}, content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`insert into ${fts}(${fts}) values ('rebuild')`.execute(db);
  await sql`create trigger ${sql.id(trigger(table, 'insert'))} after insert on ${t} begin
    insert into ${fts}(rowid, ${list}) values (new.rowid, ${values('new')}); end`.execute(db);
  await sql`create trigger ${sql.id(trigger(table, 'delete'))} after delete on ${t} begin
    insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.rowid, ${values('old')}); end`.execute(db);
  await sql`create trigger ${sql.id(trigger(table, 'update'))} after update of ${list} on ${t} begin
    insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.rowid, ${values('old')});
    insert into ${fts}(rowid, ${list}) values (new.rowid, ${values('new')}); end`.execute(db);
}

export async function dropSearch(db: Db, dialect: DialectName, table: string, columns: readonly string[]): Promise<void> {
  if (dialect === 'postgres') {
    for (const column of columns) {
      await sql`drop index if exists ${sql.id(pgIndex(table, column))}`.execute(db);
      await sql`drop index if exists ${sql.id(pgPrefixIndex(table, column))}`.execute(db);
    }
    return;
  }
  for (const what of ['insert', 'delete', 'update']) await sql`drop trigger if exists ${sql.id(trigger(table, what))}`.execute(db);
  await sql`drop table if exists ${sql.table(searchTable(table))}`.execute(db);
}

/**
 * How a query uses the trigram index of a match (SQLite):
 * - `lead`: the index's matches are where the query starts (few matches: read them, sort them);
 * - `check`: the query walks its order's index and checks each row against the index's matches (many matches: the
 *   page fills after a few rows, and no match list is sorted);
 * - `none`: not at all (a match so common that reading the index costs more than checking the rows).
 */
export type SearchUse = 'lead' | 'check' | 'none';

/** Whether the trigram index can serve a match on this text (SQLite; PostgreSQL's planner decides by itself). */
export function searchable(dialect: DialectName, text: string): boolean {
  return dialect === 'sqlite' && [...text].length >= MIN_INDEXED;
}

/**
 * The rowids the trigram index finds for a match on `column`. ASCII text: its LIKE, exact. Beyond ASCII, the index's
 * LIKE folds ASCII letters only ("%ärzte%" misses "Ärztekammer"), but its tokens fold every letter; and a LIKE
 * wildcard in the text, even escaped, leaves the index scanning every row ("first_last": 0.4–1 s at a million). A
 * phrase MATCH serves both: it finds the text in any case, anywhere in the value, and the query's own match
 * (filter/case-fold.ts) keeps its mode.
 */
function indexMatches(table: string, column: string, text: string, mode: MatchMode) {
  const fts = sql.table(searchTable(table));
  return beyondAscii(text) || /[%_\\]/.test(text)
    ? sql`select rowid from ${fts} where ${sql.ref(column)} match ${`"${text.replaceAll('"', '""')}"`}`
    : sql`select rowid from ${fts} where ${sql.ref(column)} like ${likePattern(text, mode)}`;
}

/**
 * The index-served candidates of a match on `alias.column` (SQLite only: PostgreSQL's planner uses its trigram
 * index for the LIKE itself), or null when the index cannot serve the text or is not to be used.
 */
export function searchCondition(
  dialect: DialectName,
  table: string,
  alias: string,
  column: string,
  text: string,
  mode: MatchMode,
  use: SearchUse = 'lead',
): Expression<SqlBool> | null {
  if (use === 'none' || !searchable(dialect, text)) return null;
  const candidates = sql`(${indexMatches(table, column, text, mode)})`;
  // A unary plus keeps SQLite from driving the query with the candidates: it probes them row by row instead.
  return use === 'lead' ? sql<SqlBool>`${sql.ref(`${alias}.rowid`)} in ${candidates}` : sql<SqlBool>`+${sql.ref(`${alias}.rowid`)} in ${candidates}`;
}

/** How many rows the trigram index matches for a text, counting no further than `limit` (it streams). */
export async function countSearchMatches(db: Db, table: string, column: string, text: string, mode: MatchMode, limit: number): Promise<number> {
  const matches = sql`${indexMatches(table, column, text, mode)} limit ${limit}`;
  const row = await sql<{ n: number }>`select count(*) as n from (${matches}) as matches`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
