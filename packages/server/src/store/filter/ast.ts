/** The filter language's syntax tree (see parser.ts for the grammar). */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':';

export type FilterValue =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'word'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number };

export type FilterNode =
  | { kind: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'compare'; field: string; operator: ComparisonOperator; value: FilterValue; position: number };

/**
 * A comparison after type checking: the value converted to what the column stores, and `=`/`!=` on strings with
 * `*` at an end turned into a pattern match.
 */
export type CheckedComparison =
  | { kind: 'compare'; field: string; operator: '=' | '!=' | '<' | '<=' | '>' | '>='; value: string | number | boolean | null }
  | { kind: 'match'; field: string; negated: boolean; mode: 'contains' | 'prefix' | 'suffix'; text: string };

export type CheckedFilter =
  | { kind: 'and' | 'or'; children: CheckedFilter[] }
  | { kind: 'not'; child: CheckedFilter }
  | CheckedComparison;
