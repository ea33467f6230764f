import type { MiddlewareHandler } from 'hono';
import { addAnswerHeaders } from './answer-headers.js';
import { ApiProblem } from './problem.js';
import type { AppServices } from './services.js';

/** Counts every request against its bearer credential (or client address) and sets RateLimit-* on every answer. */
export function rateLimit(services: AppServices): MiddlewareHandler {
  return async (c, next) => {
    const limiter = services.rateLimiter;
    if (!limiter) return next();
    const bearer = /^Bearer\s+(\S+)/i.exec(c.req.header('authorization') ?? '')?.[1];
    const key = bearer ? `token:${bearer}` : `address:${services.clientAddress(c)}`;
    const decision = limiter.take(key, services.now().getTime());
    addAnswerHeaders(c, {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    });
    if (!decision.allowed) {
      throw new ApiProblem('rate_limited', {
        detail: `More than ${decision.limit} requests in ${limiter.options.windowSeconds} s; retry after ${decision.resetSeconds} s.`,
        headers: { 'Retry-After': String(Math.max(1, decision.resetSeconds)) },
      });
    }
    return next();
  };
}
