import { bearerToken } from '../identity/principal.js';
import type { RequestStep } from './answer-headers.js';
import { ApiProblem } from './problem.js';
import type { AppServices } from './services.js';

/** Counts every request against its bearer credential (or client address) and sets RateLimit-* on every answer. */
export function rateLimit(services: AppServices): RequestStep {
  return (c, headers) => {
    const limiter = services.rateLimiter;
    if (!limiter) return;
    const bearer = bearerToken(c.req.header('authorization'));
    const key = bearer ? `token:${bearer}` : `address:${services.clientAddress(c)}`;
    const decision = limiter.take(key, services.now().getTime());
    headers['RateLimit-Limit'] = String(decision.limit);
    headers['RateLimit-Remaining'] = String(decision.remaining);
    headers['RateLimit-Reset'] = String(decision.resetSeconds);
    if (!decision.allowed) {
      throw new ApiProblem('rate_limited', {
        detail: `More than ${decision.limit} requests in ${limiter.options.windowSeconds} s; retry after ${decision.resetSeconds} s.`,
        headers: { 'Retry-After': String(Math.max(1, decision.resetSeconds)) },
      });
    }
  };
}
