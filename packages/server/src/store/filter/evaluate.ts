/**
 * A checked filter evaluated in memory, on one record: for lists that are not tables (the report catalogue) and for
 * fields whose value is known per caller rather than stored (see `fixField`). Values compare as text, as the fixed
 * catalogue's fields and booleans need.
 */
import type { CheckedComparison, CheckedFilter } from './ast.js';

export function evaluateFilter(filter: CheckedFilter, record: Record<string, unknown>): boolean {
  switch (filter.kind) {
    case 'and': return filter.children.every((c) => evaluateFilter(c, record));
    case 'or': return filter.children.some((c) => evaluateFilter(c, record));
    case 'not': return !evaluateFilter(filter.child, record);
    default: return compare(filter, record);
  }
}

function compare(filter: CheckedComparison, record: Record<string, unknown>): boolean {
  const value = String(record[filter.field]);
  if (filter.kind === 'match') {
    const hit = filter.mode === 'contains' ? value.includes(filter.text) : filter.mode === 'prefix' ? value.startsWith(filter.text) : value.endsWith(filter.text);
    return hit !== filter.negated;
  }
  const other = filter.value === null ? null : String(filter.value);
  if (other === null) return filter.operator === '!=';
  switch (filter.operator) {
    case '=': return value === other;
    case '!=': return value !== other;
    case '<': return value < other;
    case '<=': return value <= other;
    case '>': return value > other;
    case '>=': return value >= other;
  }
}

const TRUE: CheckedFilter = { kind: 'and', children: [] };
const FALSE: CheckedFilter = { kind: 'or', children: [] };

/** The filter with every comparison on `field` replaced by its outcome for `value` (an empty AND is true, OR false). */
export function fixField(filter: CheckedFilter, field: string, value: unknown): CheckedFilter {
  switch (filter.kind) {
    case 'and': case 'or': return { kind: filter.kind, children: filter.children.map((c) => fixField(c, field, value)) };
    case 'not': return { kind: 'not', child: fixField(filter.child, field, value) };
    default: return filter.field === field ? (evaluateFilter(filter, { [field]: value }) ? TRUE : FALSE) : filter;
  }
}
