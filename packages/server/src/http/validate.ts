/** Request validation against the operation's parameters and body schema (spec-driven, one place). */
import type { Context } from 'hono';
import type { ValidateFunction } from 'ajv';
import { parameterSchema, coerceParameter, toFieldErrors, validatorAt, validatorFor } from '../spec/validator.js';
import { escapePointer, type OperationSpec, type ParameterSpec } from '../spec/document.js';
import { ApiProblem } from './problem.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ValidatedRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  rawBody: string;
}

/** What checking an operation's parameters needs, found once per operation (it runs on every request). */
interface ParameterChecks {
  query: ReadonlyMap<string, ParameterSpec>;
  headers: readonly ParameterSpec[];
  validators: ReadonlyArray<readonly ['path' | 'query' | 'header', ValidateFunction]>;
}

const parameterChecksOf = new WeakMap<OperationSpec, ParameterChecks>();

function parameterChecks(op: OperationSpec): ParameterChecks {
  let checks = parameterChecksOf.get(op);
  if (!checks) {
    const validator = (location: 'path' | 'query' | 'header') => [location, validatorFor(parameterSchema(op, location), `${op.operationId}:${location}`)] as const;
    checks = {
      query: new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p])),
      headers: op.parameters.filter((p) => p.in === 'header'),
      validators: [validator('path'), validator('query'), validator('header')],
    };
    parameterChecksOf.set(op, checks);
  }
  return checks;
}

export function validateParameters(op: OperationSpec, c: Context): { params: Record<string, string>; query: Record<string, unknown> } {
  // Before anything is looked up, so the answer is the same for every id (it reveals nothing about other tenants).
  if (op.requiresIfMatch && (c.req.header('if-match') ?? '').trim() === '') {
    throw new ApiProblem('precondition_required', {
      detail: 'This write needs If-Match: send the ETag of the version you read, so that nobody else\'s change is overwritten.',
      errors: [{ location: 'header', pointer: 'If-Match', code: 'required', message: 'is required' }],
    });
  }
  const checks = parameterChecks(op);
  const params = c.req.param() as Record<string, string>;
  const query: Record<string, unknown> = {};
  const url = c.req.url;
  const start = url.indexOf('?');
  for (const [name, value] of start === -1 ? [] : new URLSearchParams(url.slice(start + 1))) {
    if (name in query) {
      throw new ApiProblem('invalid_parameter', {
        detail: `The query parameter "${name}" is given more than once.`,
        errors: [{ location: 'query', pointer: name, code: 'duplicate', message: 'given more than once' }],
      });
    }
    const spec = checks.query.get(name);
    query[name] = spec ? coerceParameter(value, spec) : value;
  }
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.includes(NUL)) throw nulProblem('invalid_parameter', 'query', name);
  }
  const headers: Record<string, unknown> = {};
  for (const p of checks.headers) {
    const value = c.req.header(p.name);
    if (value !== undefined) headers[p.name.toLowerCase()] = coerceParameter(value, p);
  }
  const values = { path: params, query, header: headers };
  for (const [location, validate] of checks.validators) {
    if (!validate(values[location])) {
      const errors = toFieldErrors(validate.errors, location);
      const unknown = errors.find((e) => e.code === 'unknown_field');
      throw new ApiProblem('invalid_parameter', {
        detail: unknown
          ? `Unknown query parameter "${unknown.pointer}"`
          : errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
        errors,
      });
    }
  }
  return { params, query };
}


export async function readBody(op: OperationSpec, c: Context): Promise<{ body: unknown; rawBody: string }> {
  if (!op.requestBody) return { body: undefined, rawBody: '' };
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const raw = await c.req.text();
  if (raw.length > MAX_BODY_BYTES) throw new ApiProblem('payload_too_large', { detail: `The body is larger than ${MAX_BODY_BYTES} bytes.` });
  if (raw.trim() === '') {
    if (op.requestBody.required) {
      throw new ApiProblem('validation_failed', {
        detail: 'This operation needs a body.',
        errors: [{ location: 'body', pointer: '/', code: 'required', message: 'a body is required' }],
      });
    }
    return { body: undefined, rawBody: '' };
  }
  const accepted = op.requestBody.contentTypes;
  // A merge-patch body sent as plain JSON is accepted: clients often send application/json for both.
  const acceptable = accepted.includes(contentType) || (contentType === 'application/json' && accepted.includes('application/merge-patch+json'));
  if (!acceptable) {
    throw new ApiProblem('unsupported_media_type', { detail: `Send the body as ${accepted.join(' or ')}.` });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    throw new ApiProblem('invalid_json', {
      detail: `The body is not valid JSON: ${(error as Error).message}`,
      errors: [{ location: 'body', pointer: '/', code: 'invalid_json', message: (error as Error).message }],
    });
  }
  const validate = validatorAt(op.requestBody.schemaPointer);
  if (!validate(body)) {
    // Names the caller can read in the response but never set answer `read_only_field`, not `unknown_field`.
    const readOnly = new Set(Object.keys((op.responseSchema?.properties ?? {}) as Record<string, unknown>));
    for (const name of Object.keys((op.requestBody.schema.properties ?? {}) as Record<string, unknown>)) readOnly.delete(name);
    const errors = toFieldErrors(validate.errors, 'body', readOnly);
    const code = errors.some((e) => e.code === 'read_only_field')
      ? 'read_only_field'
      : errors.every((e) => e.code === 'unknown_field')
        ? 'unknown_field'
        : 'validation_failed';
    throw new ApiProblem(code, { detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), errors });
  }
  const nulAt = pointerToNul(body);
  if (nulAt !== null) throw nulProblem('validation_failed', 'body', nulAt);
  return { body, rawBody: raw };
}

// PostgreSQL text cannot hold U+0000, so neither dialect accepts it: the same request gets the same answer on both.
const NUL = '\u0000';

function nulProblem(code: 'invalid_parameter' | 'validation_failed', location: 'query' | 'body', pointer: string): ApiProblem {
  const message = 'must not contain the NUL character (U+0000)';
  return new ApiProblem(code, { detail: `${pointer}: ${message}`, errors: [{ location, pointer, code: 'invalid_character', message }] });
}

/** The JSON pointer of the first string or property name in a value that contains U+0000, or null. */
function pointerToNul(value: unknown, pointer = ''): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? pointer || '/' : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pointerToNul(item, `${pointer}/${i}`);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (key.includes(NUL)) return at;
      const found = pointerToNul(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}
