/**
 * Browser-side helpers for the widget tests: the real server's URL, logins, a typed SDK client for arranging and
 * verifying data through the API, mounting widgets inside a provider, and waiting for asynchronous rendering.
 */
import { createClient, type Client } from '@fco-admin/sdk';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define-all.js';
import type { FcoAdminProvider } from '../../src/provider/admin-provider.js';
import type { FcoDataTable } from '../../src/table/data-table.js';
import type { StoredCustomer, StoredCustomerInput } from './store-command-types.js';

export const PASSWORD = 'demo-password';
export const LICENSEE = 'admin@licensee.demo';
export const ALPHA = 'admin@alpha.demo';
export const BETA = 'admin@beta.demo';

export function apiUrl(): string {
  const url = document.querySelector<HTMLMetaElement>('meta[name="fco-api"]')?.content;
  if (!url) throw new Error('The test page has no <meta name="fco-api">: run through web-test-runner.config.mjs');
  return url;
}

export interface Grant {
  token: string;
  expiresAt: string;
}

export async function login(email: string, baseUrl = apiUrl()): Promise<Grant> {
  const response = await fetch(`${baseUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Grant;
}

/** A client acting as `email`, for arranging and checking data outside the widgets. */
export async function apiAs(email: string, baseUrl = apiUrl()): Promise<Client> {
  const grant = await login(email, baseUrl);
  return createClient({ baseUrl, auth: grant.token });
}

/** An embed token limited to `scopes`, minted by the test runner the way a portal backend does (API key). */
export async function embedToken(userEmail: string, scopes: string[]): Promise<Grant> {
  const result = await executeServerCommand<Grant, object>('fco-embed-token', { userEmail, scopes, origin: location.origin });
  if (!result) throw new Error('fco-embed-token returned nothing');
  return result;
}

export interface MountOptions {
  email?: string;
  /** Another server than the shared one (the restartable server). */
  baseUrl?: string;
  locale?: string;
  fetchSessionToken?: () => Promise<Grant>;
}

/** Mounts `<fco-admin-provider>` with `inner` (markup built by the test, no user data) and waits for the session. */
export async function mount(inner: string, options: MountOptions = {}): Promise<FcoAdminProvider> {
  const provider = document.createElement('fco-admin-provider');
  provider.baseUrl = options.baseUrl ?? apiUrl();
  provider.locale = options.locale ?? 'en';
  provider.fetchSessionToken = options.fetchSessionToken ?? (() => login(options.email ?? LICENSEE, provider.baseUrl));
  // Test-authored markup only: the widgets themselves never receive HTML.
  const template = document.createElement('template');
  template.innerHTML = inner;
  provider.append(template.content);
  document.body.append(provider);
  mounted.push(provider);
  await waitFor(() => provider.status !== 'starting', 'the provider to start its session');
  return provider;
}

const mounted: HTMLElement[] = [];

/** Removes what `mount` added (call in afterEach). */
export function unmountAll(): void {
  for (const element of mounted.splice(0)) element.remove();
}

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

export function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates an ACTIVE customer through the API. */
export async function createCustomer(client: Client, organisationName: string, extra: Record<string, unknown> = {}) {
  const slug = Math.random().toString(36).slice(2, 10);
  return client.customers.create({
    body: {
      organisationName,
      email: `billing-${slug}@widgets.example`,
      adminUser: { firstName: 'Test', lastName: 'Admin', email: `admin-${slug}@widgets.example` },
      ...extra,
    },
  });
}

/** Signs up a customer with Beta (manual approval), so it waits in PENDING_APPROVAL. */
export async function signUpPending(organisationName: string): Promise<string> {
  const beta = await apiAs(BETA);
  const me = await beta.identity.getMe();
  const slug = Math.random().toString(36).slice(2, 10);
  const result = await beta.customers.signUp({
    billingEntityId: me.billingEntity.id,
    body: {
      organisationName,
      email: `signup-${slug}@widgets.example`,
      firstName: 'Sign',
      lastName: 'Up',
      password: 'correct-horse-battery',
    },
  });
  if (result.status !== 'PENDING_APPROVAL') throw new Error(`expected a pending signup, got ${result.status}`);
  return result.customerId;
}

/**
 * Writes a customer and its admin user straight into the server's store, past the API's validation (see
 * store-commands.ts): how imported or legacy data that the API would refuse reaches the Admin page.
 */
export async function storeCustomerDirectly(input: StoredCustomerInput): Promise<StoredCustomer> {
  const result = await executeServerCommand<StoredCustomer, StoredCustomerInput>('fco-store-insert-customer', input);
  if (!result) throw new Error('fco-store-insert-customer returned nothing');
  return result;
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

/** Mounts one widget as `email` and waits for its rows; the widget and its table. */
export async function mountWidget(tag: string, email = LICENSEE, attributes = '') {
  const provider = await mount(`<${tag} ${attributes}></${tag}>`, { email });
  const widget = provider.querySelector(tag)!;
  const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, `the ${tag} table`));
  await waitForRows(table);
  return { provider, widget, table };
}

/** Narrows a widget's table with its search (or another filter) until exactly the expected row shows; opens it. */
export async function openOnly(widget: Element, filters: Record<string, string>, expected: string): Promise<HTMLDialogElement> {
  const table = tableOf(widget);
  await applyFilter(table, filters);
  await waitFor(() => dataRows(table).length === 1 && rowTexts(table)[0]!.includes(expected), `only ${expected}`);
  return openDetail(widget, dataRows(table)[0]!);
}
