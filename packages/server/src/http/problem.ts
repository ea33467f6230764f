/**
 * The one renderer of the server's one error type: problem+json bodies (RFC 9457) for an ApiProblem. The type itself
 * lives in ../problem.ts so that layers below HTTP (the store, identity) raise it without importing this layer.
 */
import { ApiProblem, problemTitle, type FieldError } from '../problem.js';

export { ApiProblem, unknownReferenceError, type FieldError, type ProblemCode, type ProblemOptions } from '../problem.js';

export const PROBLEM_TYPE_BASE = 'https://fco-admin.dev/problems/';

/** The problem+json body for a problem; unknown errors become a detail-free `internal`. */
export function problemBody(problem: ApiProblem, requestId: string, instance?: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: PROBLEM_TYPE_BASE + problem.code,
    title: problemTitle(problem.code),
    status: problem.status,
    code: problem.code,
    requestId,
  };
  if (problem.detail !== undefined) body.detail = problem.detail.slice(0, 4000);
  if (instance !== undefined) body.instance = instance.slice(0, 2048);
  if (problem.errors?.length) body.errors = problem.errors.slice(0, 100).map(clipFieldError);
  return body;
}

function clipFieldError(e: FieldError): FieldError {
  const clipped: FieldError = { location: e.location, pointer: e.pointer.slice(0, 1024), code: e.code.slice(0, 64), message: e.message.slice(0, 1000) };
  if (e.line !== undefined && e.column !== undefined) Object.assign(clipped, { line: e.line, column: e.column });
  return clipped;
}

export function toApiProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem('internal');
}
