// Builds `filter` strings in the grammar every list shares (components/common.yaml, parameter Filter), with
// quoting and escaping done right: filter.and(filter.eq('status', 'ACTIVE'), filter.contains('email', 'acme')).

/**
 * The binary operators found outside quotes and parentheses, to know where parentheses are needed when the
 * expression becomes an operand (it may come from this module or be written by hand).
 */
function topLevelOperators(expression: string): Set<'AND' | 'OR'> {
  const found = new Set<'AND' | 'OR'>();
  let depth = 0;
  let inString = false;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0) {
      const word = /^(AND|OR)(?![A-Za-z0-9_])/.exec(expression.slice(i));
      if (word && (i === 0 || /[\s)]/.test(expression[i - 1] ?? ''))) found.add(word[1] as 'AND' | 'OR');
    }
  }
  return found;
}

export type FilterValue = string | number | boolean | null | Date;

const FIELD = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new TypeError(`Not a filter field name: ${JSON.stringify(name)}`);
  return name;
}

function quoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A `*` at either end of a quoted string is a wildcard in the grammar, so a literal one cannot be expressed. */
function literal(text: string): string {
  if (text.startsWith('*') || text.endsWith('*')) {
    throw new RangeError(`A filter string cannot start or end with "*" (it would be a wildcard): ${JSON.stringify(text)}`);
  }
  return text;
}

function value(v: FilterValue): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`Not a finite number for a filter: ${v}`);
    return String(v);
  }
  if (v instanceof Date) return quoted(v.toISOString());
  if (typeof v === 'string') return quoted(literal(v));
  throw new TypeError(`Not a filter value: ${String(v)}`);
}

const comparison = (operator: string) => (name: string, v: FilterValue) => `${field(name)} ${operator} ${value(v)}`;

/** Joins the non-empty parts; OR operands of an AND get parentheses (AND binds tighter). */
function combine(operator: 'AND' | 'OR', parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined).map((p) => p.trim());
  if (present.includes('')) throw new TypeError(`filter.${operator.toLowerCase()}: an empty part; pass undefined to leave a condition out`);
  if (present.length <= 1) return present[0];
  return present.map((p) => (operator === 'AND' && topLevelOperators(p).has('OR') ? `(${p})` : p)).join(` ${operator} `);
}

interface Combinator {
  (first: string, ...rest: (string | undefined)[]): string;
  (...parts: (string | undefined)[]): string | undefined;
}

export const filter = {
  eq: comparison('='),
  ne: comparison('!='),
  lt: comparison('<'),
  le: comparison('<='),
  gt: comparison('>'),
  ge: comparison('>='),
  /** Case-insensitive substring match. */
  contains: (name: string, text: string) => `${field(name)} : ${quoted(text)}`,
  startsWith: (name: string, text: string) => `${field(name)} = ${quoted(`${literal(text)}*`)}`,
  endsWith: (name: string, text: string) => `${field(name)} = ${quoted(`*${literal(text)}`)}`,
  /** `from <= field < to` (either end may be left out). */
  between: (name: string, from: FilterValue | undefined, to: FilterValue | undefined) =>
    combine('AND', [from === undefined ? undefined : filter.ge(name, from), to === undefined ? undefined : filter.lt(name, to)]),
  /** Undefined parts are skipped, so optional conditions compose; no parts at all gives undefined (no filter). */
  and: ((...parts) => combine('AND', parts)) as Combinator,
  or: ((...parts) => combine('OR', parts)) as Combinator,
  not: (part: string) => (topLevelOperators(part).size > 0 ? `NOT (${part.trim()})` : `NOT ${part.trim()}`),
};
