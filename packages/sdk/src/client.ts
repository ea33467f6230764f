// createClient: the generated operation table turned into methods that call the API through ky, with bearer
// auth, retries and typed errors. No Node-only imports: it runs in browsers, Node and any fetch-compatible handler.
import ky, { isTimeoutError, type Input, type KyInstance } from 'ky';
import { operationTable } from './generated/operations.js';
import type { Client, OperationDescriptor } from './types.js';
import { tokenSource, type Auth, type TokenSource } from './auth.js';
import { apiErrorFromResponse, ApiError, NetworkError, TimeoutError } from './errors.js';
import { isRepeatable, retryDelay, retryPolicy, sleep, type RetryOptions, type RetryPolicy } from './retry.js';
import { readResult, requestParts, streamEvent, type RequestParts, type StreamEvent } from './request.js';
import { serverSentEvents } from './event-stream.js';

export interface ClientOptions {
  /** Where the API lives, e.g. `https://admin.example.com` (operations add `/v1/...`). */
  baseUrl: string | URL;
  /** A bearer token, or an async provider of one; a provider is asked again before expiry and once after a 401. */
  auth: Auth;
  /** A fetch-compatible function: a test double, a Hono app's `app.request`, a fetch with credentials rules… */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response> | Response;
  /** Milliseconds each attempt may take (default 30 000). */
  timeout?: number;
  /** Retry settings, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Headers sent with every request (e.g. a tracing header). */
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

interface Transport {
  ky: KyInstance;
  tokens: TokenSource;
  retry: RetryPolicy;
  timeout: number;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

interface AttemptOptions {
  token: string;
  signal: AbortSignal | undefined;
  timeout: number;
}

/** One attempt: a 2xx answer, or the error it failed with in the SDK's terms. */
async function attempt(
  transport: Transport,
  operation: OperationDescriptor,
  parts: RequestParts,
  { token, signal, timeout }: AttemptOptions,
): Promise<Response> {
  const headers = new Headers(parts.headers);
  headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await transport.ky(parts.url, {
      method: operation.method,
      searchParams: parts.searchParams,
      headers,
      body: parts.body,
      timeout,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (isAbort(error, signal)) throw signal?.aborted ? signal.reason : error;
    if (isTimeoutError(error)) throw new TimeoutError(timeout);
    const reason = error instanceof Error ? error.message : String(error);
    throw new NetworkError(`${operation.method} ${operation.path} got no answer: ${reason}`, { cause: error });
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  return response;
}

/** The 2xx answer of an operation, after auth renewal and retries; its body is not read yet. */
async function respond(transport: Transport, operation: OperationDescriptor, options: Record<string, unknown>): Promise<Response> {
  const { signal, timeout = transport.timeout, onResponse } = options as { signal?: AbortSignal; timeout?: number; onResponse?: (response: Response) => void };
  signal?.throwIfAborted();
  const parts = requestParts(operation, options);
  // One key per logical create, reused by every retry, so the server applies the create at most once.
  if (operation.method === 'POST' && operation.headers?.includes('Idempotency-Key') && !parts.headers.has('idempotency-key')) {
    parts.headers.set('idempotency-key', globalThis.crypto.randomUUID());
  }
  const repeatable = isRepeatable(operation.method, parts.headers);
  let renewedAfter401 = false;
  for (let attemptNo = 1; ; attemptNo++) {
    const token = await transport.tokens.get();
    signal?.throwIfAborted();
    try {
      const response = await attempt(transport, operation, parts, { token, signal, timeout });
      onResponse?.(response);
      return response;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && !renewedAfter401) {
        renewedAfter401 = true;
        if ((await transport.tokens.renewAfterRejection(token)) !== undefined) {
          attemptNo--; // the retry with a new token does not count against the retry budget
          continue;
        }
      }
      const wait = retryDelay(error, attemptNo, repeatable, transport.retry);
      if (wait === undefined) throw error;
      await sleep(wait, signal);
    }
  }
}

async function call(transport: Transport, operation: OperationDescriptor, options: Record<string, unknown> = {}): Promise<unknown> {
  return readResult(operation, await respond(transport, operation, options));
}

/**
 * An event-stream operation: connects when iterated (auth, retries and errors as for any call), then yields its
 * events typed by name. Ends quietly when the signal aborts or the server closes the stream; reconnecting (with
 * `lastEventId`) is the caller's choice.
 */
function stream(transport: Transport, operation: OperationDescriptor, options: Record<string, unknown> = {}): AsyncIterable<StreamEvent> {
  const signal = options.signal as AbortSignal | undefined;
  return {
    async *[Symbol.asyncIterator]() {
      try {
        const response = await respond(transport, operation, options);
        if (!response.body) return;
        for await (const event of serverSentEvents(response.body, signal)) {
          const typed = streamEvent(operation, event);
          if (typed) yield typed;
        }
      } catch (error) {
        if (isAbort(error, signal)) return;
        throw error;
      }
    },
  };
}

/** A client with one method per operation of the spec, grouped by tag: `client.customers.list({ filter })`. */
export function createClient(options: ClientOptions): Client {
  if (options.baseUrl === undefined || options.baseUrl === '') throw new TypeError('createClient needs a baseUrl');
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const userFetch = options.fetch;
  const transport: Transport = {
    ky: ky.create({
      prefixUrl: String(options.baseUrl),
      retry: 0, // retries are decided per operation in `call`
      throwHttpErrors: false,
      ...(options.headers ? { headers: options.headers } : {}),
      // Handlers such as Hono's `app.request` may answer synchronously; ky needs a promise.
      ...(userFetch ? { fetch: async (input: Input, init?: RequestInit) => userFetch(input as Request, init) } : {}),
    }),
    tokens: tokenSource(options.auth),
    retry: retryPolicy(options.retry),
    timeout,
  };
  type Method = (options?: Record<string, unknown>) => Promise<unknown> | AsyncIterable<StreamEvent>;
  const client: Record<string, Record<string, Method>> = {};
  for (const [group, methods] of Object.entries(operationTable)) {
    const groupMethods: Record<string, Method> = {};
    for (const [name, descriptor] of Object.entries(methods)) {
      const operation = descriptor as OperationDescriptor;
      groupMethods[name] = operation.response === 'events'
        ? (callOptions) => stream(transport, operation, callOptions)
        : (callOptions) => call(transport, operation, callOptions);
    }
    client[group] = Object.freeze(groupMethods);
  }
  return Object.freeze(client) as unknown as Client;
}
