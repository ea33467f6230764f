/**
 * Every event the widgets fire. Each is a typed `Event` subclass whose name starts with `fco-`; all bubble and are
 * composed so a host page hears them from inside any shadow root. Actions a host may veto fire the cancelable
 * {@link FcoActionEvent} before anything is sent to the server.
 */

/** The kinds of failure a widget reports; small on purpose so hosts can switch over it exhaustively. */
export type LoadErrorKind =
  | 'network'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'refused'
  | 'invalid-request'
  | 'rate-limited'
  | 'server';

const eventInit = { bubbles: true, composed: true } as const;

/** The session could not be refreshed (expired, revoked, or the token callback failed). */
export class FcoSessionExpiredEvent extends Event {
  static readonly eventName = 'fco-session-expired';
  constructor(readonly reason: string) {
    super(FcoSessionExpiredEvent.eventName, eventInit);
  }
}

/** A widget could not load or save; `kind` says what went wrong, `code` is the server's stable problem code. */
export class FcoLoadErrorEvent extends Event {
  static readonly eventName = 'fco-load-error';
  constructor(
    readonly kind: LoadErrorKind,
    readonly message: string,
    readonly code?: string,
    readonly requestId?: string,
  ) {
    super(FcoLoadErrorEvent.eventName, eventInit);
  }
}

/** The container selected a tab; `tabId` is the layout's tab id. */
export class FcoNavigateEvent extends Event {
  static readonly eventName = 'fco-navigate';
  constructor(
    readonly tabId: string,
    readonly title: string,
  ) {
    super(FcoNavigateEvent.eventName, eventInit);
  }
}

/** A counting widget (e.g. customers awaiting approval) has a new count. */
export class FcoCountChangedEvent extends Event {
  static readonly eventName = 'fco-count-changed';
  constructor(readonly count: number) {
    super(FcoCountChangedEvent.eventName, eventInit);
  }
}

/**
 * What a vetoable action is about: its `type` (the widget's action id: `approve`, `customer-edit`, `node-maintenance`,
 * `layout-save`…), the kind and id of the object acted on, and the body that will be sent (a merge patch for edits).
 * Widgets may add details of their own (e.g. `status` for a status change).
 */
export interface FcoAction {
  readonly type: string;
  readonly object?: string;
  readonly objectId?: string;
  readonly body?: Readonly<Record<string, unknown>>;
  readonly [detail: string]: unknown;
}

/**
 * Fired before an action is sent; calling `preventDefault()` vetoes it (nothing is sent).
 * After the server accepted it, {@link FcoActionDoneEvent} follows.
 */
export class FcoActionEvent extends Event {
  static readonly eventName = 'fco-action';
  constructor(readonly action: FcoAction) {
    super(FcoActionEvent.eventName, { ...eventInit, cancelable: true });
  }
}

/** An action was accepted by the server. */
export class FcoActionDoneEvent extends Event {
  static readonly eventName = 'fco-action-done';
  constructor(readonly action: FcoAction) {
    super(FcoActionDoneEvent.eventName, eventInit);
  }
}

/** A table row was opened (Enter or click); the widget shows its detail view. */
export class FcoRowOpenEvent<Row = unknown> extends Event {
  static readonly eventName = 'fco-row-open';
  constructor(
    readonly row: Row,
    readonly index: number,
  ) {
    super(FcoRowOpenEvent.eventName, eventInit);
  }
}

/** The selected rows of a table changed. */
export class FcoSelectionChangedEvent<Row = unknown> extends Event {
  static readonly eventName = 'fco-selection-changed';
  constructor(readonly rows: readonly Row[]) {
    super(FcoSelectionChangedEvent.eventName, eventInit);
  }
}

/** The layout was saved or reset on the server. */
export class FcoLayoutChangedEvent extends Event {
  static readonly eventName = 'fco-layout-changed';
  constructor() {
    super(FcoLayoutChangedEvent.eventName, eventInit);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fco-session-expired': FcoSessionExpiredEvent;
    'fco-load-error': FcoLoadErrorEvent;
    'fco-navigate': FcoNavigateEvent;
    'fco-count-changed': FcoCountChangedEvent;
    'fco-action': FcoActionEvent;
    'fco-action-done': FcoActionDoneEvent;
    'fco-row-open': FcoRowOpenEvent;
    'fco-selection-changed': FcoSelectionChangedEvent;
    'fco-layout-changed': FcoLayoutChangedEvent;
  }
}
