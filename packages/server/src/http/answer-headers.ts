/**
 * The headers every answer carries (the request id, the security headers, CORS, RateLimit-*), gathered per request
 * into one plain object by the middleware before the handler runs. An operation answers with that object whole:
 * @hono/node-server writes a plain object's headers straight out, where headers set on an answer afterwards make it
 * build a Headers object and copy it again, a quarter of a small answer's cost. Any other answer (a problem, the docs
 * page, a file, an event stream) gets them set on it after its handler.
 */
import type { Context, MiddlewareHandler } from 'hono';

const KEY = 'answerHeaders' as never;
/** Answers made with the request's headers already in them. */
const complete = new WeakSet<Response>();

function headersOf(c: Context): Record<string, string> {
  return c.get(KEY) as Record<string, string>;
}

/** Adds headers every answer to this request carries (middleware, before the handler). */
export function addAnswerHeaders(c: Context, headers: Record<string, string>): void {
  Object.assign(headersOf(c), headers);
}

/** An answer with the request's headers and its own (which win). */
export function answer(c: Context, status: number, body: string | null, own: Record<string, string>): Response {
  const response = new Response(body, { status, headers: { ...headersOf(c), ...own } });
  complete.add(response);
  return response;
}

/** First of the middleware: starts the request's headers, and sets them on answers made without them. */
export function answerHeaders(): MiddlewareHandler {
  return async (c, next) => {
    c.set(KEY, {} as never);
    await next();
    if (complete.has(c.res)) return;
    for (const [name, value] of Object.entries(headersOf(c))) {
      if (name === 'Vary') c.res.headers.append(name, value);
      else c.res.headers.set(name, value);
    }
  };
}
