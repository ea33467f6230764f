/**
 * Parser of the shared list filter (a subset of AIP-160):
 *
 *   filter     := or
 *   or         := and ( "OR" and )*
 *   and        := unary ( ["AND"] unary )*          -- juxtaposition is AND, as in AIP-160
 *   unary      := ( "NOT" | "-" ) unary | primary
 *   primary    := "(" or ")" | FIELD OP value
 *   OP         := "=" | "!=" | "<" | "<=" | ">" | ">=" | ":"
 *   value      := STRING | NUMBER | "true" | "false" | "null" | WORD
 *
 * AND binds tighter than OR (the usual reading; AIP-160's opposite rule surprises people). Strings are double-quoted
 * with `\"` and `\\` escapes. Bounded: at most MAX_TERMS comparisons and MAX_DEPTH nesting.
 */
import { ApiProblem } from '../../problem.js';
import type { ComparisonOperator, FilterNode, FilterValue } from './ast.js';

export const MAX_TERMS = 50;
export const MAX_DEPTH = 10;

type Token =
  | { type: 'lparen' | 'rparen' | 'minus' | 'end'; position: number }
  | { type: 'op'; value: ComparisonOperator; position: number }
  | { type: 'word'; value: string; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'number'; value: number; position: number };

export function filterError(message: string, position: number, code = 'syntax', extra = ''): ApiProblem {
  return new ApiProblem('invalid_filter', {
    detail: `${message} at position ${position}${extra}`,
    errors: [{ location: 'query', pointer: 'filter', code, message: `${message} at position ${position}` }],
  });
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', position: start });
      i++;
    } else if (ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw filterError('Unterminated string', start);
        const c = input[i]!;
        if (c === '\\') {
          const next = input[i + 1];
          if (next !== '"' && next !== '\\') throw filterError('Unknown escape (only \\" and \\\\)', i);
          value += next;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ type: 'string', value, position: start });
    } else if ('=!<>:'.includes(ch)) {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ type: 'op', value: two, position: start });
        i += 2;
      } else if (ch === '!') {
        throw filterError('Unexpected "!" (did you mean "!=" or "NOT"?)', start);
      } else {
        tokens.push({ type: 'op', value: ch as ComparisonOperator, position: start });
        i++;
      }
    } else if (ch === '-' && /[0-9]/.test(input[i + 1] ?? '') && tokens.at(-1)?.type === 'op') {
      const match = /^-[0-9]+(\.[0-9]+)?/.exec(input.slice(i))!;
      tokens.push({ type: 'number', value: Number(match[0]), position: start });
      i += match[0].length;
    } else if (ch === '-') {
      tokens.push({ type: 'minus', position: start });
      i++;
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?(?![A-Za-z_])/.exec(input.slice(i));
      if (!match) throw filterError('Malformed number', start);
      tokens.push({ type: 'number', value: Number(match[0]), position: start });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i))!;
      tokens.push({ type: 'word', value: match[0], position: start });
      i += match[0].length;
    } else {
      throw filterError(`Unexpected character "${ch}"`, start);
    }
  }
  tokens.push({ type: 'end', position: input.length });
  return tokens;
}

export function parseFilter(input: string): FilterNode | null {
  if (input.trim() === '') return null;
  const tokens = tokenize(input);
  let index = 0;
  let terms = 0;
  const peek = () => tokens[index]!;
  const next = () => tokens[index++]!;
  const isKeyword = (t: Token, word: string) => t.type === 'word' && t.value === word;

  function parseOr(depth: number): FilterNode {
    if (depth > MAX_DEPTH) throw filterError(`Nested deeper than ${MAX_DEPTH} levels`, peek().position);
    const children = [parseAnd(depth)];
    while (isKeyword(peek(), 'OR')) {
      next();
      children.push(parseAnd(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  function parseAnd(depth: number): FilterNode {
    const children = [parseUnary(depth)];
    for (;;) {
      const t = peek();
      if (isKeyword(t, 'AND')) {
        next();
      } else if (t.type === 'end' || t.type === 'rparen' || isKeyword(t, 'OR')) {
        break;
      }
      children.push(parseUnary(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  function parseUnary(depth: number): FilterNode {
    const t = peek();
    if (isKeyword(t, 'NOT') || t.type === 'minus') {
      next();
      if (depth + 1 > MAX_DEPTH) throw filterError(`Nested deeper than ${MAX_DEPTH} levels`, t.position);
      return { kind: 'not', child: parseUnary(depth + 1) };
    }
    return parsePrimary(depth);
  }

  function parsePrimary(depth: number): FilterNode {
    const t = next();
    if (t.type === 'lparen') {
      const inner = parseOr(depth + 1);
      const close = next();
      if (close.type !== 'rparen') throw filterError('Expected ")"', close.position);
      return inner;
    }
    if (t.type !== 'word' || ['AND', 'OR', 'NOT'].includes(t.value)) {
      throw filterError(t.type === 'end' ? 'Unexpected end of filter, expected a field' : 'Expected a field name', t.position);
    }
    const op = next();
    if (op.type !== 'op') throw filterError(`Expected an operator (= != < <= > >= :) after "${t.value}"`, op.position);
    const value = parseValue();
    if (++terms > MAX_TERMS) throw filterError(`More than ${MAX_TERMS} comparisons`, t.position);
    return { kind: 'compare', field: t.value, operator: op.value, value, position: t.position };
  }

  function parseValue(): FilterValue {
    const t = next();
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.value, position: t.position };
      case 'number':
        return { kind: 'number', value: t.value, position: t.position };
      case 'word':
        if (t.value === 'true' || t.value === 'false') return { kind: 'boolean', value: t.value === 'true', position: t.position };
        if (t.value === 'null') return { kind: 'null', position: t.position };
        return { kind: 'word', value: t.value, position: t.position };
      default:
        throw filterError(t.type === 'end' ? 'Unexpected end of filter, expected a value' : 'Expected a value', t.position);
    }
  }

  const tree = parseOr(0);
  const rest = peek();
  if (rest.type !== 'end') throw filterError(rest.type === 'rparen' ? 'Unbalanced ")"' : 'Unexpected input', rest.position);
  return tree;
}
