/**
 * Reads an FDL code block's Lua source WITHOUT running it: a full syntax check (luaparse, Lua 5.2, the dialect FDL
 * runs) and what the block registers, read from the syntax tree. The FDL convention this server understands:
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
 * Each registered function holds, as the first table constructor (in source order) with an `api = "…"` field, its
 * definition. Only literal values are read from it (strings, numbers, booleans, nil, nested tables); anything else
 * (a variable, a call) is left out. What a registration means (apis, triggers, validators) is the domain's business:
 * this module reports syntax errors and where the registrations are, so the domain can add its own warnings.
 */
import { parse, type Chunk, type Expression, type Node, type Statement, type TableConstructorExpression } from 'luaparse';

export type LuaValue = string | number | boolean | null | LuaTable;
export interface LuaTable {
  /** Positional items, in order. */
  list: LuaValue[];
  /** `key = value` fields. */
  fields: Map<string, LuaValue>;
}

/** A place in the source: lines and columns count from 1, columns in UTF-16 code units (as editors count). */
export interface LuaSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LuaDiagnostic extends LuaSpan {
  severity: 'error' | 'warning';
  message: string;
}

export interface RegisteredFunction {
  name: string;
  /** The `api` field, upper-cased. */
  api: string;
  definition: LuaTable;
  /** Where the definition table is. */
  at: LuaSpan;
}

export interface LuaReading {
  /** A syntax error (at most one: the parser stops there), then warnings about the registrations. */
  diagnostics: LuaDiagnostic[];
  /** What the block registers with a definition, in `register()` order (first definition of a name wins). */
  registrations: RegisteredFunction[];
}

/** Tables nested deeper than this are not read (the definitions FDL uses are three or four levels deep). */
const MAX_TABLE_DEPTH = 20;
/** How many names `register()` may return that are read. */
const MAX_REGISTERED = 200;

/**
 * Lua source is bytes; the parser reads a string of byte-sized characters (`pseudo-latin1`), so the code goes in
 * as its UTF-8 bytes, string values come back as UTF-8 text, and positions are mapped back to the source's columns.
 */
class Source {
  private readonly lines: string[];
  constructor(readonly text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  get bytes(): string {
    return latin1Of(new TextEncoder().encode(this.text));
  }

  /** A luaparse position (1-based line, 0-based byte column) as a 1-based column of the line's text. */
  column(line: number, byteColumn: number): number {
    const text = this.lines[line - 1] ?? '';
    const bytes = new TextEncoder().encode(text).subarray(0, Math.max(0, byteColumn));
    return new TextDecoder().decode(bytes).length + 1;
  }

  span(node: Node): LuaSpan {
    const loc = node.loc!;
    return {
      line: loc.start.line,
      column: this.column(loc.start.line, loc.start.column),
      endLine: loc.end.line,
      endColumn: this.column(loc.end.line, loc.end.column),
    };
  }

  /** Where a syntax error points: the token there (a word or one character), or the end of the code. */
  errorSpan(line: number, byteColumn: number): LuaSpan {
    const column = this.column(line, byteColumn);
    const rest = (this.lines[line - 1] ?? '').slice(column - 1);
    const token = /^(?:[A-Za-z0-9_.]+|\S)/.exec(rest)?.[0] ?? '';
    return { line, column, endLine: line, endColumn: column + token.length };
  }
}

const latin1Of = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
};
const utf8Of = (latin1: string): string => new TextDecoder().decode(Uint8Array.from(latin1, (c) => c.charCodeAt(0)));

export function readLua(code: string): LuaReading {
  const source = new Source(code);
  let chunk: Chunk;
  try {
    chunk = parse(source.bytes, { locations: true, luaVersion: '5.2', encodingMode: 'pseudo-latin1', comments: false, scope: false });
  } catch (error) {
    return { diagnostics: [syntaxDiagnostic(source, error)], registrations: [] };
  }
  return new Reader(source, chunk).read();
}

function syntaxDiagnostic(source: Source, error: unknown): LuaDiagnostic {
  const e = error as { line?: unknown; column?: unknown; message?: unknown };
  if (error instanceof SyntaxError && typeof e.line === 'number' && typeof e.column === 'number') {
    // luaparse prefixes its message with "[line:column] "; the position travels apart.
    const message = String(e.message).replace(/^\[\d+:\d+\]\s*/, '');
    return { severity: 'error', message, ...source.errorSpan(e.line, e.column) };
  }
  // The parser recurses: code nested past the stack's depth cannot be checked, so it is refused, never half-read.
  const message = error instanceof RangeError ? 'The code is nested too deeply to be checked.' : 'The code could not be read.';
  return { severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

type Definition = { table: TableConstructorExpression; api: string };

class Reader {
  private readonly diagnostics: LuaDiagnostic[] = [];
  /** Top-level functions by name (`function f()`, `local function f()`, `f = function()`); the first wins. */
  private readonly functions = new Map<string, { body: Statement[]; node: Node }>();

  constructor(private readonly source: Source, private readonly chunk: Chunk) {
    for (const statement of chunk.body) {
      if (statement.type === 'FunctionDeclaration' && statement.identifier?.type === 'Identifier') {
        this.define(statement.identifier.name, statement.body, statement);
      } else if ((statement.type === 'AssignmentStatement' || statement.type === 'LocalStatement') && statement.variables.length === 1) {
        const [variable] = statement.variables;
        const [value] = statement.init;
        if (variable?.type === 'Identifier' && value?.type === 'FunctionDeclaration') this.define(variable.name, value.body, statement);
      }
    }
  }

  private define(name: string, body: Statement[], node: Node): void {
    if (!this.functions.has(name)) this.functions.set(name, { body, node });
  }

  private warn(node: Node, message: string): void {
    this.diagnostics.push({ severity: 'warning', message, ...this.source.span(node) });
  }

  read(): LuaReading {
    const register = this.functions.get('register');
    if (!register) {
      this.diagnostics.push({ severity: 'warning', message: 'There is no register() function, so the block registers nothing.', line: 1, column: 1, endLine: 1, endColumn: 1 });
      return { diagnostics: this.diagnostics, registrations: [] };
    }
    const returned = firstNode(register.body, (n): n is Extract<Statement, { type: 'ReturnStatement' }> => n.type === 'ReturnStatement');
    const list = returned?.arguments[0];
    if (list?.type !== 'TableConstructorExpression') {
      this.warn(returned ?? register.node, 'register() should return a table of the names of the functions it registers, like { "welcome_mail" }.');
      return { diagnostics: this.diagnostics, registrations: [] };
    }
    const registrations: RegisteredFunction[] = [];
    const seen = new Set<string>();
    for (const field of list.fields.slice(0, MAX_REGISTERED)) {
      const name = field.type === 'TableValue' ? this.text(field.value) : null;
      if (name === null || !/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) {
        this.warn(field, 'register() should list function names as strings.');
        continue;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      const fn = this.functions.get(name);
      if (!fn) {
        this.warn(field, `register() names "${name}", but there is no function ${name}.`);
        continue;
      }
      const definition = this.definitionIn(fn.body);
      if (!definition) {
        this.warn(fn.node, `${name} is registered but defines nothing: it should return a table with an api field (when called with nil).`);
        continue;
      }
      registrations.push({ name, api: definition.api, definition: this.table(definition.table, 0) ?? emptyTable(), at: this.source.span(definition.table) });
    }
    return { diagnostics: this.diagnostics, registrations };
  }

  /** The first table constructor in source order with a literal `api` string. */
  private definitionIn(body: Statement[]): Definition | null {
    let found: Definition | null = null;
    firstNode(body, (node): node is TableConstructorExpression => {
      if (node.type !== 'TableConstructorExpression') return false;
      for (const field of node.fields) {
        if (fieldKey(field) !== 'api' || field.type === 'TableValue') continue;
        const api = this.text(field.value);
        if (api !== null) {
          found = { table: node, api: api.toUpperCase() };
          return true;
        }
      }
      return false;
    });
    return found;
  }

  private text(expression: Expression): string | null {
    return expression.type === 'StringLiteral' && expression.value !== null ? utf8Of(expression.value) : null;
  }

  /** A table constructor's literal content; null past the depth limit. */
  private table(node: TableConstructorExpression, depth: number): LuaTable | null {
    if (depth > MAX_TABLE_DEPTH) return null;
    const table = emptyTable();
    for (const field of node.fields) {
      const value = this.value(field.value, depth);
      if (value === undefined) continue;
      if (field.type === 'TableValue') table.list.push(value);
      else {
        const key = fieldKey(field);
        if (key !== null) table.fields.set(key, value);
      }
    }
    return table;
  }

  /** A literal's value; undefined for anything that is not a literal (left out of the table). */
  private value(expression: Expression, depth: number): LuaValue | undefined {
    switch (expression.type) {
      case 'StringLiteral': return this.text(expression) ?? undefined;
      case 'NumericLiteral': return expression.value;
      case 'BooleanLiteral': return expression.value;
      case 'NilLiteral': return null;
      case 'TableConstructorExpression': return this.table(expression, depth + 1) ?? undefined;
      case 'UnaryExpression':
        return expression.operator === '-' && expression.argument.type === 'NumericLiteral' ? -expression.argument.value : undefined;
      default: return undefined;
    }
  }
}

const emptyTable = (): LuaTable => ({ list: [], fields: new Map() });

function fieldKey(field: TableConstructorExpression['fields'][number]): string | null {
  if (field.type === 'TableKeyString') return field.key.name;
  if (field.type === 'TableKey' && field.key.type === 'StringLiteral' && field.key.value !== null) return utf8Of(field.key.value);
  return null;
}

/**
 * The first node in source order (depth first, without entering nested function bodies' siblings out of order) that
 * matches. Walks with an explicit stack: the tree can be as deep as the parser allowed.
 */
function firstNode<T extends Node>(roots: readonly Node[], matches: (node: Node) => node is T): T | null {
  const stack: Node[] = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (matches(node)) return node;
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}

/** A node's child nodes in source order. */
function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) children.push(value);
  }
  return children.sort((a, b) => position(a) - position(b));
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
const position = (node: Node) => (node.loc ? node.loc.start.line * 1e7 + node.loc.start.column : 0);

export const text = (table: LuaTable, key: string): string | null => {
  const v = table.fields.get(key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
};
