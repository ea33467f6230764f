/**
 * The headers every answer carries (the request id, the security headers, CORS, RateLimit-*), gathered per request
 * into one plain object before the handler runs, by one middleware running each concern's step in turn (one layer of
 * Hono's middleware chain instead of five: at fifty clients each layer was several percent of a request's cost). An
 * operation answers with that object whole: @hono/node-server writes a plain object's headers straight out, where
 * headers set on an answer afterwards make it build a Headers object and copy it again, a quarter of a small answer's
 * cost. Any other answer (the docs page, a file, an event stream) gets them set on it after its handler.
 */
import type { Context, MiddlewareHandler } from 'hono';

const KEY = 'answerHeaders' as never;
/** Answers made with the request's headers already in them. */
const complete = new WeakSet<Response>();

/**
 * One concern's part of every request, before its handler: adds to the headers its answer carries; may answer the
 * request itself (a preflight) or refuse it (by throwing an ApiProblem, answered with the headers added so far).
 */
export type RequestStep = (c: Context, headers: Record<string, string>) => void | Response | Promise<void | Response>;

function headersOf(c: Context): Record<string, string> {
  return (c.get(KEY) as Record<string, string> | undefined) ?? {};
}

/** An answer with the request's headers and its own (which win; a Vary of its own adds to the request's). */
export function answer(c: Context, status: number, body: string | Uint8Array | null, own: Record<string, string>): Response {
  const common = headersOf(c);
  const headers = { ...common, ...own };
  if (own.Vary !== undefined && common.Vary !== undefined) headers.Vary = `${common.Vary}, ${own.Vary}`;
  const response = new Response(body as BodyInit | null, { status, headers });
  complete.add(response);
  return response;
}

/** The only middleware: runs the steps in order, then sets the request's headers on an answer made without them. */
export function answerHeaders(steps: readonly RequestStep[]): MiddlewareHandler {
  return async (c, next) => {
    const headers: Record<string, string> = {};
    c.set(KEY, headers as never);
    for (const step of steps) {
      let early = step(c, headers);
      if (early instanceof Promise) early = await early;
      if (early) return early;
    }
    await next();
    if (complete.has(c.res)) return;
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'Vary') c.res.headers.append(name, value);
      else c.res.headers.set(name, value);
    }
  };
}
