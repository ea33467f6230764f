/** Turns a checked filter into a Kysely boolean expression over an entity's fields. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { toColumnValue, type ColumnDefinition } from '../columns.js';
import type { DialectName } from '../database.js';
import type { CheckedFilter } from './ast.js';
import { beyondAscii, globPattern, placed, regexPattern } from './case-fold.js';

/** What the compiler needs of one filterable field. */
export interface FilterField {
  /** The value compared (a column, a joined column, a computed expression). */
  ref: Expression<any>;
  /** How values are stored (booleans 0/1, '' for null, codecs). */
  column: ColumnDefinition;
  /** An index-served pre-condition for a match on this field (a trigram index), when one can serve it. */
  search?: (text: string, mode: MatchMode) => Expression<SqlBool> | null;
}

export type MatchMode = 'contains' | 'prefix' | 'suffix';

/** The LIKE pattern of a match (wildcards in the text escaped). */
export function likePattern(text: string, mode: MatchMode): string {
  return placed(escapeLike(text), mode, '%');
}

/** Escapes LIKE wildcards so user text only ever matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

export function compileFilter(
  filter: CheckedFilter,
  fieldOf: (field: string) => FilterField,
  dialect: DialectName,
): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  // PostgreSQL's LIKE escapes with a backslash by default (so the pattern stays a plain value its trigram index can
  // use); SQLite's escapes only with an ESCAPE clause.
  const escape = dialect === 'sqlite' ? sql` escape '\\'` : sql``;
  const build = (eb: ExpressionBuilder<any, any>, node: CheckedFilter): Expression<SqlBool> => {
    switch (node.kind) {
      case 'and':
        return eb.and(node.children.map((c) => build(eb, c)));
      case 'or':
        return eb.or(node.children.map((c) => build(eb, c)));
      case 'not':
        return eb.not(build(eb, node.child));
      case 'match': {
        const field = fieldOf(node.field);
        const folded = sql`lower(${field.ref})`;
        const ascii = !beyondAscii(node.text);
        const matches = ascii
          ? sql<SqlBool>`${folded} like ${likePattern(node.text.toLowerCase(), node.mode)}${escape}`
          : dialect === 'sqlite'
            ? sql<SqlBool>`${folded} glob ${globPattern(node.text, node.mode)}`
            : sql<SqlBool>`${folded} ~ ${regexPattern(node.text, node.mode)}`;
        if (node.negated) return eb.not(matches);
        // The search index narrows the candidates; the match keeps the meaning exactly what it is without one.
        const indexed = field.search?.(node.text.toLowerCase(), node.mode);
        return indexed ? eb.and([indexed, matches]) : matches;
      }
      case 'compare': {
        const { ref, column } = fieldOf(node.field);
        const stored = toColumnValue(node.value, column);
        if (stored === null) return node.operator === '=' ? eb(ref, 'is', null) : eb(ref, 'is not', null);
        const comparison = eb(ref, node.operator === '!=' ? '<>' : node.operator, stored);
        // A null stored as '' must not satisfy an ordering comparison against a real value.
        if (column.emptyMeansNull && node.value !== null && node.operator !== '=' && node.operator !== '!=') {
          return eb.and([comparison, eb(ref, '<>', '')]);
        }
        return comparison;
      }
    }
  };
  return (eb) => build(eb, filter);
}
