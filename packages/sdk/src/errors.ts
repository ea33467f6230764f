// The errors a call can reject with. HTTP error answers become ApiError (a subclass by status); transport failures
// are NetworkError or TimeoutError; aborts reject with the signal's reason (a standard AbortError by default).
import type { components } from './generated/schema.js';
import { parseRetryAfter } from './retry-after.js';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** An HTTP error answer. `problem` is the RFC 9457 body, or one built from the status when the body was not one. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly requestId: string;
  readonly problem: Problem;
  /** The answer itself (its body already read), for headers such as RateLimit-*. */
  readonly response: Response | undefined;

  constructor(problem: Problem, response?: Response) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.requestId = problem.requestId;
    this.response = response;
  }
}

export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
export class UnauthorizedError extends ApiError {
  override name = 'UnauthorizedError';
}
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
export class PreconditionFailedError extends ApiError {
  override name = 'PreconditionFailedError';
}
/** A write went out without If-Match (428): read the object and send its ETag (`ifMatch: theObject`). */
export class PreconditionRequiredError extends ApiError {
  override name = 'PreconditionRequiredError';
}
export class ValidationError extends ApiError {
  override name = 'ValidationError';
}
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  /** Seconds the server asked to wait (from Retry-After), when it said. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, response?: Response) {
    super(problem, response);
    const ms = parseRetryAfter(response?.headers.get('retry-after') ?? null);
    this.retryAfter = ms === undefined ? undefined : ms / 1000;
  }
}
export class ServerError extends ApiError {
  override name = 'ServerError';
}

/** The request never got an HTTP answer (connection refused or reset, DNS, CORS, a throwing fetch handler). */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(readonly timeout: number) {
    super(`The request timed out after ${timeout} ms`);
  }
}

const errorClassByStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: ValidationError,
  428: PreconditionRequiredError,
  429: RateLimitError,
};

export function apiErrorFor(problem: Problem, response?: Response): ApiError {
  const ErrorClass = errorClassByStatus[problem.status] ?? (problem.status >= 500 ? ServerError : ApiError);
  return new ErrorClass(problem, response);
}

function isProblem(value: unknown, status: number): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return candidate.status === status && typeof candidate.title === 'string' && typeof candidate.code === 'string';
}

/** Reads an error answer into the matching ApiError; a body that is not problem+json is kept as `detail`. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isProblem(parsed, response.status)) {
    const problem = { ...parsed, requestId: parsed.requestId ?? response.headers.get('x-request-id') ?? '' };
    return apiErrorFor(problem, response);
  }
  const detail = text.trim().slice(0, 4000);
  return apiErrorFor(
    {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      code: 'unexpected_response',
      requestId: response.headers.get('x-request-id') ?? '',
      ...(detail ? { detail } : {}),
    },
    response,
  );
}
