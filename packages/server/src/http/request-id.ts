/** X-Request-Id: the caller's (if sane) or a new one; on every response and in every problem body. */
import type { Context } from 'hono';
import type { RequestStep } from './answer-headers.js';

const SANE = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(c: Context): string {
  return (c.get('requestId' as never) as string | undefined) ?? 'req_unknown';
}

/** `req_` and the first 20 hex digits of a random UUID (8-4-4-4-12: the dashes at 8, 13 and 18 left out). */
function newRequestId(): string {
  const uuid = crypto.randomUUID();
  return `req_${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(14, 18)}${uuid.slice(19, 23)}`;
}

export function requestId(): RequestStep {
  return (c, headers) => {
    const given = c.req.header('x-request-id');
    const id = given && SANE.test(given) ? given : newRequestId();
    c.set('requestId' as never, id as never);
    headers['X-Request-Id'] = id;
  };
}
