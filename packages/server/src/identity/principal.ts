/**
 * Resolves the bearer token of a request to one principal, and computes its tenancy scope and permissions once.
 * Session and embed tokens are JWTs checked against the sessions table (so logout revokes them); API keys are
 * looked up by their hash. A billing entity admin acts only while that billing entity's Admin page is enabled.
 */
import { billingEntityEntity } from '../areas/billing-entities/entity.js';
import { apiKeyEntity } from '../areas/identity/entity.js';
import { ApiProblem } from '../problem.js';
import type { Schema } from '../spec/types.js';
import { operation } from '../spec/document.js';
import { widgetsMayCall } from '../spec/widgets.js';
import { sha256Hex } from '../store/crypto.js';
import { Memo } from '../store/memo.js';
import { sharedBody } from '../store/shared-body.js';
import type { Records } from '../store/records.js';
import { ALL_TENANTS, tenantScope, type TenantScope } from '../store/scope.js';
import type { Store } from '../store/store.js';
import { BillingTree, type BillingNode } from './billing-tree.js';
import { sessionsTable, staffTable, type StaffRow } from './records.js';
import { roleScopes, type Role, type Scope } from './scopes.js';
import { unauthenticated, type TokenClaims, type TokenSigner } from './tokens.js';

export const API_KEY_PREFIX = 'fco_';

export interface StaffMember {
  id: string;
  billingEntityId: string;
  email: string;
  firstName: string;
  lastName: string;
  locked: boolean;
}

export interface RequestPrincipal {
  tokenType: Schema<'TokenType'>;
  staff: StaffMember;
  billingEntity: BillingNode;
  role: Role;
  scopes: ReadonlySet<Scope>;
  /** The billing entities this principal may see; handed to every repository. */
  tenancy: TenantScope;
  /** For embed tokens limited to widgets, their tag names (null: not limited). */
  widgets: string[] | null;
  origin: string | null;
  expiresAt: Date | null;
  sessionId: string | null;
  apiKeyId: string | null;
  /** Stable identity for per-principal state (idempotency keys, rate limits). */
  key: string;
  tree: BillingTree;
}

export function roleOf(billingEntity: BillingNode): Role {
  return billingEntity.isMaster ? 'LICENSEE_ADMIN' : 'BE_ADMIN';
}

/** Tenancies worked out per tree (a tree is replaced, never changed, when the billing entities change). */
const tenancies = new WeakMap<BillingTree, Map<string, TenantScope>>();

/** The tenancy of an admin of a billing entity: all (licensee) or the billing entity and its descendants. */
export function tenancyOf(billingEntity: BillingNode, tree: BillingTree): TenantScope {
  if (billingEntity.isMaster) return ALL_TENANTS;
  let known = tenancies.get(tree);
  if (!known) tenancies.set(tree, (known = new Map()));
  let scope = known.get(billingEntity.id);
  if (!scope) known.set(billingEntity.id, (scope = tenantScope(tree.subtree(billingEntity.id), tree.lineage(billingEntity.id))));
  return scope;
}

const roleScopeSets = new Map<Role, ReadonlySet<string>>();

/** The scopes a role may hold, as a set (made once per role). */
function allowedScopes(role: Role): ReadonlySet<string> {
  let set = roleScopeSets.get(role);
  if (!set) roleScopeSets.set(role, (set = new Set<string>(roleScopes(role))));
  return set;
}

/** Refuses admins who may not use the Admin page at all (403 on everything, login included). */
export function assertAdminPageAllowed(billingEntity: BillingNode | undefined): asserts billingEntity is BillingNode {
  if (!billingEntity) throw new ApiProblem('forbidden', { detail: 'The billing entity no longer exists.' });
  if (!billingEntity.isMaster && !billingEntity.adminPageEnabled) {
    throw new ApiProblem('forbidden', { detail: 'The Admin page is not enabled for this billing entity.' });
  }
}

/**
 * What a token's grant comes to today, whichever kind of token: the billing entity it acts for (refused when the Admin
 * page is off for it), that entity's role, the granted scopes the role still allows (never more), and the tenancy.
 */
function grantToday(billingEntityId: string, granted: readonly string[], tree: BillingTree): Pick<RequestPrincipal, 'billingEntity' | 'role' | 'scopes' | 'tenancy' | 'tree'> {
  const billingEntity = tree.get(billingEntityId);
  assertAdminPageAllowed(billingEntity);
  const role = roleOf(billingEntity);
  const allowed = allowedScopes(role);
  const scopes = new Set(granted.filter((s): s is Scope => allowed.has(s)));
  return { billingEntity, role, scopes, tenancy: tenancyOf(billingEntity, tree), tree };
}

export async function loadStaff(staff: Records<StaffRow>, where: { id: string } | { email: string }): Promise<(StaffMember & { passwordHash: string }) | undefined> {
  const row = await staff.find('id' in where ? { id: where.id } : { email: where.email.toLowerCase() });
  if (!row) return undefined;
  return {
    id: String(row.id),
    billingEntityId: String(row.billing_entity_id),
    email: String(row.email),
    firstName: String(row.first_name),
    lastName: String(row.last_name),
    locked: Number(row.locked) === 1,
    passwordHash: String(row.password_hash),
  };
}

export interface ResolveContext {
  store: Store;
  signer: TokenSigner;
  now: Date;
  origin: string | undefined;
}

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case), or null for any other header. */
export function bearerToken(authorization: string | undefined): string | null {
  // No regular expression: this runs on every request, over a token of a few hundred characters. A header value holds
  // no line breaks; between its words HTTP allows spaces and tabs.
  if (authorization === undefined || authorization.length < 8 || authorization.slice(0, 6).toLowerCase() !== 'bearer') return null;
  const gap = authorization[6];
  if (gap !== ' ' && gap !== '\t') return null;
  const token = authorization.slice(7).trim();
  return token !== '' && !token.includes(' ') && !token.includes('\t') ? token : null;
}

export async function resolvePrincipal(authorization: string | undefined, context: ResolveContext): Promise<RequestPrincipal> {
  const token = bearerToken(authorization);
  if (token === null) throw unauthenticated('unauthenticated', authorization ? 'The Authorization header is not "Bearer <token>".' : 'No bearer token; log in first.');
  const principal = token.startsWith(API_KEY_PREFIX) ? await fromApiKey(token, context) : await fromJwt(token, context);
  if (principal.tokenType === 'EMBED') {
    if (!context.origin || context.origin !== principal.origin) {
      throw unauthenticated('origin_not_allowed', 'This embed token is bound to another origin.');
    }
    // The origin was on the billing entity's list when the token was minted; taking it off the list ends the
    // token at once, for clients that ignore CORS too.
    if (!principal.billingEntity.allowedOrigins.includes(principal.origin)) {
      throw unauthenticated('origin_not_allowed', 'The origin of this embed token is no longer allowed for its billing entity.');
    }
  }
  return principal;
}

/** Token principals kept per store: as many as the signer keeps verified tokens. */
const KEPT_PRINCIPALS = 1_000;
/** Every table a token's principal is read from: a write to any of them ends every kept principal. */
const PRINCIPAL_TABLES = [sessionsTable.table, staffTable.table, billingEntityEntity.table];
/** The same for API keys, whose principal is read from the key instead of a session. */
const API_KEY_PRINCIPAL_TABLES = [apiKeyEntity.table, staffTable.table, billingEntityEntity.table];
const keptPrincipals = new WeakMap<Store, Memo<{ versions: string; principal: Promise<RequestPrincipal> }>>();

/** A store's memo of these (made the first time it is asked for), as many entries as tokens' principals are kept. */
function memoOf<V>(memos: WeakMap<Store, Memo<V>>, store: Store): Memo<V> {
  let memo = memos.get(store);
  if (!memo) memos.set(store, (memo = new Memo<V>(KEPT_PRINCIPALS)));
  return memo;
}

/**
 * A token's principal: kept while none of the tables it was read from changed (their versions, which triggers raise
 * for staff and sessions, so an admin locked by hand counts), else read again. Read before the rows: a write landing
 * during the read leaves the principal under old versions, never used again. Kept as the read under way, so the
 * requests a page sends at once with a new token (its first list and its change stream) share one read; a read that
 * fails is not kept. Frozen: every later request with the token shares it.
 */
async function keptPrincipal(token: string, tables: readonly string[], context: ResolveContext, read: () => Promise<RequestPrincipal>): Promise<RequestPrincipal> {
  const kept = memoOf(keptPrincipals, context.store);
  const versions = await context.store.versions(tables);
  const known = kept.get(token);
  if (known?.versions === versions) return known.principal;
  const entry = { versions, principal: read().then((principal) => Object.freeze(principal)) };
  kept.set(token, entry);
  entry.principal.catch(() => kept.forget(token, entry));
  return entry.principal;
}

/** A session or embed token's principal (kept, see keptPrincipal). Its expiry is checked on every request by `verify`; its origin by the caller. */
async function fromJwt(token: string, context: ResolveContext): Promise<RequestPrincipal> {
  const claims = await context.signer.verify(token, context.now);
  return keptPrincipal(token, PRINCIPAL_TABLES, context, () => readJwtPrincipal(claims, context));
}

async function readJwtPrincipal(claims: TokenClaims, context: ResolveContext): Promise<RequestPrincipal> {
  // Three reads that need nothing from each other: on PostgreSQL they go out together (one round trip's wait, not three).
  const [session, staff, tree] = await Promise.all([
    context.store.records(sessionsTable).find({ id: claims.sessionId }),
    loadStaff(context.store.records(staffTable), { id: claims.staffId }),
    BillingTree.current(context.store),
  ]);
  if (!session || Number(session.revoked) === 1 || String(session.staff_id) !== claims.staffId) {
    throw unauthenticated('unauthenticated', 'The session has ended; log in again.');
  }
  if (!staff || staff.locked) throw unauthenticated('unauthenticated', 'The account is not active.');
  return {
    tokenType: claims.tokenType,
    staff,
    ...grantToday(staff.billingEntityId, claims.scopes, tree),
    widgets: claims.widgets,
    origin: claims.origin,
    expiresAt: claims.expiresAt,
    sessionId: claims.sessionId,
    apiKeyId: null,
    key: `staff:${staff.id}`,
  };
}

/**
 * How often an API key's `lastUsedAt` is written: at most once a minute per key. Written on every request, it made a
 * write transaction of every read, a change event of every call, and a new ETag under an admin about to revoke a key
 * in use (412 until they read it again).
 */
export const LAST_USED_EVERY_MS = 60_000;
/**
 * The latest lastUsedAt this instance knows of each key (by key id), read or written: a kept principal reads no row,
 * and requests arriving together write it once.
 */
const lastUsedKnown = new WeakMap<Store, Memo<number>>();

/** An API key's principal (kept, see keptPrincipal), noting when the key was used (see LAST_USED_EVERY_MS). */
async function fromApiKey(token: string, context: ResolveContext): Promise<RequestPrincipal> {
  let recorded: string | null = null;
  const principal = await keptPrincipal(token, API_KEY_PRINCIPAL_TABLES, context, async () => {
    const { principal, lastUsedAt } = await readApiKeyPrincipal(token, context);
    recorded = lastUsedAt;
    return principal;
  });
  const known = memoOf(lastUsedKnown, context.store);
  const id = principal.apiKeyId!;
  const last = Math.max(recorded === null ? 0 : Date.parse(recorded), known.get(id) ?? 0);
  const now = context.now.getTime();
  if (now - last < LAST_USED_EVERY_MS) {
    known.set(id, last);
    return principal;
  }
  // Noted before the write is awaited, so requests arriving meanwhile do not write it again.
  known.set(id, now);
  await context.store.platform().repository(apiKeyEntity).update(id, (current) => ({ ...current, lastUsedAt: context.now.toISOString() }));
  return principal;
}

async function readApiKeyPrincipal(token: string, context: ResolveContext): Promise<{ principal: RequestPrincipal; lastUsedAt: string | null }> {
  const keys = context.store.platform().repository(apiKeyEntity);
  const [key] = await keys.findAll({ secretHash: await sha256Hex(token) }, { limit: 1 });
  if (!key || key.revoked) throw unauthenticated('unauthenticated', 'The API key is not valid or was revoked.');
  const staff = await loadStaff(context.store.records(staffTable), { id: key.createdByUserId });
  if (!staff) throw unauthenticated('unauthenticated', 'The API key belongs to an admin who no longer exists.');
  // A key acts as the admin who made it, so it ends with their account, as their sessions do.
  if (staff.locked) throw unauthenticated('unauthenticated', 'The API key belongs to an admin whose account is not active.');
  const principal: RequestPrincipal = {
    tokenType: 'API_KEY',
    staff,
    ...grantToday(key.billingEntityId, key.scopes, await BillingTree.current(context.store)),
    widgets: null,
    origin: null,
    expiresAt: null,
    sessionId: null,
    apiKeyId: key.id,
    key: `api-key:${key.id}`,
  };
  return { principal, lastUsedAt: key.lastUsedAt };
}

/** 403 naming the scopes an operation needs that the principal lacks. */
export function assertScopes(principal: RequestPrincipal, required: readonly string[]): void {
  const missing = required.filter((s) => !principal.scopes.has(s as Scope));
  if (missing.length) {
    throw new ApiProblem('forbidden', {
      detail: `This operation needs the scope${missing.length > 1 ? 's' : ''} ${missing.map((s) => `"${s}"`).join(', ')}.`,
    });
  }
}

/**
 * Whether the principal's token may call the operation at all: its scopes and, for embed tokens limited to widgets,
 * those widgets' operations. The same two rules as the checks below, asked ahead of a call (the default layout).
 */
export function mayCall(principal: Pick<RequestPrincipal, 'scopes' | 'widgets'>, operationId: string): boolean {
  const required = operation(operationId).requiredScopes ?? [];
  return required.every((s) => principal.scopes.has(s as Scope)) && widgetsMayCall(principal.widgets, operationId);
}

/** 403 when an embed token limited to widgets calls an operation none of them uses (x-fco-widgets in the spec). */
export function assertWidgetsAllow(principal: RequestPrincipal, operationId: string): void {
  if (widgetsMayCall(principal.widgets, operationId)) return;
  throw new ApiProblem('forbidden', {
    detail: `This embed token is for the widgets ${principal.widgets!.join(', ')}; none of them calls ${operationId}.`,
  });
}

const representations = new WeakMap<RequestPrincipal, Schema<'Principal'>>();

/** The Principal representation of the spec: made once per principal (a kept one answers `GET /v1/me` from memory). */
export function principalRepresentation(principal: RequestPrincipal): Schema<'Principal'> {
  let representation = representations.get(principal);
  if (!representation) {
    representation = sharedBody({
      user: { id: principal.staff.id, firstName: principal.staff.firstName, lastName: principal.staff.lastName, email: principal.staff.email },
      billingEntity: { id: principal.billingEntity.id, name: principal.billingEntity.name, isMaster: principal.billingEntity.isMaster },
      role: principal.role,
      scopes: [...principal.scopes],
      widgets: principal.widgets ? [...principal.widgets] : null,
      origin: principal.origin,
      tokenType: principal.tokenType,
      expiresAt: principal.expiresAt ? principal.expiresAt.toISOString() : null,
    });
    representations.set(principal, representation);
  }
  return representation;
}
