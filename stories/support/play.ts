/**
 * What play functions do to reach a state, as a person would: the widget tests' DOM helpers (packages/widgets/test/
 * support/dom.ts), a row opened by its filter and what it shows, and text typed into the code editor.
 */
import { EditorView } from '@codemirror/view';
import { applyFilter, dataRows, inShadow, openDetail, tableOf, waitFor } from '../../packages/widgets/test/support/dom.js';

export { fill, inShadow, press, waitFor } from '../../packages/widgets/test/support/dom.js';

/** The first `tag` in the story once its list shows rows. */
export async function widgetIn(canvas: HTMLElement, tag: string): Promise<HTMLElement> {
  const widget = await waitFor(() => canvas.querySelector<HTMLElement>(tag), tag);
  await waitFor(() => inShadow(widget, 'fco-data-table') && dataRows(tableOf(widget)).length > 0, `the ${tag} rows`);
  return widget;
}

/**
 * Filters the widget's list (`filters` by filter field), then opens the row `pick` chooses among those shown (the
 * first by default) and waits for its fresh detail.
 */
export async function openRow(widget: HTMLElement, filters: Record<string, string>, pick: (row: HTMLElement) => boolean = () => true): Promise<HTMLDialogElement> {
  const table = tableOf(widget);
  await applyFilter(table, filters);
  const row = await waitFor(() => dataRows(table).find((r) => r.textContent?.includes(Object.values(filters)[0] ?? '') && pick(r)), `a row for ${JSON.stringify(filters)}`);
  return openDetail(widget, row);
}

/** A list row whose name cell reads exactly `name` (a name filter also finds longer names that contain it). */
export const named = (name: string) => (row: HTMLElement) =>
  [...row.querySelectorAll('[role="gridcell"]')].some((cell) => cell.textContent?.trim() === name);

/** Types `text` at the end of the CodeMirror editor inside `container` (as typing does: the editor reports the change). */
export async function typeAtEnd(container: Element, text: string): Promise<void> {
  const content = await waitFor(() => container.querySelector<HTMLElement>('fco-code-editor .cm-content'), 'the code editor');
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('no CodeMirror view in the code editor');
  view.focus();
  view.dispatch({ changes: { from: view.state.doc.length, insert: text }, selection: { anchor: view.state.doc.length + text.length }, scrollIntoView: true, userEvent: 'input.type' });
}
