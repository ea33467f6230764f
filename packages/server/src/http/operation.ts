/**
 * The pipeline every spec operation runs through, so no route can skip a step:
 * authenticate → check scopes (from the operation's `security`) and an embed token's widgets → validate parameters and body (Ajv, from the spec)
 * → replay an Idempotency-Key → handler → JSON with ETag/Location as the spec declares → remember the idempotent answer.
 */
import type { Context } from 'hono';
import type { operations } from '@fco-admin/sdk';
import { assertScopes, assertWidgetsAllow, resolvePrincipal, type RequestPrincipal } from '../identity/principal.js';
import type { OperationSpec } from '../spec/document.js';
import type { OperationId } from '../spec/types.js';
import { etagOf } from '../store/crypto.js';
import { bodyJson } from '../store/shared-body.js';
import type { EntityDefinition } from '../store/entity.js';
import type { Page, Repository } from '../store/repository.js';
import { tenantScope, type TenantScope } from '../store/scope.js';
import type { TenantStore } from '../store/tenant-store.js';
import { auditRecordEntity } from '../areas/audit/entity.js';
import { auditRecord, isAudited, type AuditedRequest } from '../areas/audit/record.js';
import { answer } from './answer-headers.js';
import { acceptedCoding, compressible, encodedBody } from './compression.js';
import { findReplay, remember, requestFingerprint, type StoredResponse } from './idempotency.js';
import { listRequest } from './list.js';
import { ApiProblem, toApiProblem } from './problem.js';
import { requestIdOf } from './request-id.js';
import type { AppServices } from './services.js';
import { readBody, validateParameters } from './validate.js';

export type { OperationId };

type ContentOf<T> = T extends { content: infer C } ? C[keyof C] : undefined;
export type RequestBody<Id extends OperationId> = operations[Id] extends { requestBody: infer B }
  ? ContentOf<B>
  : operations[Id] extends { requestBody?: infer B }
    ? ContentOf<NonNullable<B>> | undefined
    : undefined;
export type PathParams<Id extends OperationId> = operations[Id]['parameters'] extends { path: infer P } ? P : Record<string, never>;

export interface OperationContext<Id extends OperationId = OperationId> {
  operationId: Id;
  op: OperationSpec;
  hono: Context;
  requestId: string;
  now: Date;
  /** The app's services, except the store: handlers reach data only through `store`, bound to the caller's scope. */
  services: Omit<AppServices, 'store'>;
  /** The store under the principal's tenancy (no billing entity at all for public operations). */
  store: TenantStore;
  /** null only for public operations (`security: []`). */
  principal: RequestPrincipal | null;
  params: PathParams<Id>;
  query: Record<string, unknown>;
  body: RequestBody<Id>;
  ifMatch: string | undefined;
  /** The principal (throws for public operations, where there is none). */
  me(): RequestPrincipal;
  /** A repository under the principal's tenancy (`store.repository`). */
  repository<T extends { id: string }>(definition: EntityDefinition<T>): Repository<T>;
  /** Runs this list operation (filter, orderBy, paging from the query) on an entity under the principal's tenancy. */
  list<T extends { id: string }>(definition: EntityDefinition<T>): Promise<Page<T>>;
  /**
   * For answers that outlive the request (event streams): whether the request's token would still be let in now
   * with the same tenancy, scopes and widgets (not expired, not revoked, its billing entity's Admin page still on).
   */
  stillAuthorized(): Promise<boolean>;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  /** Path of a created object (sets Location). */
  location?: string;
  /** A document that is not JSON (an invoice PDF): sent as is, with its content type and headers (ETag included). */
  file?: { contentType: string; bytes: Uint8Array; headers: Record<string, string> };
  /** A never-ending text/event-stream body (see event-stream.ts), sent as it is written. */
  events?: ReadableStream<Uint8Array>;
}

export type OperationHandler<Id extends OperationId = OperationId> = (ctx: OperationContext<Id>) => Promise<OperationResult>;

export const ok = (body: unknown): OperationResult => ({ status: 200, body });
export const created = (body: unknown, location?: string): OperationResult => ({ status: 201, body, ...(location ? { location } : {}) });
export const noContent = (): OperationResult => ({ status: 204 });

const NO_TENANTS: TenantScope = tenantScope([]);

export function runOperation(op: OperationSpec, handler: OperationHandler<any>, services: AppServices) {
  return async (c: Context): Promise<Response> => {
    const now = services.now();
    const requestId = requestIdOf(c);
    let principal: RequestPrincipal | null = null;
    if (op.requiredScopes !== null) {
      principal = await resolvePrincipal(c.req.header('authorization'), {
        store: services.store,
        signer: services.signer,
        now,
        origin: c.req.header('origin'),
      });
    }
    // From here on the caller is known: a write it attempts is recorded, whatever its outcome.
    const audit: AuditedRequest | null = principal && isAudited(op)
      ? { op, principal, requestId, path: c.req.path, pathParams: c.req.param() as Record<string, string>, at: now }
      : null;
    try {
      return await authorizedOperation(op, handler, services, c, { now, requestId, principal, audit });
    } catch (error) {
      if (audit) await recordFailure(services, audit, error);
      throw error;
    }
  };
}

interface RequestState {
  now: Date;
  requestId: string;
  principal: RequestPrincipal | null;
  audit: AuditedRequest | null;
}

async function authorizedOperation(op: OperationSpec, handler: OperationHandler<any>, services: AppServices, c: Context, state: RequestState): Promise<Response> {
  const { now, requestId, principal, audit } = state;
  if (principal) {
    assertScopes(principal, op.requiredScopes!);
    assertWidgetsAllow(principal, op.operationId);
  }
  const { params, query } = validateParameters(op, c);
  const { body } = await readBody(op, c);
  const contextOn = (store: TenantStore): OperationContext => ({
    operationId: op.operationId as OperationId,
    op,
    hono: c,
    requestId,
    now,
    services,
    store,
    principal,
    params: params as never,
    query,
    body: body as never,
    ifMatch: c.req.header('if-match'),
    me() {
      if (!principal) throw new Error(`${op.operationId} is public and has no principal`);
      return principal;
    },
    repository: (definition) => store.repository(definition),
    list: async (definition) => store.list(definition, await listRequest(op, query)),
    stillAuthorized: async () => {
      if (!principal) return true;
      const again = await resolvePrincipal(c.req.header('authorization'), {
        store: services.store,
        signer: services.signer,
        now: services.now(),
        origin: c.req.header('origin'),
      }).catch(() => null);
      return again !== null && sameAuthority(principal, again);
    },
  });

  const idempotencyKey = op.hasIdempotencyKey ? c.req.header('idempotency-key') : undefined;
  const idempotencyOwner = principal?.key ?? `address:${services.clientAddress(c)}`;
  let fingerprint = '';
  if (idempotencyKey !== undefined) {
    fingerprint = await requestFingerprint(op.operationId, c.req.path, body);
    // A replay writes nothing, so it records nothing either.
    const replay = await findReplay(services.store, idempotencyOwner, idempotencyKey, fingerprint, now);
    if (replay) return respond(c, replay, true);
  }

  const store = services.store.scoped(principal?.tenancy ?? NO_TENANTS);
  // An audited write and its record commit together, or neither does.
  const result = audit
    ? await store.transaction(async (tx) => {
        const done = await handler(contextOn(tx));
        await tx.repository(auditRecordEntity).insert(auditRecord(audit, { status: done.status, body: done.body }));
        return done;
      })
    : await handler(contextOn(store));
  if (result.file) return sendFile(c, result.status, result.file);
  if (result.events) return sendEvents(c, result.events);
  const stored = await render(op, result);
  if (idempotencyKey !== undefined && result.status < 300) {
    await remember(services.store, idempotencyOwner, idempotencyKey, op.operationId, fingerprint, stored, now);
  }
  return respond(c, stored, false, result.body);
}

/**
 * Records a refused or failed write after the fact (its own transaction was rolled back with the write). A record
 * that cannot be written is logged, never put in the place of the answer the caller is owed.
 */
async function recordFailure(services: AppServices, audit: AuditedRequest, error: unknown): Promise<void> {
  const problem = toApiProblem(error);
  try {
    const record = auditRecord(audit, { status: problem.status, problemCode: problem.code });
    await services.store.scoped(audit.principal.tenancy).repository(auditRecordEntity).insert(record);
  } catch (failure) {
    services.log(`${audit.requestId} ${audit.op.operationId}: the audit record of a failed attempt was not written: ${(failure as Error)?.message ?? String(failure)}`);
  }
}

async function render(op: OperationSpec, result: OperationResult): Promise<StoredResponse> {
  const declared = op.responses[String(result.status)];
  if (!declared) throw new Error(`${op.operationId} answered ${result.status}, which the spec does not declare`);
  const headers: Record<string, string> = {};
  if (result.body === undefined) return { status: result.status, headers, body: '' };
  headers['Content-Type'] = 'application/json';
  if (declared.headers.includes('ETag')) headers.ETag = await etagOf(result.body);
  if (result.location && declared.headers.includes('Location')) headers.Location = result.location;
  return { status: result.status, headers, body: bodyJson(result.body) };
}

/** Whether two resolutions of one token act alike: same scope of billing entities, scopes and widgets. */
function sameAuthority(a: RequestPrincipal, b: RequestPrincipal): boolean {
  const ids = (p: RequestPrincipal) => (p.tenancy.all ? '*' : [...p.tenancy.billingEntityIds].sort().join(','));
  const list = (values: Iterable<string> | null) => (values ? [...values].sort().join(',') : '*');
  return ids(a) === ids(b) && list(a.scopes) === list(b.scopes) && list(a.widgets) === list(b.widgets);
}

function sendEvents(c: Context, body: ReadableStream<Uint8Array>): Response {
  c.header('Content-Type', 'text/event-stream; charset=utf-8');
  // Proxies that buffer answers (nginx) would hold the events back.
  c.header('X-Accel-Buffering', 'no');
  return c.body(body, 200);
}

function sendFile(c: Context, status: number, file: NonNullable<OperationResult['file']>): Response {
  for (const [name, value] of Object.entries(file.headers)) c.header(name, value);
  c.header('Content-Type', file.contentType);
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, status as 200);
}

/** `representation`: the body the stored JSON was made from (a kept page's bytes are kept with it). */
function respond(c: Context, stored: StoredResponse, replayed: boolean, representation?: unknown): Response {
  const headers = replayed ? { ...stored.headers, 'Idempotent-Replayed': 'true' } : stored.headers;
  if (stored.body === '') return answer(c, stored.status, null, headers);
  if (!compressible(stored.body, headers)) return answer(c, stored.status, stored.body, headers);
  const { body, coding } = encodedBody(stored.body, acceptedCoding(c.req.header('accept-encoding')), representation);
  const encoded: Record<string, string> = { ...headers, Vary: 'Accept-Encoding' };
  if (coding) encoded['Content-Encoding'] = coding;
  return answer(c, stored.status, body, encoded);
}

export function notImplemented(op: OperationSpec) {
  return async (): Promise<Response> => {
    throw new ApiProblem('not_implemented', { detail: `${op.operationId} is in the spec but not implemented by this server yet.` });
  };
}
