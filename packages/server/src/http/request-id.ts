/** X-Request-Id: the caller's (if sane) or a new one; on every response and in every problem body. */
import type { Context } from 'hono';
import type { RequestStep } from './answer-headers.js';

const SANE = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(c: Context): string {
  return (c.get('requestId' as never) as string | undefined) ?? 'req_unknown';
}

export function requestId(): RequestStep {
  return (c, headers) => {
    const given = c.req.header('x-request-id');
    const id = given && SANE.test(given) ? given : `req_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
    c.set('requestId' as never, id as never);
    headers['X-Request-Id'] = id;
  };
}
