/** Identity rules: log in, log out, API keys (hashed, shown once) and embed sessions. */
import { ApiProblem, type FieldError } from '../../http/problem.js';
import type { BillingTree } from '../../identity/billing-tree.js';
import { verifyPassword, UNUSABLE_PASSWORD_HASH } from '../../identity/passwords.js';
import {
  API_KEY_PREFIX,
  assertAdminPageAllowed,
  loadStaff,
  principalRepresentation,
  roleOf,
  tenancyOf,
  type RequestPrincipal,
} from '../../identity/principal.js';
import { sessionsTable, staffTable } from '../../identity/records.js';
import { roleScopes, sessionScopes, type Scope } from '../../identity/scopes.js';
import type { SignInAttempt } from '../../identity/sign-in-throttle.js';
import type { TokenSigner } from '../../identity/tokens.js';
import type { Schema } from '../../spec/types.js';
import { isKnownWidget } from '../../spec/widgets.js';
import { base64url, randomBytes, sha256Hex } from '../../store/crypto.js';
import { inScope } from '../../store/scope.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { apiKeyEntity, type ApiKey } from './entity.js';

export const EMBED_MAX_TTL_SECONDS = 15 * 60;

interface SessionInput {
  staffId: string;
  tokenType: 'SESSION' | 'EMBED';
  scopes: Scope[];
  widgets: string[] | null;
  origin: string | null;
  ttlSeconds: number;
}

/**
 * A new session and its token. The grant carries the change log's head as it was before the session existed: every
 * read made with the token comes after it, so a change stream started there misses no change to what they read.
 */
async function mintSession(store: TenantStore, signer: TokenSigner, now: Date, input: SessionInput): Promise<{ token: string; sessionId: string; expiresAt: Date; changeCursor: string }> {
  const { head } = await store.changeCursor();
  const sessionId = crypto.randomUUID();
  // Whole seconds: the token's `exp` claim has no finer unit, so the grant, the session row and the token agree.
  const expiresAt = new Date(Math.floor(now.getTime() / 1000 + input.ttlSeconds) * 1000);
  await store
    .records(sessionsTable)
    .insert({ id: sessionId, staff_id: input.staffId, token_type: input.tokenType, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), revoked: 0 });
  const token = await signer.sign({ sessionId, staffId: input.staffId, tokenType: input.tokenType, scopes: input.scopes, widgets: input.widgets, origin: input.origin, expiresAt }, now);
  return { token, sessionId, expiresAt, changeCursor: String(head) };
}

export interface SignInContext {
  signer: TokenSigner;
  now: Date;
  ttlSeconds: number;
  /** The billing entity tree as it is now. */
  tree: () => Promise<BillingTree>;
  /** Counts the attempt for the email and the caller's address (429 while either is locked); see sign-in-throttle.ts. */
  beginSignIn: (email: string) => Promise<SignInAttempt>;
}

export async function logIn(store: TenantStore, context: SignInContext, credentials: Schema<'SessionCreate'>): Promise<Schema<'SessionToken'>> {
  const { signer, now, ttlSeconds } = context;
  // Counted before the password is checked.
  const attempt = await context.beginSignIn(credentials.email);
  const staff = await loadStaff(store.records(staffTable), { email: credentials.email });
  // Always hash once, so a wrong email costs as long as a wrong password.
  const passwordOk = await verifyPassword(credentials.password, staff?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
  if (!staff || !passwordOk || staff.locked) {
    throw new ApiProblem('invalid_credentials', {
      detail: 'The email or the password is wrong.',
      headers: { 'WWW-Authenticate': 'Bearer realm="fco-admin"' },
    });
  }
  await attempt.succeeded();
  const tree = await context.tree();
  const billingEntity = tree.get(staff.billingEntityId);
  assertAdminPageAllowed(billingEntity);
  const role = roleOf(billingEntity);
  const scopes = sessionScopes(role);
  const session = await mintSession(store, signer, now, { staffId: staff.id, tokenType: 'SESSION', scopes, widgets: null, origin: null, ttlSeconds });
  const principal: RequestPrincipal = {
    tokenType: 'SESSION',
    staff,
    billingEntity,
    role,
    scopes: new Set(scopes),
    tenancy: tenancyOf(billingEntity, tree),
    widgets: null,
    origin: null,
    expiresAt: session.expiresAt,
    sessionId: session.sessionId,
    apiKeyId: null,
    key: `staff:${staff.id}`,
    tree,
  };
  return { token: session.token, tokenType: 'SESSION', expiresAt: session.expiresAt.toISOString(), principal: principalRepresentation(principal), changeCursor: session.changeCursor };
}

export async function logOut(store: TenantStore, principal: RequestPrincipal): Promise<void> {
  if (!principal.sessionId) {
    throw new ApiProblem('invalid_state', { detail: 'An API key is not a session; revoke it with DELETE /v1/api-keys/{id}.' });
  }
  await store.records(sessionsTable).update({ id: principal.sessionId }, { revoked: 1 });
}

function assertGrantable(principal: RequestPrincipal, scopes: readonly string[], what: string): void {
  const grantable = new Set<string>(principal.tokenType === 'SESSION' ? roleScopes(principal.role) : principal.scopes);
  const missing = scopes.filter((s) => !grantable.has(s));
  if (missing.length) throw new ApiProblem('forbidden', { detail: `${what} cannot have scopes you do not hold: ${missing.join(', ')}.` });
}

export async function createApiKey(
  store: TenantStore,
  principal: RequestPrincipal,
  now: Date,
  input: Schema<'ApiKeyCreate'>,
): Promise<Schema<'ApiKeySecret'>> {
  assertGrantable(principal, input.scopes, 'An API key');
  const secret = `${API_KEY_PREFIX}${base64url(randomBytes(32))}`;
  const apiKey: ApiKey = {
    id: crypto.randomUUID(),
    name: input.name,
    prefix: secret.slice(0, 12),
    billingEntityId: principal.billingEntity.id,
    createdByUserId: principal.staff.id,
    scopes: input.scopes,
    createdAt: now.toISOString(),
    lastUsedAt: null,
    revoked: false,
    secretHash: await sha256Hex(secret),
  };
  const stored = await store.repository(apiKeyEntity).insert(apiKey);
  return { apiKey: stored, secret };
}

export async function createEmbedSession(
  store: TenantStore,
  signer: TokenSigner,
  principal: RequestPrincipal,
  now: Date,
  input: Schema<'EmbedSessionCreate'>,
): Promise<Schema<'SessionToken'>> {
  if (principal.tokenType !== 'API_KEY') {
    throw new ApiProblem('forbidden', { detail: 'Embed sessions are created by a backend with an API key, not with a session token.' });
  }
  const staff = await loadStaff(store.records(staffTable), { email: input.userEmail });
  if (!staff || !inScope(principal.tenancy, staff.billingEntityId) || staff.locked) throw ApiProblem.unknownReference('/userEmail', 'admin user');
  const billingEntity = principal.tree.get(staff.billingEntityId);
  assertAdminPageAllowed(billingEntity);
  const role = roleOf(billingEntity);
  const userScopes = new Set<string>(sessionScopes(role));
  const beyond = input.scopes.filter((s) => !userScopes.has(s) || !principal.scopes.has(s));
  if (beyond.length) {
    throw new ApiProblem('forbidden', { detail: `Neither the user nor the API key may grant: ${beyond.join(', ')}.` });
  }
  const origin = new URL(input.origin).origin;
  if (!billingEntity.allowedOrigins.includes(origin)) {
    throw new ApiProblem('origin_not_allowed', {
      status: 422,
      detail: `${origin} is not an allowed origin of ${billingEntity.name}.`,
      errors: [{ location: 'body', pointer: '/origin', code: 'origin_not_allowed', message: 'not on the billing entity\'s allowed origins' }],
    });
  }
  const unknownWidgets = (input.widgets ?? []).flatMap((name, i): FieldError[] =>
    isKnownWidget(name) ? [] : [{ location: 'body', pointer: `/widgets/${i}`, code: 'unknown_widget', message: `The Admin page has no widget "${name}".` }]);
  if (unknownWidgets.length) {
    throw new ApiProblem('validation_failed', { detail: unknownWidgets.map((e) => e.message).join(' '), errors: unknownWidgets });
  }
  const ttlSeconds = Math.min(input.ttlSeconds ?? 600, EMBED_MAX_TTL_SECONDS);
  const widgets = input.widgets?.length ? input.widgets : null;
  const session = await mintSession(store, signer, now, { staffId: staff.id, tokenType: 'EMBED', scopes: input.scopes, widgets, origin, ttlSeconds });
  const embedded: RequestPrincipal = {
    ...principal,
    tokenType: 'EMBED',
    staff,
    billingEntity,
    role,
    scopes: new Set(input.scopes),
    tenancy: tenancyOf(billingEntity, principal.tree),
    widgets,
    origin,
    expiresAt: session.expiresAt,
    sessionId: session.sessionId,
    apiKeyId: null,
  };
  return { token: session.token, tokenType: 'EMBED', expiresAt: session.expiresAt.toISOString(), principal: principalRepresentation(embedded), changeCursor: session.changeCursor };
}
