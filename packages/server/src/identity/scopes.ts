/**
 * The scope catalogue (the spec's `Scope` enum) and what each role may hold. Licensee admins hold everything;
 * billing entity admins all but hardware and FDL signing. `embed-sessions:create` is for API keys: an admin holds it
 * only to grant it to a key, a session token never carries it.
 */
import { ALL_SCOPES } from '../spec/document.js';
import type { Schema } from '../spec/types.js';

export type Scope = Schema<'Scope'>;
export type Role = Schema<'Role'>;

const LICENSEE_ONLY: readonly string[] = ['hardware:read', 'hardware:write', 'plugins:sign'];
const API_KEYS_ONLY: readonly string[] = ['embed-sessions:create'];

export function roleScopes(role: Role): Scope[] {
  return (ALL_SCOPES as Scope[]).filter((s) => role === 'LICENSEE_ADMIN' || !LICENSEE_ONLY.includes(s));
}

/** What a session token of this role acts with. */
export function sessionScopes(role: Role): Scope[] {
  return roleScopes(role).filter((s) => !API_KEYS_ONLY.includes(s));
}

export function isScope(value: string): value is Scope {
  return ALL_SCOPES.includes(value);
}
