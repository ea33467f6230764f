// Turns an operation descriptor plus the caller's options into the parts of an HTTP request, and reads the answer.
import type { OperationDescriptor } from './types.js';
import { etagOf, rememberEtag } from './etag.js';
import { NetworkError } from './errors.js';
import type { ServerSentEvent } from './event-stream.js';

/** `If-Match` → `ifMatch`; the type-level twin is `HeaderOptionName` in types.ts. */
export function headerOptionName(header: string): string {
  return header
    .split('-')
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
    .join('');
}

const CALL_OPTIONS = new Set(['body', 'signal', 'timeout', 'onResponse']);

export interface RequestParts {
  /** Relative to the client's base URL (no leading slash: ky's prefixUrl requires it). */
  url: string;
  searchParams: URLSearchParams;
  headers: Headers;
  body: BodyInit | undefined;
}

function scalar(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`Parameter "${name}" must be a string, number or boolean, got ${typeof value}`);
}

function encodeBody(mediaType: string, body: unknown): BodyInit {
  if (/[/+]json$/.test(mediaType)) return JSON.stringify(body);
  if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer || body instanceof FormData) return body;
  throw new TypeError(`The body of a ${mediaType} request must be a string, Blob, ArrayBuffer or FormData`);
}

/** `ifMatch: customer`: the ETag this client received with that object, or a TypeError before anything is sent. */
function etagFor(operation: OperationDescriptor, value: object): string {
  const etag = value instanceof Date ? undefined : etagOf(value);
  if (etag === undefined) {
    throw new TypeError(`${operation.id}: ifMatch was given an object this client did not return (no ETag is known for it); pass the object from a read or write, or its ETag`);
  }
  return etag;
}

export function requestParts(operation: OperationDescriptor, options: Record<string, unknown>): RequestParts {
  const { pathParams = [], query = [], headers: headerParams = [] } = operation;
  const headerNames = new Map(headerParams.map((header) => [headerOptionName(header), header]));
  const known = new Set([...pathParams, ...query, ...headerNames.keys(), ...CALL_OPTIONS]);
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new TypeError(`${operation.id} does not take ${unknown.map((k) => `"${k}"`).join(', ')}; it takes ${[...known].join(', ')}`);
  }

  const url = operation.path.replace(/^\//, '').replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = options[name];
    if (value === undefined || value === null || value === '') throw new TypeError(`${operation.id} needs the path parameter "${name}"`);
    return encodeURIComponent(scalar(name, value));
  });

  const searchParams = new URLSearchParams();
  for (const name of query) {
    const value = options[name];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) searchParams.append(name, scalar(name, item));
  }

  const headers = new Headers();
  for (const [option, header] of headerNames) {
    const value = options[option];
    if (value === undefined || value === null) continue;
    headers.set(header, header === 'If-Match' && typeof value === 'object' ? etagFor(operation, value) : scalar(option, value));
  }
  if (operation.response !== 'none') headers.set('accept', `${operation.accept ?? 'application/json'}, application/problem+json`);

  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (!operation.body) throw new TypeError(`${operation.id} takes no body`);
    body = encodeBody(operation.body, options.body);
    if (!(body instanceof FormData)) headers.set('content-type', operation.body); // FormData sets its own boundary
  }
  return { url, searchParams, headers, body };
}

/** The 2xx body in the operation's response kind; JSON objects remember their ETag for `etagOf`. */
export async function readResult(operation: OperationDescriptor, response: Response): Promise<unknown> {
  switch (operation.response) {
    case 'none':
      await response.body?.cancel();
      return undefined;
    case 'text':
      return response.text();
    case 'binary':
      return response.blob();
    case 'events':
      throw new TypeError(`${operation.id} is an event stream: iterate it instead of reading one result`);
    case 'json': {
      const text = await response.text();
      if (text === '') return undefined;
      const value: unknown = JSON.parse(text);
      const etag = response.headers.get('etag');
      if (etag && typeof value === 'object' && value !== null) rememberEtag(value, etag);
      return value;
    }
  }
}

/** An event of an event-stream operation as the client yields it (typed per operation in types.ts). */
export interface StreamEvent {
  type: string;
  id: string;
  data: unknown;
}

/**
 * A parsed server-sent event as the operation's typed event, or undefined for an event name the spec does not list
 * (a newer server's), which the client skips. Data that is not JSON is the server's fault: a NetworkError, so the
 * caller reconnects as after a broken connection.
 */
export function streamEvent(operation: OperationDescriptor, event: ServerSentEvent): StreamEvent | undefined {
  if (!operation.events || !Object.hasOwn(operation.events, event.event)) return undefined;
  try {
    return { type: event.event, id: event.id, data: JSON.parse(event.data) };
  } catch (error) {
    throw new NetworkError(`${operation.id} sent an "${event.event}" event whose data is not JSON`, { cause: error });
  }
}
