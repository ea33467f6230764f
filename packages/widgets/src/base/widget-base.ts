import { LitElement, html, type TemplateResult } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import type { Client } from '@fco-admin/sdk';
import { adminContext, type AdminContext } from '../context/admin-context.js';
import { Localizer } from '../i18n/localizer.js';
import type { Messages } from '../i18n/messages.js';
import { classifyError, type ClassifiedError } from '../api/errors.js';
import type { Scope } from '../api/types.js';
import { FcoActionDoneEvent, FcoActionEvent, FcoLoadErrorEvent, type FcoAction } from '../events.js';
import { renderStatePanel } from './state-panel.js';

const fallbackLocalizer = new Localizer('en');

/**
 * What every widget shares: the provider's context, the gate that decides loading / forbidden / session expired
 * before any call is made, error reporting, and vetoable actions. Subclasses name the scopes they need and render
 * their content once the gate is open.
 */
export abstract class FcoWidget extends LitElement {
  @consume({ context: adminContext, subscribe: true })
  @state()
  protected context: AdminContext | undefined;

  /** Scopes without which the widget shows the forbidden state and calls nothing. */
  protected abstract readonly requiredScopes: readonly Scope[];

  protected get localizer(): Localizer {
    return this.context?.localizer ?? fallbackLocalizer;
  }

  protected get t(): Messages {
    return this.localizer.messages;
  }

  /** The client, once the session is active and the principal has every required scope. */
  protected get readyClient(): Client | undefined {
    return this.gateState === 'ready' ? this.context?.client : undefined;
  }

  protected get gateState(): 'loading' | 'expired' | 'forbidden' | 'failed' | 'ready' {
    const context = this.context;
    if (!context || context.status === 'starting') return 'loading';
    if (context.status === 'expired') return 'expired';
    if (context.status === 'failed') return 'failed';
    return this.missingScope === undefined ? 'ready' : 'forbidden';
  }

  protected get missingScope(): Scope | undefined {
    return this.requiredScopes.find((scope) => !this.context?.has(scope));
  }

  /** May the principal use `scope` (for optional actions such as editing)? */
  protected can(scope: Scope): boolean {
    return this.context?.has(scope) ?? false;
  }

  /** The state panel when the gate is closed, else undefined. */
  protected renderGate(): TemplateResult | undefined {
    const t = this.t;
    switch (this.gateState) {
      case 'loading':
        return renderStatePanel('loading', t.loading);
      case 'expired':
        return renderStatePanel('expired', t.sessionExpired);
      case 'failed':
        return renderStatePanel('error', t.error, () => this.context?.retry(), t.retry);
      case 'forbidden':
        return renderStatePanel('forbidden', html`${t.forbidden} ${t.forbiddenScope(this.missingScope ?? '')}`);
      case 'ready':
        return undefined;
    }
  }

  /** Reports a failed call (event + session expiry) and returns it classified for display. */
  protected reportError(error: unknown): ClassifiedError {
    const failure = classifyError(error);
    if (failure.kind === 'unauthenticated') this.context?.reportUnauthenticated(failure.message);
    this.dispatchEvent(new FcoLoadErrorEvent(failure.kind, failure.message, failure.code, failure.requestId));
    return failure;
  }

  /**
   * Runs a host-vetoable action: fires the cancelable `fco-action` first; if the host does not veto it, runs `perform`
   * and fires `fco-action-done`. Resolves to undefined when vetoed.
   */
  protected async runAction<T>(action: FcoAction, perform: () => Promise<T>): Promise<T | undefined> {
    const request = new FcoActionEvent(action);
    if (!this.dispatchEvent(request)) return undefined;
    const result = await perform();
    this.dispatchEvent(new FcoActionDoneEvent(action));
    return result;
  }
}
