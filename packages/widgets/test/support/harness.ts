/**
 * Browser-side helpers for the widget tests: the real server's URL, logins, a typed SDK client for arranging and
 * verifying data through the API, mounting widgets inside a provider; finding and using their DOM is dom.ts (re-exported).
 */
import { createClient, type Client } from '@fco-admin/sdk';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define-all.js';
import type { FcoAdminProvider } from '../../src/provider/admin-provider.js';
import { inShadow, tableOf, waitFor, waitForRows } from './dom.js';
import type { StoredCustomer, StoredCustomerInput } from './store-command-types.js';
import { PASSED_ON_RETRY } from './retry-mark.js';

export {
  allInShadow, applyFilter, dataRows, deepInShadows, fill, inShadow, listOf, openDetail, openOnly, press, rowTexts, tableOf, waitFor, waitForRows,
  waitForSettled,
} from './dom.js';

/**
 * A test that failed and then passed when mocha ran it again (`retries` in web-test-runner.config.mjs) says so in the
 * browser's log, which scripts/failure-list.mjs reads: a test that needs its second attempt is reported, not hidden.
 */
const failedAttempts = new Set<string>();
afterEach(function reportRetried(this: Mocha.Context) {
  const title = this.currentTest?.fullTitle();
  if (title === undefined) return;
  // A failed attempt that mocha will run again has no state yet; a final failure is 'failed'.
  if (this.currentTest?.state !== 'passed') failedAttempts.add(title);
  else if (failedAttempts.has(title)) console.warn(`${PASSED_ON_RETRY} ${title}`);
});

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

/** Mounts one widget as `email` and waits for its rows; the widget and its table. */
export async function mountWidget(tag: string, email = LICENSEE, attributes = '') {
  const provider = await mount(`<${tag} ${attributes}></${tag}>`, { email });
  const widget = provider.querySelector(tag)!;
  const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, `the ${tag} table`));
  await waitForRows(table);
  return { provider, widget, table };
}
