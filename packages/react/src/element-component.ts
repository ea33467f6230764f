/**
 * One React component for one custom element: `@lit/react`'s wrapper (properties set as properties, typed `on…`
 * callbacks added as event listeners) that renders nothing on the server and during hydration, and registers its
 * element on its first render in the browser. The server and the hydrating client therefore agree (nothing there),
 * and the element appears in the render right after hydration, with no mismatch to warn about.
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';

export type { EventName };

export interface ElementComponentOptions<I extends HTMLElement, E extends Record<string, EventName | string>> {
  tagName: string;
  elementClass: new () => I;
  /** `on…` prop → event name, typed with the event's class: `{ onAction: 'fco-action' as EventName<FcoActionEvent> }`. */
  events: E;
  /** Registers the element (and what it renders by tag) before it is first created; called on every client render, so idempotent. */
  define: () => void;
}

const noSubscription = () => () => {};

/** False on the server and while hydrating, true in the browser afterwards (React re-renders once it flips). */
export function useHydrated(): boolean {
  return React.useSyncExternalStore(noSubscription, () => true, () => false);
}

export function elementComponent<I extends HTMLElement, E extends Record<string, EventName | string>>(
  options: ElementComponentOptions<I, E>,
): ReactWebComponent<I, E> {
  const { define, ...wrapped } = options;
  const Element = createComponent({ react: React, ...wrapped });
  // Props pass through untouched; their types are the wrapped component's (the cast below), not re-derived here.
  const ClientOnly = React.forwardRef<I, object>((props, ref) => {
    if (!useHydrated()) return null;
    define();
    return React.createElement(Element as React.ElementType, { ...props, ref });
  });
  ClientOnly.displayName = options.elementClass.name;
  return ClientOnly as ReactWebComponent<I, E>;
}
