/**
 * States a live server does not produce on demand, made by a `fetch` wrapper around calls to the REAL server: a list
 * call (or any call a test picks, such as a report's run) that never answers (loading), answers 500 until Retry is
 * pressed (error with retry) or always, is narrowed to a filter no row matches (empty), or carries hostile text in
 * every text field (what an import or a legacy row can hold). All other calls go to the server unchanged. Shared by
 * the widget tests and the Storybook stories.
 */
import { metadata, operationTable, type FieldKind, type ListMetadata, type OperationId } from '@fco-admin/sdk';

export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** The collection path of a list operation (`listServers` → `/v1/servers`). */
export function listPathOf(id: OperationId): string {
  for (const group of Object.values(operationTable)) {
    for (const descriptor of Object.values(group)) if (descriptor.id === id) return descriptor.path;
  }
  throw new Error(`no operation ${id}`);
}

const isListOf = (paths: readonly string[]) => (request: Request) => request.method === 'GET' && paths.includes(new URL(request.url).pathname);

/** The calls a wrapper acts on: the lists at these paths (`GET`), or whichever calls a test of the request picks. */
export type Calls = readonly string[] | ((request: Request) => boolean);
const matcherOf = (calls: Calls) => (typeof calls === 'function' ? calls : isListOf(calls));

/** `POST`s to paths ending in `suffix` (a report's `/run` or `/export`). */
export const postsTo = (suffix: string) => (request: Request) => request.method === 'POST' && new URL(request.url).pathname.endsWith(suffix);

/** The calls never answer. */
export function hanging(calls: Calls): Fetch {
  const matches = matcherOf(calls);
  return (request, init) => (matches(request) ? new Promise<Response>(() => {}) : fetch(request, init));
}

/** A 500 problem+json made here, never sent to the server. */
function injectedFailure(): Promise<Response> {
  const problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Injected by a fetch wrapper.', code: 'internal', requestId: 'injected' };
  return Promise.resolve(new Response(JSON.stringify(problem), { status: 500, headers: { 'content-type': 'application/problem+json' } }));
}

/** The calls answer 500 (made here, not sent to the server), every time. */
export function failing(calls: Calls): Fetch {
  const matches = matcherOf(calls);
  return (request, init) => (matches(request) ? injectedFailure() : fetch(request, init));
}

/**
 * Calls to `paths` answer 500 problem+json (made here, not sent to the server) until someone presses a Retry button
 * in an error panel (`[data-state="error"]`); from then on they go to the server. So the error state stays however
 * often a widget reloads by itself, and Retry shows the server's real answer.
 */
export function failingUntilRetry(paths: readonly string[]): Fetch {
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
  return (request, init) => (!matches(request) || retried ? fetch(request, init) : injectedFailure());
}

/**
 * A filter nothing of the list at `path` matches: before 2000 on its first filterable timestamp (`createdAt` on most
 * lists, `occurredAt` on the audit trail), or for a list without one (the report catalogue) a value its first
 * filterable field never has.
 */
function matchingNothing(path: string): string {
  const lists = (Object.values(metadata) as unknown[]).filter((m): m is ListMetadata => typeof m === 'object' && m !== null && 'filterable' in m);
  const list = lists.find((m) => listPathOf(m.id as OperationId) === path);
  const date = list?.filterable.find((field) => list.fields[field] === 'date-time');
  if (date || !list) return `${date ?? 'createdAt'} < "2000-01-01T00:00:00Z"`;
  return `${list.filterable[0]} = "no such value"`;
}

/** Calls to `paths` are sent with an extra filter nothing matches: the server answers no rows. */
export function noRows(paths: readonly string[]): Fetch {
  const matches = isListOf(paths);
  return (request, init) => {
    if (!matches(request)) return fetch(request, init);
    const url = new URL(request.url);
    const extra = matchingNothing(url.pathname);
    const current = url.searchParams.get('filter');
    url.searchParams.set('filter', current ? `(${current}) AND ${extra}` : extra);
    return fetch(new Request(url, request), init);
  };
}

export const HOSTILE = {
  script: '<script>window.fcoPwned = true</script>',
  img: '<img src=x onerror="window.fcoPwned = true">',
  /** RIGHT-TO-LEFT OVERRIDE, left unterminated (no U+202C). */
  rlo: '\u202E',
} as const;

/** Text fields of a list's items (not ids, enums or dates), where hostile text can sit. */
export function textFields(list: ListMetadata): string[] {
  return Object.entries(list.fields as Record<string, FieldKind>)
    .filter(([field, kind]) => kind === 'text' && field !== 'id')
    .map(([field]) => field);
}

/** The hostile version of a text value: markup, an unterminated override, and 10,000 characters in all. */
export function hostileText(original: string): string {
  const start = `${original} ${HOSTILE.script} ${HOSTILE.img} ${HOSTILE.rlo}gnp.exe `;
  return start + 'W'.repeat(Math.max(0, 10_000 - start.length));
}

/**
 * Answers of `GET` under `path` (the list and its records) with every text field of every item made hostile, as if
 * an import had put such rows into the store. The API itself refuses most of these values on input.
 */
export function hostileTexts(path: string, fields: readonly string[]): Fetch {
  const rewrite = (item: Record<string, unknown>) => {
    for (const field of fields) if (typeof item[field] === 'string' && item[field] !== '') item[field] = hostileText(item[field] as string);
    return item;
  };
  return async (request, init) => {
    const url = new URL(request.url);
    const response = await fetch(request, init);
    if (request.method !== 'GET' || !response.ok || !(url.pathname === path || url.pathname.startsWith(`${path}/`))) return response;
    const body = (await response.json()) as Record<string, unknown>;
    // The first rows of a page (what is on screen) and every record read on its own.
    const rewritten = Array.isArray(body.items)
      ? { ...body, items: (body.items as Record<string, unknown>[]).map((item, index) => (index < 5 ? rewrite(item) : item)) }
      : rewrite(body);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(rewritten), { status: response.status, headers });
  };
}
