import { ApiError, NetworkError, TimeoutError } from '@fco-admin/sdk';
import type { LoadErrorKind } from '../events.js';

/** What the widgets need to know about any failure of a call: its kind, and the server's code and request id. */
export interface ClassifiedError {
  kind: LoadErrorKind;
  message: string;
  code?: string;
  requestId?: string;
  status?: number;
}

function kindOfStatus(status: number): LoadErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  // A 412 means the version the write was based on is stale: someone else changed it. A 409 is the server refusing
  // what was asked in the object's present state (the last admin, a non-empty billing entity): its own message says why.
  if (status === 412) return 'conflict';
  if (status === 409) return 'refused';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'invalid-request';
}

/**
 * Maps an error thrown by an SDK call onto the small union hosts see. A token callback that throws means the session
 * cannot be renewed, so anything that is neither an HTTP answer nor a transport failure counts as `unauthenticated`.
 */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ApiError) {
    return {
      kind: kindOfStatus(error.status),
      message: error.message,
      code: error.code,
      requestId: error.requestId,
      status: error.status,
    };
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) return { kind: 'network', message: error.message };
  if (error instanceof SessionTokenError) return { kind: 'unauthenticated', message: error.message };
  return { kind: 'server', message: error instanceof Error ? error.message : String(error) };
}

/** The host's `fetchSessionToken` callback failed or returned nothing usable. */
export class SessionTokenError extends Error {
  override name = 'SessionTokenError';
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
