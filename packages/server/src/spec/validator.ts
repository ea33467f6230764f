/**
 * Ajv (JSON Schema 2020-12) over the spec: validators are compiled per operation, lazily, from JSON pointers into the
 * one document, so the server checks requests (and the tests check responses) against exactly what the spec says.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '../problem.js';
import { spec, type JsonSchema, type OperationSpec, type ParameterSpec } from './document.js';

const SPEC_ID = 'fco-admin.json';

function createAjv() {
  // strict off: the document carries OpenAPI keywords (example, x-fco-list, ...) next to JSON Schema ones.
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true, validateSchema: false });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  ajv.addFormat('password', true);
  ajv.addSchema(spec as object, SPEC_ID);
  return ajv;
}

const ajv = createAjv();
const cache = new Map<string, ValidateFunction>();

/** A validator for the schema at a JSON pointer of the spec (`#/components/schemas/Customer`). */
export function validatorAt(pointer: string): ValidateFunction {
  let fn = cache.get(pointer);
  if (!fn) {
    fn = ajv.compile({ $ref: SPEC_ID + pointer });
    cache.set(pointer, fn);
  }
  return fn;
}

export function validatorFor(schema: JsonSchema, key: string): ValidateFunction {
  let fn = cache.get(key);
  if (!fn) {
    fn = ajv.compile(rebase(schema));
    cache.set(key, fn);
  }
  return fn;
}

/** Rewrites local `#/...` refs of a schema fragment so they point into the registered document. */
function rebase(node: unknown): any {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? SPEC_ID + v : rebase(v);
    return out;
  }
  return node;
}

/** Field errors in the Problem's `errors[]` shape. `readOnly` names fields the caller may read but never set. */
export function toFieldErrors(
  errors: ErrorObject[] | null | undefined,
  location: FieldError['location'],
  readOnly: ReadonlySet<string> = new Set(),
): FieldError[] {
  const result: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let pointer = e.instancePath || '/';
    let code = e.keyword;
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      pointer = `${e.instancePath}/${name}`;
      const topLevel = e.instancePath === '';
      code = topLevel && readOnly.has(name) ? 'read_only_field' : 'unknown_field';
      message = code === 'read_only_field' ? `"${name}" cannot be set` : `unknown field "${name}"`;
    } else if (e.keyword === 'required') {
      pointer = `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    }
    if (location !== 'body') pointer = pointer.replace(/^\//, '').split('/')[0] || pointer;
    const key = `${pointer}|${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ location, pointer, code, message });
  }
  // oneOf/anyOf noise ("must match exactly one schema") only helps when nothing more precise was found.
  const precise = result.filter((r) => r.code !== 'oneOf' && r.code !== 'anyOf');
  return precise.length ? precise : result;
}

/** Converts raw query/path/header strings to the types their schemas declare, so Ajv can check them. */
export function coerceParameter(raw: string, param: ParameterSpec): unknown {
  const type = (param.schema as { type?: unknown }).type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** One object schema per location for an operation's parameters. */
export function parameterSchema(op: OperationSpec, location: ParameterSpec['in']): JsonSchema {
  const params = op.parameters.filter((p) => p.in === location);
  const properties: Record<string, JsonSchema> = {};
  for (const p of params) properties[location === 'header' ? p.name.toLowerCase() : p.name] = p.schema;
  return {
    type: 'object',
    properties,
    required: params.filter((p) => p.required).map((p) => (location === 'header' ? p.name.toLowerCase() : p.name)),
    // Unknown query parameters are a caller's mistake; unknown headers are normal.
    additionalProperties: location === 'query' ? false : true,
  };
}
