/** Turns a checked filter into a Kysely boolean expression over an entity's columns. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ColumnDefinition } from '../entity.js';
import type { CheckedFilter } from './ast.js';

/** Escapes LIKE wildcards so user text only ever matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** The stored form of a value: booleans as 0/1, null in sortable nullable columns as ''. */
export function toColumnValue(value: unknown, column: ColumnDefinition): unknown {
  if (value === null || value === undefined) return column.emptyMeansNull ? '' : null;
  if (column.type === 'boolean') return value ? 1 : 0;
  if (column.codec) return column.codec.toColumn(value);
  return value;
}

export function compileFilter(
  filter: CheckedFilter,
  columnOf: (field: string) => ColumnDefinition,
  table: string,
): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  const build = (eb: ExpressionBuilder<any, any>, node: CheckedFilter): Expression<SqlBool> => {
    switch (node.kind) {
      case 'and':
        return eb.and(node.children.map((c) => build(eb, c)));
      case 'or':
        return eb.or(node.children.map((c) => build(eb, c)));
      case 'not':
        return eb.not(build(eb, node.child));
      case 'match': {
        const column = columnOf(node.field);
        const escaped = escapeLike(node.text.toLowerCase());
        const pattern = node.mode === 'contains' ? `%${escaped}%` : node.mode === 'prefix' ? `${escaped}%` : `%${escaped}`;
        const like = sql<SqlBool>`lower(${sql.ref(`${table}.${column.column}`)}) like ${pattern} escape '\\'`;
        return node.negated ? eb.not(like) : like;
      }
      case 'compare': {
        const column = columnOf(node.field);
        const ref = `${table}.${column.column}`;
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
