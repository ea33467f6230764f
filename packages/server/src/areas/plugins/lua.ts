/**
 * Reads what an FDL code block registers from its Lua source WITHOUT running it. The FDL convention this server
 * understands (the one Flexiant's FDL uses):
 *
 * ```lua
 * function register()
 *   return { "welcome_mail", "mail_settings" }          -- the names of the functions the block registers
 * end
 *
 * function welcome_mail(p)
 *   if p == nil then
 *     return { api = "TRIGGER", triggerType = "POST_CREATE", name = "Welcome mail" }   -- the definition table
 *   end
 *   …
 * end
 * ```
 *
 * Each registered function returns, as the first table literal that contains an `api = "…"` field, its definition:
 * `api` is TRIGGER (with `triggerType`, one of the FDL triggers), CONFIG_PROVIDER (with `name`, `providerType`,
 * `providerGroup`, `resourceConfigs = {…}` and `values = { { key=…, name=…, validator=…, … }, … }`), BILLING or
 * REPORT. Names with no such definition, unknown apis and unknown triggers are ignored: registering is best effort
 * and never fails a save. Only table literals of strings, numbers, booleans and nested tables are read.
 */

export type LuaValue = string | number | boolean | null | LuaTable;
export interface LuaTable {
  /** Positional items, in order. */
  list: LuaValue[];
  /** `key = value` fields. */
  fields: Map<string, LuaValue>;
}

type Token =
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'symbol'; value: string; at: number };

const LONG_BRACKET = /^\[(=*)\[/;

/** Splits Lua source into tokens, dropping comments and whitespace. Unknown characters become symbols. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '-' && source[i + 1] === '-') {
      const long = LONG_BRACKET.exec(source.slice(i + 2, i + 2 + 64));
      if (long) {
        const close = `]${long[1]}]`;
        const end = source.indexOf(close, i + 2 + long[0].length);
        i = end < 0 ? n : end + close.length;
      } else {
        const end = source.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') {
        if (source[j] === '\\' && j + 1 < n) {
          const e = source[j + 1]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else value += source[j++];
      }
      tokens.push({ kind: 'string', value, at: i });
      i = j + 1;
      continue;
    }
    if (c === '[') {
      const long = LONG_BRACKET.exec(source.slice(i, i + 64));
      if (long) {
        const close = `]${long[1]}]`;
        const start = i + long[0].length;
        const end = source.indexOf(close, start);
        tokens.push({ kind: 'string', value: source.slice(start, end < 0 ? n : end).replace(/^\r?\n/, ''), at: i });
        i = end < 0 ? n : end + close.length;
        continue;
      }
    }
    const number = /^(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)/.exec(source.slice(i, i + 40));
    if (number && /[0-9]/.test(c)) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200));
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    tokens.push({ kind: 'symbol', value: c, at: i });
    i++;
  }
  return tokens;
}

/** Parses a table literal starting at `tokens[start]` (a `{`); null when it is not a plain literal. */
function parseTable(tokens: Token[], start: number, depth = 0): { table: LuaTable; next: number } | null {
  if (depth > 20 || tokens[start]?.value !== '{' || tokens[start]?.kind !== 'symbol') return null;
  const table: LuaTable = { list: [], fields: new Map() };
  let i = start + 1;
  const value = (at: number): { value: LuaValue; next: number } | null => {
    const t = tokens[at];
    if (!t) return null;
    if (t.kind === 'string' || t.kind === 'number') return { value: t.value, next: at + 1 };
    if (t.kind === 'symbol' && t.value === '-' && tokens[at + 1]?.kind === 'number') return { value: -(tokens[at + 1]!.value as number), next: at + 2 };
    if (t.kind === 'name' && (t.value === 'true' || t.value === 'false')) return { value: t.value === 'true', next: at + 1 };
    if (t.kind === 'name' && t.value === 'nil') return { value: null, next: at + 1 };
    if (t.kind === 'symbol' && t.value === '{') {
      const nested = parseTable(tokens, at, depth + 1);
      return nested ? { value: nested.table, next: nested.next } : null;
    }
    return null;
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'symbol' && t.value === '}') return { table, next: i + 1 };
    if (t.kind === 'symbol' && (t.value === ',' || t.value === ';')) { i++; continue; }
    let key: string | null = null;
    if (t.kind === 'name' && tokens[i + 1]?.kind === 'symbol' && tokens[i + 1]!.value === '=' && tokens[i + 2]?.value !== '=') {
      key = t.value;
      i += 2;
    } else if (t.kind === 'symbol' && t.value === '[' && tokens[i + 1]?.kind === 'string' && tokens[i + 2]?.value === ']' && tokens[i + 3]?.value === '=') {
      key = tokens[i + 1]!.value as string;
      i += 4;
    }
    const parsed = value(i);
    if (!parsed) return null;
    if (key === null) table.list.push(parsed.value);
    else table.fields.set(key, parsed.value);
    i = parsed.next;
  }
  return null;
}

/** Token index just after `function NAME(` at the top of the chunk, or -1. */
function functionStart(tokens: Token[], name: string): number {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.kind === 'name' && tokens[i]!.value === 'function' && tokens[i + 1]!.value === name && tokens[i + 2]!.value === '(') {
      return i + 3;
    }
  }
  return -1;
}

/** Token index range of a function's body: from its start to the next top-level `function` (or the end). */
function functionBody(tokens: Token[], name: string): [number, number] | null {
  const start = functionStart(tokens, name);
  if (start < 0) return null;
  let end = tokens.length;
  for (let i = start; i + 1 < tokens.length; i++) {
    // A following global function definition ends this one (nested functions are rare in FDL definitions).
    if (tokens[i]!.value === 'function' && tokens[i]!.kind === 'name' && tokens[i + 1]!.kind === 'name' && tokens[i + 2]?.value === '(') {
      const before = tokens[i - 1];
      if (!before || before.value !== 'local') { end = i; break; }
    }
  }
  return [start, end];
}

/** The names `register()` returns. */
export function registeredNames(tokens: Token[]): string[] {
  const body = functionBody(tokens, 'register');
  if (!body) return [];
  for (let i = body[0]; i < body[1]; i++) {
    if (tokens[i]!.kind === 'name' && tokens[i]!.value === 'return') {
      const parsed = parseTable(tokens, i + 1);
      if (!parsed) return [];
      return parsed.table.list.filter((v): v is string => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) && v.length <= 100);
    }
  }
  return [];
}

/** The definition table of a registered function: the first table literal in its body with an `api` field. */
export function definitionOf(tokens: Token[], name: string): LuaTable | null {
  const body = functionBody(tokens, name);
  if (!body) return null;
  for (let i = body[0]; i < body[1]; i++) {
    if (tokens[i]!.kind === 'symbol' && tokens[i]!.value === '{') {
      const parsed = parseTable(tokens, i);
      if (parsed && typeof parsed.table.fields.get('api') === 'string') return parsed.table;
    }
  }
  return null;
}

export interface RegisteredFunction {
  name: string;
  api: string;
  definition: LuaTable;
}

/** Every registered function that has a definition, in `register()` order (first definition of a name wins). */
export function readRegistrations(source: string): RegisteredFunction[] {
  const tokens = tokenize(source);
  const seen = new Set<string>();
  const found: RegisteredFunction[] = [];
  for (const name of registeredNames(tokens)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const definition = definitionOf(tokens, name);
    if (definition) found.push({ name, api: String(definition.fields.get('api')).toUpperCase(), definition });
  }
  return found;
}

export const text = (table: LuaTable, key: string): string | null => {
  const v = table.fields.get(key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
};
