import { createContext } from '@lit/context';
import type { Client } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import type { Appearance } from '../theme/appearance.js';
import type { Principal, Scope } from '../api/types.js';
import type { ChangeListener } from '../live/change-feed.js';

/**
 * Where the session stands. `starting`: no principal yet; `active`: calls can be made; `expired`: the token could
 * not be renewed (the widgets show the session-expired state); `failed`: the principal could not be loaded.
 */
export type SessionStatus = 'starting' | 'active' | 'expired' | 'failed';

/**
 * What `<fco-admin-provider>` gives every widget below it. The provider replaces the whole object when anything in
 * it changes, so consumers that subscribe re-render.
 */
export interface AdminContext {
  readonly client: Client | undefined;
  readonly status: SessionStatus;
  readonly principal: Principal | undefined;
  readonly localizer: Localizer;
  readonly appearance: Appearance;
  /**
   * Bumped whenever a widget below the provider changed data on the server (an `fco-action-done`), so every other
   * list refreshes: a customer approved in one widget shows as ACTIVE in the next.
   */
  readonly revision: number;
  /** True when the principal may use `scope`. */
  has(scope: Scope): boolean;
  /** A widget saw a 401 the SDK could not recover from: the provider moves to `expired` (once) and says so. */
  reportUnauthenticated(reason: string): void;
  /** Asks the provider to load the principal again (after a failure). */
  retry(): void;
  /**
   * Listens for changes other sessions (or this one) made to objects of `kind` (the spec's schema name, `Customer`),
   * through the provider's one change stream; returns the way to stop. The same function for the provider's lifetime.
   */
  subscribeChanges(kind: string, listener: ChangeListener): () => void;
}

/** The context key. A string, not a Symbol, so two copies of this package on one page still find each other. */
export const adminContext = createContext<AdminContext | undefined>('fco-admin-context');
