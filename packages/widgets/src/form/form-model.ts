/**
 * The record editor's model. A request body's schema (the SDK's `metadata.<operation>Body`) describes the form; the
 * form's state is a tree of the same shape whose leaves are what the inputs hold (text, or a boolean for a checkbox;
 * a list of texts for an array of plain values; rows for an array of objects). This module turns a record into that
 * tree, the tree back into a body — for a merge patch only what changed, down to the field inside an object — and
 * walks it by JSON pointer (`/address/city`, `/components/0/name`), which is how the server's 422 errors name fields.
 */
import type { BodyField } from '@fco-admin/sdk';

export type FormTree = string | boolean | FormTree[] | { [field: string]: FormTree };
type ObjectField = Extract<BodyField, { kind: 'object' }>;
type ArrayField = Extract<BodyField, { kind: 'array' }>;

const MONEY: ObjectField = {
  kind: 'object',
  properties: { amount: { kind: 'decimal', pattern: '^-?[0-9]{1,15}(\\.[0-9]{1,6})?$' }, currency: { kind: 'text', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 } },
  required: ['amount', 'currency'],
};

/** The object schema a field has (money is edited as its amount and currency), or undefined for other kinds. */
export function objectOf(schema: BodyField): ObjectField | undefined {
  if (schema.kind === 'object') return schema as ObjectField;
  if (schema.kind === 'money') return MONEY;
  return undefined;
}

/** The body's schema narrowed to the fields a form edits, in the order given. */
export function pick(body: BodyField, names: readonly string[]): ObjectField {
  const root = objectOf(body);
  if (!root) throw new Error('A form body must be an object');
  const properties: Record<string, BodyField> = {};
  for (const name of names) {
    const schema = root.properties[name];
    if (!schema) throw new Error(`The body has no field ${name}`);
    properties[name] = schema;
  }
  return { kind: 'object', properties, required: root.required.filter((name) => names.includes(name)) };
}

/** `2026-11-27T10:15:00Z` → `2026-11-27T10:15` in local time, what `<input type="datetime-local">` holds. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What the inputs show for `value` (a record's field) under `schema`. */
export function toForm(schema: BodyField, value: unknown): FormTree {
  const object = objectOf(schema);
  if (object) {
    const source = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(object.properties).map(([key, child]) => [key, toForm(child, source[key])]));
  }
  if (schema.kind === 'array') {
    const items = Array.isArray(value) ? value : [];
    return items.map((item) => toForm((schema as ArrayField).items, item));
  }
  if (schema.kind === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  // A decimal the record holds as money (`creditLimit: { amount, currency }`) is edited as its amount.
  if (schema.kind === 'decimal' && typeof value === 'object') return String((value as { amount?: unknown }).amount ?? '');
  if (schema.kind === 'date-time' && typeof value === 'string') return toLocalInput(value);
  return String(value);
}

/** The body value of a form tree; undefined leaves it out (an empty optional field). */
export function fromForm(schema: BodyField, tree: FormTree, required: boolean): unknown {
  const object = objectOf(schema);
  if (object) {
    const source = tree !== null && typeof tree === 'object' && !Array.isArray(tree) ? tree : {};
    const body: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(object.properties)) {
      const value = fromForm(child, source[key] ?? '', object.required.includes(key));
      if (value !== undefined) body[key] = value;
    }
    if (Object.keys(body).length === 0 && !required) return schema.nullable ? null : undefined;
    return body;
  }
  if (schema.kind === 'array') {
    const rows = (Array.isArray(tree) ? tree : []).map((row) => fromForm((schema as ArrayField).items, row, true));
    // Plain values typed one per line: blank lines are not values.
    return rows.filter((row) => row !== undefined && row !== '');
  }
  if (typeof tree === 'boolean') return tree;
  const text = typeof tree === 'string' ? tree : '';
  if (text.trim() === '') {
    if (schema.nullable) return null;
    return required ? '' : undefined;
  }
  switch (schema.kind) {
    case 'integer':
    case 'number':
      return Number(text.trim());
    case 'date-time':
      return new Date(text).toISOString();
    case 'text':
      // Long texts (code, descriptions) keep their lines and spaces; names and codes lose surrounding spaces.
      return (schema.maxLength ?? 0) > 1000 ? text : text.trim();
    default:
      return text.trim();
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A JSON Merge Patch from what the edit started at (`base`) to the form now: only changed fields, recursively inside
 * objects, so a concurrent change to another field of the same object is kept; an array is sent whole.
 */
export function patchOf(schema: ObjectField, base: FormTree, now: FormTree): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const from = base as Record<string, FormTree>;
  const to = now as Record<string, FormTree>;
  for (const [key, child] of Object.entries(schema.properties)) {
    if (same(from[key], to[key])) continue;
    if (child.kind === 'object') patch[key] = patchOf(child as ObjectField, from[key] ?? {}, to[key] ?? {});
    else patch[key] = fromForm(child, to[key] ?? '', schema.required.includes(key)) ?? null;
  }
  return patch;
}

/** The tree's value at a JSON pointer. */
export function getAt(tree: FormTree, pointer: string): FormTree | undefined {
  let current: FormTree | undefined = tree;
  for (const key of pointer.split('/').slice(1)) {
    if (current === undefined || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

/** A new tree with `value` at `pointer` (the rest shared). */
export function setAt(tree: FormTree, pointer: string, value: FormTree): FormTree {
  const [, key, ...rest] = pointer.split('/');
  if (key === undefined) return value;
  const child = rest.length === 0 ? value : setAt(getAt(tree, `/${key}`) ?? {}, `/${rest.join('/')}`, value);
  if (Array.isArray(tree)) return tree.map((item, i) => (i === Number(key) ? child : item));
  return { ...(tree as Record<string, FormTree>), [key]: child };
}

/** The tree's fields by pointer: objects opened up, arrays and plain values as one field each (for the merge view). */
/** Errors by pointer without the one at `pointer` (the field was just changed): the same map when it had none. */
export function withoutError<E>(errors: Map<string, E>, pointer: string): Map<string, E> {
  if (!errors.has(pointer)) return errors;
  const rest = new Map(errors);
  rest.delete(pointer);
  return rest;
}

export function fieldsOf(schema: BodyField, tree: FormTree, pointer = ''): Map<string, FormTree> {
  const object = objectOf(schema);
  const found = new Map<string, FormTree>();
  if (object) {
    for (const [key, child] of Object.entries(object.properties)) {
      for (const [p, v] of fieldsOf(child, getAt(tree, `/${key}`) ?? '', `${pointer}/${key}`)) found.set(p, v);
    }
  } else found.set(pointer, tree);
  return found;
}

/**
 * Fields whose value does not match the schema's pattern, inside array rows too. Checked here rather than with the
 * `pattern` attribute, whose `v`-flag syntax rejects some of the spec's (JSON Schema, ECMA-262) patterns outright.
 */
export function patternMismatches(schema: BodyField, tree: FormTree, pointer = ''): string[] {
  const object = objectOf(schema);
  if (object) return Object.entries(object.properties).flatMap(([key, child]) => patternMismatches(child, getAt(tree, `/${key}`) ?? '', `${pointer}/${key}`));
  if (schema.kind === 'array') {
    return (Array.isArray(tree) ? tree : []).flatMap((row, i) => patternMismatches((schema as ArrayField).items, row, `${pointer}/${i}`));
  }
  const pattern = 'pattern' in schema ? schema.pattern : undefined;
  return pattern !== undefined && typeof tree === 'string' && tree.trim() !== '' && !new RegExp(pattern, 'u').test(tree.trim()) ? [pointer] : [];
}
