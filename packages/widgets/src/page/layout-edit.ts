import type { LayoutTab, LayoutWidget } from '../api/types.js';

/** Pure edits of a layout's tabs; every function returns a new array and never mutates its input. */

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item as T);
  return next;
}

/** A slug (`^[a-z][a-z0-9-]*$`, ≤ 60) not yet in `taken`, derived from `wanted`. */
export function uniqueSlug(wanted: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base = wanted
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 50);
  if (base === '') base = 'tab';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

export function addTab(tabs: readonly LayoutTab[], title: string): { tabs: LayoutTab[]; id: string } {
  const id = uniqueSlug(title, tabs.map((t) => t.id));
  return { tabs: [...tabs, { id, title, widgets: [] }], id };
}

export function renameTab(tabs: readonly LayoutTab[], tabId: string, title: string): LayoutTab[] {
  return tabs.map((t) => (t.id === tabId ? { ...t, title } : t));
}

export function deleteTab(tabs: readonly LayoutTab[], tabId: string): LayoutTab[] {
  return tabs.length <= 1 ? [...tabs] : tabs.filter((t) => t.id !== tabId);
}

export function updateWidgets(
  tabs: readonly LayoutTab[],
  tabId: string,
  change: (widgets: LayoutWidget[]) => LayoutWidget[],
): LayoutTab[] {
  return tabs.map((t) => (t.id === tabId ? { ...t, widgets: change([...t.widgets]) } : t));
}

export function addWidget(tabs: readonly LayoutTab[], tabId: string, type: string): LayoutTab[] {
  return updateWidgets(tabs, tabId, (widgets) => [
    ...widgets,
    { id: uniqueSlug(type.replace(/^fco-/, ''), widgets.map((w) => w.id)), type },
  ]);
}

/** A widget's own title; an empty title goes back to the widget type's name. */
export function renameWidget(tabs: readonly LayoutTab[], tabId: string, widgetId: string, title: string): LayoutTab[] {
  return updateWidgets(tabs, tabId, (widgets) =>
    widgets.map((w) => {
      if (w.id !== widgetId) return w;
      const { title: _old, ...rest } = w;
      return title === '' ? rest : { ...rest, title };
    }),
  );
}

/** Moves a widget to the end of another tab, under an id not yet used there. */
export function moveWidgetToTab(tabs: readonly LayoutTab[], fromTab: string, widgetId: string, toTab: string): LayoutTab[] {
  const widget = tabs.find((t) => t.id === fromTab)?.widgets.find((w) => w.id === widgetId);
  const target = tabs.find((t) => t.id === toTab);
  if (!widget || !target) return [...tabs];
  const moved = { ...widget, id: uniqueSlug(widget.id, target.widgets.map((w) => w.id)) };
  return tabs.map((t) => {
    if (t.id === fromTab) return { ...t, widgets: t.widgets.filter((w) => w.id !== widgetId) };
    if (t.id === toTab) return { ...t, widgets: [...t.widgets, moved] };
    return t;
  });
}
