/**
 * The spec's `x-fco-widgets` table (openapi/widgets.yaml): which operations each widget calls. An embed token that
 * names widgets may call exactly the operations of those widgets and of the provider they sit in.
 */
import { operations, spec } from './document.js';

/** Every widget sits in a provider, so its operations come with any list of widgets. */
export const PROVIDER_ELEMENT = 'fco-admin-provider';

function loadTable(): ReadonlyMap<string, ReadonlySet<string>> {
  const raw = spec['x-fco-widgets'] as Record<string, string[]> | undefined;
  if (!raw || typeof raw !== 'object') throw new Error('The spec has no x-fco-widgets table');
  const table = new Map<string, ReadonlySet<string>>();
  for (const [element, ids] of Object.entries(raw)) {
    const unknown = ids.filter((id) => !operations.has(id));
    if (unknown.length) throw new Error(`x-fco-widgets: ${element} names operations the spec does not have: ${unknown.join(', ')}`);
    table.set(element, new Set(ids));
  }
  if (!table.has(PROVIDER_ELEMENT)) throw new Error(`x-fco-widgets has no ${PROVIDER_ELEMENT}`);
  return table;
}

export const WIDGET_OPERATIONS = loadTable();

export function isKnownWidget(name: string): boolean {
  return WIDGET_OPERATIONS.has(name);
}

/** Whether a token limited to these widgets (null: not limited) may call the operation. */
export function widgetsMayCall(widgets: readonly string[] | null, operationId: string): boolean {
  if (widgets === null) return true;
  return [PROVIDER_ELEMENT, ...widgets].some((widget) => WIDGET_OPERATIONS.get(widget)?.has(operationId) ?? false);
}

/** The operation a widget shows (the first of its entry, by the table's convention); a widget that cannot call it has nothing to show. */
export function shownOperation(widget: string): string | undefined {
  return WIDGET_OPERATIONS.get(widget)?.values().next().value;
}
