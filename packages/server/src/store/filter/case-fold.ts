/**
 * Matches (`:`, `*`) ignore case, and SQL's `lower()` folds ASCII letters only: SQLite's always, PostgreSQL's under the
 * columns' C collation. "Ärztekammer" stays "Ärztekammer", so a LIKE on "ärzte" never finds it, nor does one on the
 * name typed exactly as stored. A text with letters beyond ASCII is therefore matched with each such letter as a
 * class of its cases ("[äÄ]rzte"): SQLite's GLOB and PostgreSQL's regular expressions both have classes, and the
 * ASCII letters still go through `lower()` as before. Texts in ASCII keep their LIKE. Their trigram indexes serve both:
 * PostgreSQL's for regular expressions too, SQLite's by a phrase MATCH (search.ts).
 */
import type { MatchMode } from './compile.js';

/** Whether a text has characters beyond ASCII, which `lower()` leaves as they are. */
export function beyondAscii(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}

/** A character's forms in either case that are one character each ("ß" upper-cases to "SS": not a form). */
function caseForms(char: string): string[] {
  return [...new Set([char, char.toLowerCase(), char.toUpperCase()])].filter((form) => [...form].length === 1);
}

function pattern(text: string, ascii: (char: string) => string): string {
  return [...text].map((char) => (beyondAscii(char) ? `[${caseForms(char).join('')}]` : ascii(char.toLowerCase()))).join('');
}

/** A pattern's body with the wildcard `any` where the mode leaves the value open (LIKE's `%`, GLOB's `*`). */
export function placed(body: string, mode: MatchMode, any: string): string {
  return mode === 'contains' ? `${any}${body}${any}` : mode === 'prefix' ? `${body}${any}` : `${any}${body}`;
}

/** The GLOB (SQLite, case-sensitive) that `lower(column)` matches when the column matches `text` in any case. */
export function globPattern(text: string, mode: MatchMode): string {
  // GLOB's wildcards and a class's opening bracket match themselves inside a class.
  return placed(pattern(text, (char) => (/[*?[]/.test(char) ? `[${char}]` : char)), mode, '*');
}

/** The regular expression (PostgreSQL) that `lower(column)` matches when the column matches `text` in any case. */
export function regexPattern(text: string, mode: MatchMode): string {
  const body = pattern(text, (char) => char.replace(/[\\^$.|?*+()[\]{}]/, '\\$&'));
  return mode === 'prefix' ? `^${body}` : mode === 'suffix' ? `${body}$` : body;
}
