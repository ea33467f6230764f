/**
 * The record editor's model: a request body's schema (the SDK's `metadata.<operation>Body`) turned into form fields,
 * a record turned into form values, and form values turned back into a body (for a merge patch, only what changed).
 * Values are kept flat by JSON pointer (`/address/city`), which is also how the server's 422 errors name fields.
 */
import type { BodyField } from '@fco-admin/sdk';

/** A form value: text for every input, a boolean for checkboxes. */
export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

export interface FormField {
  /** JSON pointer into the body (`/name`, `/address/city`). */
  pointer: string;
  /** The last segment: the label's key. */
  name: string;
  schema: BodyField;
  required: boolean;
  /** The object this field sits in, when it is not the body itself (fields of one group share it). */
  group?: { pointer: string; name: string };
}

type ObjectField = Extract<BodyField, { kind: 'object' }>;

const MONEY_PARTS: ObjectField = {
  kind: 'object',
  properties: { amount: { kind: 'decimal', pattern: '^-?[0-9]{1,15}(\\.[0-9]{1,6})?$' }, currency: { kind: 'text', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 } },
  required: ['amount', 'currency'],
};

function asObject(schema: BodyField): ObjectField | undefined {
  if (schema.kind === 'object') return schema as ObjectField;
  if (schema.kind === 'money') return MONEY_PARTS;
  return undefined;
}

/** The leaf fields of the chosen body properties; an object property contributes its own fields as a group. */
export function formFields(body: BodyField, names: readonly string[]): FormField[] {
  const root = asObject(body);
  if (!root) throw new Error('A form body must be an object');
  const fields: FormField[] = [];
  for (const name of names) {
    const schema = root.properties[name];
    if (!schema) throw new Error(`The body has no field ${name}`);
    const pointer = `/${name}`;
    const nested = asObject(schema);
    if (nested) {
      for (const [child, childSchema] of Object.entries(nested.properties)) {
        fields.push({ pointer: `${pointer}/${child}`, name: child, schema: childSchema, required: nested.required.includes(child), group: { pointer, name } });
      }
    } else fields.push({ pointer, name, schema, required: root.required.includes(name) });
  }
  return fields;
}

function at(value: unknown, pointer: string): unknown {
  let current = value;
  for (const key of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** `2026-11-27T10:15:00Z` → `2026-11-27T10:15` in local time, what `<input type="datetime-local">` holds. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function toFormValue(schema: BodyField, value: unknown): FormValue {
  if (schema.kind === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  // A decimal the record holds as money (`creditLimit: { amount, currency }`) is edited as its amount.
  if (schema.kind === 'decimal' && typeof value === 'object') return String((value as { amount?: unknown }).amount ?? '');
  if (schema.kind === 'date-time' && typeof value === 'string') return toLocalInput(value);
  if (schema.kind === 'array') return (value as unknown[]).map(String).join('\n');
  return String(value);
}

/** The form's values for `record`: each field's value at its pointer. */
export function formValues(fields: readonly FormField[], record: unknown): FormValues {
  return Object.fromEntries(fields.map((field) => [field.pointer, toFormValue(field.schema, at(record, field.pointer))]));
}

/** A form value as the body wants it; `undefined` leaves the field out. */
function fromFormValue(field: FormField, value: FormValue): unknown {
  const { schema } = field;
  if (typeof value === 'boolean') return value;
  const text = value.trim();
  if (text === '') {
    if (schema.nullable) return null;
    return field.required ? '' : undefined;
  }
  switch (schema.kind) {
    case 'integer':
    case 'number':
      return Number(text);
    case 'date-time':
      return new Date(text).toISOString();
    case 'array':
      return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    default:
      // Names and codes are sent as typed (only surrounding spaces go); long texts keep their inner lines.
      return schema.kind === 'text' && (schema.maxLength ?? 0) > 1000 ? value : text;
  }
}

function put(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1);
  let current = target;
  for (const key of keys.slice(0, -1)) {
    current[key] ??= {};
    current = current[key] as Record<string, unknown>;
  }
  current[keys.at(-1)!] = value;
}

/**
 * The request body of the form. With `base`, a JSON Merge Patch: only fields whose value differs from `base` (what
 * the edit started from), so a concurrent change to another field is not overwritten.
 */
export function bodyOf(fields: readonly FormField[], values: FormValues, base?: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.pointer] ?? '';
    if (base && value === (base[field.pointer] ?? '')) continue;
    const converted = fromFormValue(field, value);
    if (converted !== undefined) put(body, field.pointer, converted);
  }
  return body;
}

/**
 * Fields whose value does not match the schema's pattern. Checked here rather than with the `pattern` attribute,
 * whose `v`-flag syntax rejects some of the spec's (JSON Schema, ECMA-262) patterns outright.
 */
export function patternMismatches(fields: readonly FormField[], values: FormValues): string[] {
  return fields
    .filter((field) => {
      const pattern = 'pattern' in field.schema ? field.schema.pattern : undefined;
      const value = values[field.pointer];
      return pattern !== undefined && typeof value === 'string' && value.trim() !== '' && !new RegExp(pattern, 'u').test(value.trim());
    })
    .map((field) => field.pointer);
}
