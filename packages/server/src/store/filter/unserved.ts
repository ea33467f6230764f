/**
 * Matches no search index can serve. Trigram indexes find a text by its runs of three letters or digits: SQLite's FTS5
 * trigram table has nothing to look up for fewer than three characters, and PostgreSQL's `pg_trgm` takes its
 * trigrams from the words of a text, so "zq", "ö" or "a_b" are found only by reading rows one by one. The repository
 * allows that where few rows are left to read (refuseUnservedMatches); the rule is the same on both databases, so a
 * list answers the same filters whichever one the server runs on.
 */
import type { CheckedFilter } from './ast.js';

type Match = Extract<CheckedFilter, { kind: 'match' }>;

/** Whether a trigram index can serve a match on this text: three letters or digits in a row somewhere in it. */
export function indexServable(text: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(text);
}

/**
 * The matches of a filter that must find their rows: those under an even number of negations (NOT, or the `!=` of a
 * pattern), `NOT NOT name : "zq"` as much as `name : "zq"`. A negated one keeps most rows, so its pages fill at once.
 */
export function positiveMatches(filter: CheckedFilter, negated = false): Match[] {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.children.flatMap((child) => positiveMatches(child, negated));
    case 'not':
      return positiveMatches(filter.child, !negated);
    case 'match':
      return filter.negated === negated ? [filter] : [];
    default:
      return [];
  }
}

/**
 * The filter with each of `matches` read as true: what is left to narrow the rows those matches must be checked on
 * (null when nothing is). A negation around one of them is read as true too: it narrows nothing either.
 */
export function withoutMatches(filter: CheckedFilter, matches: readonly Match[]): CheckedFilter | null {
  if (!holdsAny(filter, matches)) return filter;
  if (filter.kind === 'match' || filter.kind === 'not') return null;
  if (filter.kind === 'and') {
    const rest = filter.children.map((child) => withoutMatches(child, matches)).filter((child) => child !== null);
    return rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { kind: 'and', children: rest };
  }
  if (filter.kind === 'or') {
    const rest = filter.children.map((child) => withoutMatches(child, matches));
    return rest.includes(null) ? null : { kind: 'or', children: rest as CheckedFilter[] };
  }
  return filter;
}

function holdsAny(filter: CheckedFilter, matches: readonly Match[]): boolean {
  if (filter.kind === 'and' || filter.kind === 'or') return filter.children.some((child) => holdsAny(child, matches));
  if (filter.kind === 'not') return holdsAny(filter.child, matches);
  return matches.includes(filter as Match);
}
