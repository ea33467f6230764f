/**
 * CORS from the billing entities' allowed origins: a browser on one of them may call the API with a bearer token
 * (no cookies, so no credentials mode). The origin list is re-read at most every few seconds.
 */
import type { MiddlewareHandler } from 'hono';
import { BillingTree, billingTreeGeneration } from '../identity/billing-tree.js';
import type { AppServices } from './services.js';

const CACHE_MS = 3000;
const ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id';
const EXPOSE_HEADERS = 'ETag, Location, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, WWW-Authenticate, Idempotent-Replayed';

export function cors(services: AppServices): MiddlewareHandler {
  let cached: { at: number; generation: number; tree: BillingTree } | null = null;
  const allowed = async (origin: string) => {
    const now = Date.now();
    const generation = billingTreeGeneration();
    if (!cached || now - cached.at > CACHE_MS || cached.generation !== generation) {
      cached = { at: now, generation, tree: await BillingTree.load(services.store.db) };
    }
    return cached.tree.isAllowedOrigin(origin);
  };
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && (await allowed(origin));
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      const headers: Record<string, string> = { Vary: 'Origin' };
      if (ok) {
        headers['Access-Control-Allow-Origin'] = origin!;
        headers['Access-Control-Allow-Methods'] = 'GET, POST, PATCH, PUT, DELETE';
        headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (ok) {
      c.res.headers.set('Access-Control-Allow-Origin', origin!);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  };
}
