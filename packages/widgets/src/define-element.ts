import { FcoDataTable } from './table/data-table.js';
import { FcoTreeGrid } from './table/tree-grid.js';
import { widgetRegistry } from './registry.js';

/**
 * Registers `constructor` as `name` unless that name is taken. Registering the same class twice is harmless (two
 * entry points may both need the shared table); a different class under a taken name is a host mistake worth an error.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (existing === constructor) return;
  if (existing) throw new Error(`<${name}> is already registered with a different class; register FCO Admin Kit widgets under another name.`);
  customElements.define(name, constructor);
}

/**
 * Registers widgets of the registry under their default tags, with the data table and tree they use (elements a
 * widget loads lazily, such as the code editor, it registers itself when it first connects):
 * `defineWidgets(FcoServers, FcoDisks)`. Without arguments, every widget.
 */
export function defineWidgets(...widgets: readonly { readonly tag: string; new (): HTMLElement }[]): void {
  defineElement('fco-data-table', FcoDataTable);
  defineElement('fco-tree-grid', FcoTreeGrid);
  for (const widget of widgets.length > 0 ? widgets : widgetRegistry) defineElement(widget.tag, widget as CustomElementConstructor);
}
