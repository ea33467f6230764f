/**
 * Finding and using the widgets' DOM as a person does — waiting for what shows, looking into shadow roots, filtering a
 * table, opening a row's detail, pressing a dialog's buttons, typing into its form. Plain DOM only (no test runner),
 * so the widget tests (through harness.ts) and Storybook's play functions share it.
 */
import type { FcoDataTable } from '../../src/table/data-table.js';

export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    let value: T | undefined | null | false;
    try {
      value = probe();
    } catch {
      value = undefined;
    }
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

/** The first element matching `selector` inside `root`'s shadow root. */
export function inShadow<E extends Element = HTMLElement>(root: Element, selector: string): E | null {
  return root.shadowRoot?.querySelector<E>(selector) ?? null;
}

export function allInShadow<E extends Element = HTMLElement>(root: Element, selector: string): E[] {
  return [...(root.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
}

/** The data table inside a widget (the first, i.e. the widget's main list). */
export function tableOf(widget: Element): FcoDataTable<Record<string, unknown>> {
  const table = inShadow<FcoDataTable<Record<string, unknown>>>(widget, 'fco-data-table');
  if (!table) throw new Error(`${widget.localName} has no table`);
  return table;
}

/** A widget's main list, whether a data table or a tree grid (a hierarchy such as the billing entities). */
export function listOf(widget: Element): Element {
  const list = inShadow(widget, 'fco-data-table, fco-tree-grid');
  if (!list) throw new Error(`${widget.localName} has no list`);
  return list;
}

/** Rendered data rows (with data, not skeletons) of a table or tree grid. */
export function dataRows(table: Element): HTMLElement[] {
  return allInShadow(table, '.body [role="row"][data-key], .tree-body [role="row"][data-key]');
}

export async function waitForRows(table: Element, what = 'rows'): Promise<HTMLElement[]> {
  // Bring the table into the window's viewport, as a user would before reading it.
  table.scrollIntoView({ block: 'start' });
  try {
    return await waitFor(() => {
      const rows = dataRows(table);
      return rows.length > 0 ? rows : undefined;
    }, what);
  } catch (error) {
    const state = table as unknown as { status?: string; total?: number; error?: { message: string } };
    const shown = table.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`${(error as Error).message} (status ${state.status}, total ${state.total}, error ${state.error?.message}, showing: ${shown})`);
  }
}

/** Waits until the table shows its loaded state (rows, or the empty panel). */
export async function waitForSettled(table: Element): Promise<void> {
  await waitFor(
    () => dataRows(table).length > 0 || inShadow(table, '[data-state="empty"]') || inShadow(table, '[data-state="error"]'),
    'the table to settle',
  );
}

export function rowTexts(table: Element): string[] {
  return dataRows(table).map((row) => row.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** Elements matching `selector` in `root`'s shadow root and in every shadow root nested inside it. */
export function deepInShadows(root: Element, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (shadow: ShadowRoot) => {
    found.push(...shadow.querySelectorAll(selector));
    for (const element of shadow.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  return found;
}

/** Types into a filter field of a table and applies the filter bar. */
export async function applyFilter(table: Element, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = inShadow<HTMLInputElement | HTMLSelectElement>(table, `form.filters [data-filter="${name}"]`);
    if (!field) throw new Error(`no filter field ${name}`);
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  }
  inShadow<HTMLButtonElement>(table, 'form.filters button[type="submit"]')!.click();
}

/**
 * Opens a row's detail as a user does (a click on its first cell) and waits until the dialog shows the record as
 * read fresh from the server: its actions are enabled then.
 */
export async function openDetail(widget: Element, row: Element): Promise<HTMLDialogElement> {
  row.querySelector<HTMLElement>('[role="gridcell"]:not(.check)')!.click();
  const dialog = await waitFor(() => inShadow<HTMLDialogElement>(widget, 'dialog[open]'), 'the detail dialog');
  await waitFor(() => dialog.querySelector('h2') && !dialog.querySelector('[role="status"].muted'), 'the fresh read of the record');
  return dialog;
}

/** Clicks an enabled button of the dialog (waiting for it to be there and enabled, as a person would). */
export async function press(dialog: Element, action: string): Promise<void> {
  const button = await waitFor(() => {
    const found = dialog.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
    return found && !found.disabled ? found : undefined;
  }, `the ${action} button`);
  button.click();
}

/** Types into a form control of a dialog as a person does (`data-field` is the field's JSON pointer without the `/`). */
export async function fill(dialog: Element, values: Record<string, string | boolean | string[]>): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    const control = await waitFor(() => dialog.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`form [data-field="${field}"]`), `the field ${field}`);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = value === true;
      control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    } else if (control instanceof HTMLSelectElement && control.multiple) {
      for (const option of control.options) option.selected = (value as string[]).includes(option.value);
      control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    } else {
      control.value = Array.isArray(value) ? value.join('\n') : String(value);
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
    }
  }
}

/** Narrows a widget's table with its search (or another filter) until exactly the expected row shows; opens it. */
export async function openOnly(widget: Element, filters: Record<string, string>, expected: string): Promise<HTMLDialogElement> {
  const table = tableOf(widget);
  await applyFilter(table, filters);
  await waitFor(() => dataRows(table).length === 1 && rowTexts(table)[0]!.includes(expected), `only ${expected}`);
  return openDetail(widget, dataRows(table)[0]!);
}
