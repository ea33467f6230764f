/**
 * CORS from the billing entities' allowed origins: a browser on one of them may call the API with a bearer token
 * (no cookies, so no credentials mode). The origins come from the billing entity tree, read once per change.
 */
import type { Context } from 'hono';
import { BillingTree } from '../identity/billing-tree.js';
import { operations } from '../spec/document.js';
import { answer, type RequestStep } from './answer-headers.js';
import type { AppServices } from './services.js';

// Every header parameter of the spec (If-Match, Idempotency-Key, the change stream's Last-Event-ID…) besides these.
const ALLOW_HEADERS = [
  ...new Set(['Authorization', 'Content-Type', 'X-Request-Id', ...[...operations.values()].flatMap((op) => op.parameters.filter((p) => p.in === 'header').map((p) => p.name))]),
].join(', ');
// Content-Disposition carries a download's file name (an invoice's PDF, a report's CSV), which pages on another origin read.
const EXPOSE_HEADERS = 'ETag, Location, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, WWW-Authenticate, Idempotent-Replayed, Content-Disposition';

export function cors(services: AppServices): RequestStep {
  const allowed = async (origin: string) => (await BillingTree.current(services.store)).isAllowedOrigin(origin);
  const preflight = (c: Context, origin: string | undefined, ok: boolean) => {
    const headers: Record<string, string> = {};
    if (ok) {
      headers['Access-Control-Allow-Origin'] = origin!;
      headers['Access-Control-Allow-Methods'] = 'GET, POST, PATCH, PUT, DELETE';
      headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
      headers['Access-Control-Max-Age'] = '600';
    }
    return answer(c, 204, null, headers);
  };
  const decide = (c: Context, headers: Record<string, string>, origin: string | undefined, ok: boolean) => {
    headers.Vary = 'Origin';
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) return preflight(c, origin, ok);
    if (ok) {
      headers['Access-Control-Allow-Origin'] = origin!;
      headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
    }
    return undefined;
  };
  return (c, headers) => {
    const origin = c.req.header('origin');
    // Only a request from a browser page names its origin; the others need not wait for the billing entity tree.
    if (origin === undefined) return decide(c, headers, origin, false);
    return allowed(origin).then((ok) => decide(c, headers, origin, ok));
  };
}
