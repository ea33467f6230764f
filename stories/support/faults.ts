/**
 * States a live server does not produce on demand, made by a `fetch` wrapper around calls to the REAL server: a list
 * call that never answers (loading), answers 500 until Retry is pressed (error with retry) or is narrowed to a filter no
 * row matches (empty). Everything else goes to the server unchanged. Stories that use it say so.
 */
import { createClient, type Client } from '@fco-admin/sdk';
import { API_URL, signIn, type Admin } from './api.js';

type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** Which calls a fault applies to: GETs of these collection paths (e.g. `/v1/customers`). */
const isListOf = (paths: string[]) => (request: Request) =>
  request.method === 'GET' && paths.includes(new URL(request.url).pathname);

/** Calls to `paths` never answer. */
export function hanging(paths: string[]): Fetch {
  const matches = isListOf(paths);
  return (request, init) => (matches(request) ? new Promise<Response>(() => {}) : fetch(request, init));
}

/**
 * Calls to `paths` answer 500 problem+json (made here, not sent to the server) until someone presses a Retry button
 * in an error panel (`[data-state="error"]`); from then on they go to the server. So the error state stays however
 * often a widget reloads by itself, and Retry shows the server's real answer.
 */
export function failingUntilRetry(paths: string[]): Fetch {
  const matches = isListOf(paths);
  let retried = false;
  // Capture phase on the document: the click is seen (through shadow roots) before the button's own handler reloads.
  const onClick = (event: Event) => {
    const fromErrorPanel = event.composedPath().some((node) => node instanceof HTMLElement && node.dataset['state'] === 'error');
    if (!fromErrorPanel) return;
    retried = true;
    document.removeEventListener('click', onClick, true);
  };
  document.addEventListener('click', onClick, true);
  return (request, init) => {
    if (!matches(request) || retried) return fetch(request, init);
    const problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Injected by the story.', code: 'internal', requestId: 'storybook' };
    return Promise.resolve(new Response(JSON.stringify(problem), { status: 500, headers: { 'content-type': 'application/problem+json' } }));
  };
}

/** Calls to `paths` are sent with an extra filter nothing matches (created before 2000): the server answers no rows. */
export function noRows(paths: string[]): Fetch {
  const matches = isListOf(paths);
  return (request, init) => {
    if (!matches(request)) return fetch(request, init);
    const url = new URL(request.url);
    const narrowing = 'createdAt < "2000-01-01T00:00:00Z"';
    const current = url.searchParams.get('filter');
    url.searchParams.set('filter', current ? `(${current}) AND ${narrowing}` : narrowing);
    return fetch(new Request(url, request), init);
  };
}

/** A client signed in as `admin` whose calls go through `wrapped` (single attempts, so an injected 500 shows at once). */
export function clientThrough(admin: Admin, wrapped: Fetch): Client {
  return createClient({ baseUrl: API_URL, auth: () => signIn(admin), fetch: wrapped, retry: false });
}
