/**
 * The one error type of the server. Every failure a caller can see — bad input, auth, tenancy, state conflicts — is
 * an ApiProblem, raised by whichever layer finds it (the store, identity, the areas) and rendered as problem+json by
 * the HTTP layer (http/problem.ts); anything else becomes a 500 `internal` without details.
 */
import type { Schema } from './spec/types.js';

export type ProblemCode =
  | 'bad_request' | 'invalid_json' | 'invalid_parameter' | 'invalid_filter' | 'invalid_order_by'
  | 'invalid_page_token' | 'search_too_short' | 'validation_failed' | 'unknown_field' | 'read_only_field' | 'unauthenticated'
  | 'token_expired' | 'invalid_credentials' | 'origin_not_allowed' | 'forbidden' | 'not_found' | 'conflict'
  | 'invalid_state' | 'precondition_failed' | 'precondition_required' | 'idempotency_key_reused' | 'rate_limited'
  | 'unsupported_media_type' | 'payload_too_large' | 'not_implemented' | 'internal';

export type FieldError = Schema<'FieldError'>;

const TITLES: Record<ProblemCode, string> = {
  bad_request: 'The request is malformed',
  invalid_json: 'The body is not valid JSON',
  invalid_parameter: 'A parameter is not valid',
  invalid_filter: 'The filter is not valid',
  invalid_order_by: 'The order is not valid',
  invalid_page_token: 'The page token is not valid',
  search_too_short: 'The search needs more letters',
  validation_failed: 'The request is not valid',
  unknown_field: 'The body has a field this operation does not know',
  read_only_field: 'The body sets a field that cannot be set',
  unauthenticated: 'Authentication required',
  token_expired: 'The session has expired',
  invalid_credentials: 'Wrong email or password',
  origin_not_allowed: 'The origin is not allowed',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  invalid_state: 'Not possible in this state',
  precondition_failed: 'The object has changed',
  precondition_required: 'If-Match is required',
  idempotency_key_reused: 'The idempotency key was used with another request',
  rate_limited: 'Too many requests',
  unsupported_media_type: 'Unsupported media type',
  payload_too_large: 'The body is too large',
  not_implemented: 'Not implemented yet',
  internal: 'Internal error',
};

// The spec declares 400 (not 413/415) for every malformed request; the code says which kind.
const STATUS: Record<ProblemCode, number> = {
  bad_request: 400, invalid_json: 400, invalid_parameter: 400, invalid_filter: 400, invalid_order_by: 400,
  invalid_page_token: 400, search_too_short: 400, validation_failed: 422, unknown_field: 422, read_only_field: 422, unauthenticated: 401,
  token_expired: 401, invalid_credentials: 401, origin_not_allowed: 401, forbidden: 403, not_found: 404,
  conflict: 409, invalid_state: 409, precondition_failed: 412, precondition_required: 428, idempotency_key_reused: 422, rate_limited: 429,
  unsupported_media_type: 400, payload_too_large: 400, not_implemented: 501, internal: 500,
};

export interface ProblemOptions {
  status?: number;
  detail?: string;
  errors?: FieldError[];
  /** Extra response headers (WWW-Authenticate, Retry-After). */
  headers?: Record<string, string>;
}

export class ApiProblem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, options: ProblemOptions = {}) {
    super(options.detail ?? TITLES[code]);
    this.name = 'ApiProblem';
    this.code = code;
    this.status = options.status ?? STATUS[code];
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  static notFound(what = 'object'): ApiProblem {
    return new ApiProblem('not_found', { detail: `No such ${what}.` });
  }

  /**
   * A body field names an object that does not exist or that the caller may not see: 422 pointing at the field.
   * (404 is only for the object the path addresses.) Both cases answer alike, so another tenant's ids stay unconfirmed.
   */
  static unknownReference(pointer: string, what: string): ApiProblem {
    const error = unknownReferenceError(pointer, what);
    return new ApiProblem('validation_failed', { detail: `${pointer}: ${error.message}`, errors: [error] });
  }
}

/** The field error of a reference to an object that does not exist or is out of the caller's scope. */
export function unknownReferenceError(pointer: string, what: string): FieldError {
  return { location: 'body', pointer, code: 'not_found', message: `No such ${what}.` };
}

/** The human title of a problem code (the same for every problem of that code). */
export function problemTitle(code: ProblemCode): string {
  return TITLES[code];
}
