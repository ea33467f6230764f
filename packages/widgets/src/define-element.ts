import { FcoDataTable } from './table/data-table.js';
import { FcoTreeGrid } from './table/tree-grid.js';

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

/** A widget class with its default tag, as the registry lists them. */
type DefinableWidget = { readonly tag: string; new (): HTMLElement };

/**
 * Registers the given widgets under their default tags, with the data table and tree they use (elements a widget
 * loads lazily, such as the code editor, it registers itself when it first connects): `defineWidgets(FcoServers,
 * FcoDisks)`, at least one. A host's bundler then keeps only these widgets: this module does not import the others
 * (every one is `define-all.js`, which goes through the registry).
 */
export function defineWidgets(...widgets: readonly [DefinableWidget, ...DefinableWidget[]]): void {
  defineElement('fco-data-table', FcoDataTable);
  defineElement('fco-tree-grid', FcoTreeGrid);
  for (const widget of widgets) defineElement(widget.tag, widget as CustomElementConstructor);
}
