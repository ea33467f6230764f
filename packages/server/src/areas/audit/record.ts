/**
 * What the audit trail records, and about which operations: every write an authenticated caller attempts (any
 * method but GET, except POSTs that need read scopes only: running a report, checking FDL code). Sign-in and public
 * operations have no principal to record and are left out. The record names the actor from the principal, the
 * object from the path (or, for a create, from the created object), and the outcome.
 */
import type { RequestPrincipal } from '../../identity/principal.js';
import type { OperationSpec } from '../../spec/document.js';
import type { Schema } from '../../spec/types.js';

export type AuditRecord = Schema<'AuditRecord'>;

export function isAudited(op: OperationSpec): boolean {
  const scopes = op.requiredScopes;
  if (scopes === null || op.method === 'get') return false;
  const readsOnly = scopes.length > 0 && scopes.every((scope) => scope.endsWith(':read'));
  return !readsOnly;
}

const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface AuditedRequest {
  op: OperationSpec;
  principal: RequestPrincipal;
  requestId: string;
  /** The request path, `/v1/customers/…`. */
  path: string;
  /** Path parameters as sent (they may not have passed validation yet). */
  pathParams: Record<string, string>;
  at: Date;
}

export interface AuditOutcome {
  status: number;
  /** The answer's body, for a create's new id. */
  body?: unknown;
  /** For a refused or failed attempt, its problem code. */
  problemCode?: string;
}

/** The collection a path names: `/v1/billing-entities/{id}` → `billing-entities`. */
function objectTypeOf(path: string): string {
  return path.split('/')[2] ?? '';
}

/** The path's first id, or the id of what a create made (`{id}`, or `{apiKey: {id}}` for a new API key). */
function objectIdOf(request: AuditedRequest, outcome: AuditOutcome): string | null {
  const first = request.op.path.match(/\{(\w+)\}/)?.[1];
  const fromPath = first ? request.pathParams[first] : undefined;
  if (fromPath !== undefined) return SAFE_ID.test(fromPath) ? fromPath : null;
  if (outcome.status !== 201 || typeof outcome.body !== 'object' || outcome.body === null) return null;
  const body = outcome.body as { id?: unknown; apiKey?: { id?: unknown } };
  const id = body.id ?? body.apiKey?.id;
  return typeof id === 'string' && SAFE_ID.test(id) ? id : null;
}

export function auditRecord(request: AuditedRequest, outcome: AuditOutcome): AuditRecord {
  const { principal, op } = request;
  const succeeded = outcome.status < 400;
  return {
    id: crypto.randomUUID(),
    occurredAt: request.at.toISOString(),
    requestId: request.requestId,
    operationId: op.operationId,
    method: op.method.toUpperCase() as AuditRecord['method'],
    path: request.path.slice(0, 2048),
    objectType: objectTypeOf(op.path),
    objectId: objectIdOf(request, outcome),
    outcome: succeeded ? 'SUCCEEDED' : 'FAILED',
    status: outcome.status,
    problemCode: succeeded ? null : (outcome.problemCode ?? null),
    tokenType: principal.tokenType,
    actorUserId: principal.staff.id,
    actorEmail: principal.staff.email,
    apiKeyId: principal.apiKeyId,
    sessionId: principal.sessionId,
    origin: principal.origin,
    billingEntityId: principal.billingEntity.id,
  };
}
