/**
 * @fco-admin/react: a React component for every FCO Admin Kit element, with its properties as props and a typed
 * `on…` callback for each of its events (`onAction`, `onLoadError`, …). Each registers its element on first use in
 * the browser and renders nothing on the server. Event classes and other types come from `@fco-admin/widgets`.
 */
export * from './generated/elements.js';
export { elementComponent, useHydrated, type ElementComponentOptions, type EventName } from './element-component.js';
