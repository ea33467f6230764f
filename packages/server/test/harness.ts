/**
 * The shared test harness: a real server on a fresh database of the dialect under test (FCO_TEST_DB=postgres, or
 * SQLite; see test-databases.ts), the demo seed, logged-in demo admins, and
 * `call()`, which checks EVERY response against the spec: the status is declared for the operation, the content type
 * matches, the body validates, the declared headers are there, and problem bodies carry the response's request id.
 *
 * Writes that need If-Match get it the way every client must: `call()` reads the object first (with the same token)
 * and sends that read's ETag, unless the test sets `if-match` itself or asks for a `blind` write (to see the 428).
 * When that read fails (another tenant's object, an id that does not exist), a stale ETag is sent, so the write
 * answers as it would for any client that cannot read the object.
 */
import assert from 'node:assert/strict';
import { startServer, type RunningServer, type StartServerOptions } from '../src/node.js';
import { openDatabase } from '../src/store/connect.js';
import type { Database } from '../src/store/database.js';
import { escapePointer, operation, resolve, spec, type OperationSpec } from '../src/spec/document.js';
import { toFieldErrors, validatorAt } from '../src/spec/validator.js';
import { readOperationFor } from './spec-samples.js';
import { emptyTestDatabase, seededTestDatabase, type TestDatabase } from './test-databases.js';

export const DEMO_PASSWORD = 'demo-password';
const DEFAULT_TEST_CUSTOMERS = 120;
export const ADMINS = {
  licensee: 'admin@licensee.demo',
  alpha: 'admin@alpha.demo',
  kids: 'admin@kids.alpha.demo',
  beta: 'admin@beta.demo',
  gamma: 'admin@gamma.demo',
} as const;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as is (for malformed JSON and wrong content types). */
  rawBody?: string;
  contentType?: string;
  token?: string | null;
  headers?: Record<string, string>;
  /** Send a write that needs If-Match without one (no fresh read first). */
  blind?: boolean;
  /**
   * For an event stream (a 200 that never ends): how many events to read before closing it (default 0: the first
   * block, a comment or an event), and how long to wait for them (default 2 s; the test fails when they do not come).
   */
  events?: number;
  eventTimeoutMs?: number;
}

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  /** Where its data lives: hand it to `startTestServer({ ...t.database })` or a child process for a second instance. */
  database: TestDatabase;
  call<T = any>(operationId: string, options?: CallOptions): Promise<CallResult<T>>;
  login(email: string, password?: string): Promise<string>;
  tokens: Record<keyof typeof ADMINS, string>;
  close(): Promise<void>;
}

export type { TestDatabase } from './test-databases.js';

export interface TestServerOptions extends Partial<StartServerOptions> {
  /** A database other instances can open too (SQLite: a file, not memory); dropped when this server closes. */
  shareable?: boolean;
}

/**
 * A seeded server on a fresh database, or (with `db` given, e.g. another server's `database`) one more instance on
 * an existing database, which stays when this instance closes.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { shareable = false, ...startOptions } = options;
  // A fresh demo database is a copy of its seeded template. Commits are `relaxed` (no fsync on SQLite, no wait for the
  // WAL flush on PostgreSQL) unless the test asks for a durability: a test never survives a power cut, and thousands
  // of flushes made the PostgreSQL run wait on the disk.
  const seeded = (startOptions.seed ?? 'demo') === 'demo';
  const owned = startOptions.db !== undefined
    ? null
    : seeded
      ? await seededTestDatabase({ customers: startOptions.customers ?? DEFAULT_TEST_CUSTOMERS, extraOrigins: startOptions.extraOrigins ?? [] })
      : emptyTestDatabase(shareable);
  const database: TestDatabase = owned
    ? { db: owned.db, ...(owned.pgSchema ? { pgSchema: owned.pgSchema } : {}) }
    : { db: startOptions.db!, ...(startOptions.pgSchema ? { pgSchema: startOptions.pgSchema } : {}) };
  const server = await startServer({
    seed: 'demo',
    customers: DEFAULT_TEST_CUSTOMERS,
    durability: 'relaxed',
    port: 0,
    rateLimit: { limit: 1_000_000, windowSeconds: 60 },
    ...startOptions,
    ...database,
  }).catch(async (error) => {
    await owned?.drop().catch(() => {}); // the start's own error is the one to report
    throw error;
  });
  const call = <T = any>(operationId: string, callOptions: CallOptions = {}) => callOperation<T>(server.url, operationId, callOptions);
  const login = async (email: string, password = DEMO_PASSWORD) => {
    const response = await call('createSession', { body: { email, password } });
    assert.equal(response.status, 201, `login of ${email}: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };
  const tokens = {} as Record<keyof typeof ADMINS, string>;
  // A fresh database left unseeded has nobody to log in.
  const empty = owned !== null && startOptions.seed === 'none';
  if (!empty) for (const key of ['licensee', 'alpha', 'beta'] as const) tokens[key] = await login(ADMINS[key]);
  return {
    url: server.url,
    server,
    database,
    call,
    login,
    tokens,
    async close() {
      await server.close();
      await owned?.drop().catch(() => {});
    },
  };
}

/** A bare database of the dialect under test (no migrations), dropped by `close`. */
export async function testDatabase(): Promise<{ database: Database; close: () => Promise<void> }> {
  const target = emptyTestDatabase(false);
  const database = await openDatabase(target.db, target.pgSchema ? { pgSchema: target.pgSchema } : {});
  return {
    database,
    async close() {
      await database.close();
      await target.drop();
    },
  };
}


/** How long a call waits for its whole answer (an event stream: for its head). */
const ANSWER_TIMEOUT_MS = 60_000;

export async function callOperation<T = any>(baseUrl: string, operationId: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const op = operation(operationId);
  let path = op.path;
  for (const [name, value] of Object.entries(options.params ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const givesIfMatch = Object.keys(headers).some((name) => name.toLowerCase() === 'if-match');
  if (op.requiresIfMatch && !givesIfMatch && !options.blind) headers['if-match'] = await freshEtag(baseUrl, op, options);
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? op.requestBody?.contentTypes[0] ?? 'application/json';
  }
  const abort = new AbortController();
  // A server that never answers fails the call, named, instead of holding its test until the runner gives up.
  let unanswered = false;
  const answerTimer = setTimeout(() => {
    unanswered = true;
    abort.abort();
  }, ANSWER_TIMEOUT_MS);
  const unansweredError = () => new Error(`${operationId} (${op.method.toUpperCase()} ${url.pathname}) was not answered within ${ANSWER_TIMEOUT_MS / 1000} s`);
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetch(url, { method: op.method.toUpperCase(), headers, signal: abort.signal, ...(body !== undefined ? { body } : {}) });
    if (response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      clearTimeout(answerTimer);
      const text = await readEventStream(response, abort, options.events ?? 0, options.eventTimeoutMs ?? 2000);
      checkContract(operationId, response.status, response.headers, text, text);
      return { status: response.status, headers: response.headers, body: text as T };
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw unanswered ? unansweredError() : error;
  } finally {
    clearTimeout(answerTimer);
  }
  const text = new TextDecoder().decode(bytes);
  // JSON bodies are parsed; documents (a PDF) are checked as text and handed back as bytes.
  const json = /json/.test(response.headers.get('content-type') ?? '');
  const parsed = text ? (json ? JSON.parse(text) : text) : undefined;
  checkContract(operationId, response.status, response.headers, parsed, text);
  return { status: response.status, headers: response.headers, body: (json || !text ? parsed : bytes) as T };
}

/**
 * The start of a never-ending event stream: the text up to the end of the first block and then of `events` events
 * (blocks that are not comments), after which the connection is closed. Fails when they do not come in time.
 */
async function readEventStream(response: Response, abort: AbortController, events: number, timeoutMs: number): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let text = '';
  const blocks = () => text.split(/\r?\n\r?\n/).slice(0, -1);
  const done = () => blocks().length > 0 && blocks().filter((b) => !b.startsWith(':')).length >= events;
  try {
    while (!done()) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    assert.ok(done(), `the event stream sent ${blocks().length} blocks in ${timeoutMs} ms, ${events} events expected:\n${text}`);
    return text;
  } finally {
    clearTimeout(timer);
    abort.abort();
    await reader.cancel().catch(() => {});
  }
}

const STALE_ETAG = '"not-read"';

async function freshEtag(baseUrl: string, op: OperationSpec, options: CallOptions): Promise<string> {
  const read = readOperationFor(op);
  if (!read) throw new Error(`${op.operationId} needs If-Match but no read operation gives its ETag`);
  const params = Object.fromEntries(read.parameters.filter((p) => p.in === 'path').map((p) => [p.name, options.params?.[p.name] ?? '']));
  const result = await callOperation(baseUrl, read.operationId, { params, ...(options.token !== undefined ? { token: options.token } : {}), headers: pick(options.headers, 'origin') });
  return result.status === 200 ? result.headers.get('etag') ?? STALE_ETAG : STALE_ETAG;
}

function pick(headers: Record<string, string> | undefined, name: string): Record<string, string> {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry ? { [entry[0]]: entry[1] } : {};
}

/** The contract check every response goes through. */
export function checkContract(operationId: string, status: number, headers: Headers, body: unknown, text: string): void {
  const op = operation(operationId);
  const where = `${operationId} → ${status}`;
  assert.ok(status < 500, `${where}: a server error: ${text}`);
  const rawResponse = (spec.paths[op.path] as any)[op.method].responses[String(status)];
  assert.ok(rawResponse, `${where}: status not declared by the spec (${Object.keys(op.responses).join(', ')}): ${text}`);
  const declared = op.responses[String(status)]!;
  const requestId = headers.get('x-request-id');
  assert.ok(requestId, `${where}: no X-Request-Id`);
  for (const name of declared.headers) {
    if (name === 'Access-Control-Allow-Origin') continue; // only for allowed origins
    if (name === 'Location' && status !== 201) continue;
    assert.ok(headers.get(name) !== null, `${where}: missing declared header ${name}`);
  }
  if (declared.contentTypes.length === 0) {
    assert.equal(text, '', `${where}: the spec declares no body`);
    return;
  }
  const contentType = (headers.get('content-type') ?? '').split(';')[0]!.trim();
  assert.ok(declared.contentTypes.includes(contentType), `${where}: content type ${contentType}, declared ${declared.contentTypes.join(', ')}`);
  // Validate against the schema at the response's own location (following a $ref to a shared response).
  const base = typeof rawResponse.$ref === 'string' ? rawResponse.$ref : `${op.pointer}/responses/${status}`;
  resolve(rawResponse); // fails early on a broken ref
  const validate = validatorAt(`${base}/content/${escapePointer(contentType)}/schema`);
  if (!validate(body)) {
    assert.fail(`${where}: body does not match the spec: ${JSON.stringify(toFieldErrors(validate.errors, 'body'))}\n${text.slice(0, 2000)}`);
  }
  if (contentType === 'application/problem+json') {
    assert.equal((body as { requestId: string }).requestId, requestId, `${where}: problem requestId differs from X-Request-Id`);
    assert.equal((body as { status: number }).status, status, `${where}: problem status differs`);
    assert.doesNotMatch(text, /\bat .*\.(ts|js):\d+/, `${where}: a stack trace leaked`);
  }
}

/** The one answer to a body naming an object that does not exist or that the caller may not see: 422 at that field. */
export function assertUnknownReference(result: CallResult, pointer: string): void {
  assertProblem(result, 422, 'validation_failed');
  assert.deepEqual(result.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [[pointer, 'not_found']]);
}

/** Asserts a problem+json answer with this status and code. */
export function assertProblem(result: CallResult, status: number, code: string): void {
  assert.equal(result.status, status, `expected ${status} ${code}, got ${result.status}: ${JSON.stringify(result.body)}`);
  assert.equal(result.body.code, code, `expected code ${code}: ${JSON.stringify(result.body)}`);
}
