import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChangeListener } from './change-feed.js';

/** Where a widget listens: its provider's subscribe function and the kind of object it shows. */
export interface LiveTarget {
  subscribe: (kind: string, listener: ChangeListener) => () => void;
  kind: string;
}

/**
 * Keeps a widget subscribed to its provider's change stream exactly while it wants changes: connected, inside a
 * provider, with its gate open (`target` returns undefined otherwise). Follows the provider and the kind as they change.
 */
export class LiveSubscription implements ReactiveController {
  private current: LiveTarget | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => LiveTarget | undefined,
    private readonly listener: ChangeListener,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow(this.target());
  }

  hostUpdated(): void {
    this.follow(this.target());
  }

  hostDisconnected(): void {
    this.follow(undefined);
  }

  private follow(target: LiveTarget | undefined): void {
    if (target?.subscribe === this.current?.subscribe && target?.kind === this.current?.kind) return;
    this.unsubscribe?.();
    this.unsubscribe = target?.subscribe(target.kind, this.listener);
    this.current = target;
  }
}
