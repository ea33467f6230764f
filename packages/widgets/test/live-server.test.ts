import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  ALPHA,
  LICENSEE,
  apiAs,
  applyFilter,
  createCustomer,
  dataRows,
  fill,
  inShadow,
  mount,
  openDetail,
  press,
  rowTexts,
  storeCustomerDirectly,
  tableOf,
  unique,
  unmountAll,
  waitFor,
} from './support/harness.js';

describe('live widgets against the real server', () => {
  afterEach(unmountAll);
  /** The restartable server seeds its demo data while the first test runs. */
  let restartable: Promise<string>;
  before(() => {
    restartable = restartableServer();
    restartable.catch(() => undefined); // reported by the test that needs it
  });

  /**
   * What one admin sees of another's change, pushed (nothing on the page reloads or polls, so without the stream it
   * never shows). Waits on the state, not on a clock: how soon it shows is printed, and a shared CI machine's load
   * must not fail the test (speed goals belong in benchmarks).
   */
  const seenPushed = async <T>(probe: () => T | undefined | null | false, what: string) => {
    const started = performance.now();
    const seen = await waitFor(probe, what);
    console.log(`live: ${what} after ${Math.round(performance.now() - started)} ms`);
    return seen;
  };

  async function listIn(root: Element | ShadowRoot, tag: string, query: Record<string, string>) {
    const widget = await waitFor(() => root.querySelector(tag), tag);
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, `the ${tag} table`));
    await applyFilter(table, query);
    return { widget, table };
  }

  it('shows two admins (licensee and Alpha) each other\'s approvals, edits and deletions as they happen', async () => {
    const alphaApi = await apiAs(ALPHA);
    const licenseeApi = await apiAs(LICENSEE);
    await licenseeApi.layout.reset({ ifMatch: await licenseeApi.layout.get() });
    const slug = Math.random().toString(36).slice(2, 10);
    const pendingName = unique('Live pending');
    await storeCustomerDirectly({
      billingEntity: 'alpha',
      status: 'PENDING_APPROVAL',
      organisationName: pendingName,
      email: `pending-${slug}@widgets.example`,
      adminUser: { firstName: 'Pen', lastName: 'Ding', email: `pending-admin-${slug}@widgets.example` },
    });
    const sharedName = unique('Live shared');
    const shared = await createCustomer(alphaApi, sharedName);
    const lastName = `Leaving${slug}`;
    await alphaApi.users.create({ body: { customerId: shared.id, firstName: 'Live', lastName, email: `leaving-${slug}@widgets.example` } });

    // The licensee has the whole page (the Customers tab and its badge); Alpha's admin the customer widgets.
    const licensee = await mount('<fco-admin-page></fco-admin-page>', { email: LICENSEE });
    const page = licensee.querySelector('fco-admin-page')!;
    const alpha = await mount('<fco-pending-customers></fco-pending-customers><fco-customers></fco-customers><fco-users></fco-users>', { email: ALPHA });
    const pendingBefore = (await licenseeApi.customers.list({ filter: 'status = PENDING_APPROVAL', pageSize: 1 })).totalSize;
    const badge = () => inShadow(page, '[data-tab="customers"] [data-badge]')?.textContent ?? undefined;
    await waitFor(() => badge() === String(pendingBefore), 'the badge', 20_000);
    const pageRoot = page.shadowRoot!;

    // Alpha approves: the licensee's badge drops.
    const alphaPending = await listIn(alpha, 'fco-pending-customers', { q: pendingName });
    await waitFor(() => dataRows(alphaPending.table).length === 1, 'the pending customer at Alpha');
    const approval = await openDetail(alphaPending.widget, dataRows(alphaPending.table)[0]!);
    await press(approval, 'approve');
    await press(approval, 'confirm');
    await waitFor(() => !approval.open, 'the approval');
    // No badge at all once nobody awaits approval.
    await seenPushed(() => (badge() ?? '0') === String(pendingBefore - 1), 'the licensee\'s badge to drop');

    // Alpha is editing the shared customer when the licensee renames it: Alpha's row changes and its open edit
    // offers the merge view with the licensee's name; Alpha's save then goes through.
    const alphaCustomers = await listIn(alpha, 'fco-customers', { q: sharedName });
    await waitFor(() => dataRows(alphaCustomers.table).length === 1, 'the shared customer at Alpha');
    const alphaEdit = await openDetail(alphaCustomers.widget, dataRows(alphaCustomers.table)[0]!);
    await press(alphaEdit, 'customer-edit');
    await fill(alphaEdit, { vatNumber: 'ALPHA-VAT' });
    const licenseeCustomers = await listIn(pageRoot, 'fco-customers', { q: sharedName });
    await waitFor(() => dataRows(licenseeCustomers.table).length === 1, 'the shared customer at the licensee');
    const licenseeEdit = await openDetail(licenseeCustomers.widget, dataRows(licenseeCustomers.table)[0]!);
    await press(licenseeEdit, 'customer-edit');
    await fill(licenseeEdit, { organisationName: `${sharedName} renamed` });
    await press(licenseeEdit, 'save');
    await waitFor(() => licenseeEdit.querySelector('[data-action="customer-edit"]'), 'the licensee\'s save');
    await seenPushed(() => rowTexts(alphaCustomers.table)[0]?.includes('renamed'), 'Alpha\'s row to show the new name');
    const merge = await seenPushed(() => alphaEdit.querySelector('[data-conflict] [data-field="organisationName"]'), 'the merge view in Alpha\'s edit');
    expect(merge.textContent).to.contain('renamed');
    expect(alphaEdit.querySelector('[data-conflict] h3')?.textContent).to.contain('Someone else changed this');
    await press(alphaEdit, 'save');
    await waitFor(() => alphaEdit.querySelector('[data-action="customer-edit"]'), 'Alpha\'s save on the new version');
    const saved = await alphaApi.customers.get({ customerId: shared.id });
    expect([saved.organisationName, saved.vatNumber]).to.deep.equal([`${sharedName} renamed`, 'ALPHA-VAT']);
    alphaEdit.close();
    licenseeEdit.close();

    // Alpha deletes a user: it disappears from the licensee's users list.
    const licenseeUsers = await listIn(pageRoot, 'fco-users', { q: lastName });
    await waitFor(() => dataRows(licenseeUsers.table).length === 1, 'the user at the licensee');
    const alphaUsers = await listIn(alpha, 'fco-users', { q: lastName });
    await waitFor(() => dataRows(alphaUsers.table).length === 1, 'the user at Alpha');
    const deletion = await openDetail(alphaUsers.widget, dataRows(alphaUsers.table)[0]!);
    await press(deletion, 'user-delete');
    await press(deletion, 'confirm');
    await waitFor(() => !deletion.open, 'the deletion');
    await seenPushed(() => inShadow(licenseeUsers.table, '[data-state="empty"]'), 'the user to leave the licensee\'s list');
  });

  /** The URL of the test server that may be restarted (a server of its own), after restarting it if asked. */
  async function restartableServer(restart = false): Promise<string> {
    for (let ask = { restart }; ; ask = { restart: false }) {
      const answer = await executeServerCommand<{ url?: string }, { restart: boolean }>('fco-restartable-server', ask);
      if (answer?.url) return answer.url;
    }
  }

  /**
   * Mounts `inner` and records, in order, when the page asked for the change stream and each answer (by path) until
   * the stream is asked for and open.
   */
  async function untilStream(inner: string): Promise<string[]> {
    const seen: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      if (path === '/v1/changes') seen.push('stream asked for');
      const response = await realFetch(input, init);
      seen.push(`${path} answered`);
      return response;
    };
    try {
      const provider = await mount(inner);
      await waitFor(() => seen.includes('stream asked for') && provider.streamingChanges, 'the stream');
      return seen;
    } finally {
      window.fetch = realFetch;
    }
  }

  it('opens its change stream once its first page has answered, so the server reads the page first', async () => {
    const seen = await untilStream('<fco-customers></fco-customers>');
    expect(seen.indexOf('/v1/customers answered'), seen.join(', ')).to.be.within(0, seen.indexOf('stream asked for'));
  });

  it('on the Admin page, opens its change stream once the first tab\'s lists have answered', async () => {
    const seen = await untilStream('<fco-admin-page></fco-admin-page>');
    const before = seen.slice(0, seen.indexOf('stream asked for'));
    const answered = (path: string) => before.filter((entry) => entry === `${path} answered`).length;
    // The Customers tab: its customers, its users and the customers awaiting approval (a list of customers too).
    expect(answered('/v1/layout'), seen.join(', ')).to.equal(1);
    expect(answered('/v1/customers'), seen.join(', ')).to.be.at.least(2);
    expect(answered('/v1/users'), seen.join(', ')).to.be.at.least(1);
  });

  it('shows a change made after its first page was read and before its stream opened', async () => {
    const api = await apiAs(LICENSEE);
    const marker = unique('Meanwhile');
    // The stream's request is held until the page has been read and the change made (a slow proxy, a busy server).
    const realFetch = window.fetch;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(input instanceof Request ? input.url : String(input)).pathname === '/v1/changes') await held;
      return realFetch(input, init);
    };
    try {
      const provider = await mount('<fco-customers></fco-customers>');
      const { table } = await listIn(provider, 'fco-customers', { q: marker });
      await waitFor(() => inShadow(table, '[data-state="empty"]'), 'no such customer yet');
      await createCustomer(api, `${marker} made meanwhile`);
      release();
      await seenPushed(() => rowTexts(table).some((text) => text.includes('made meanwhile')), 'the customer made before the stream opened');
    } finally {
      release();
      window.fetch = realFetch;
    }
  });

  it('reconnects after a server restart and catches up with what changed', async function () {
    this.timeout(90_000); // the server of its own may still be seeding its demo data
    const url = await restartable;
    const provider = await mount('<fco-customers></fco-customers>', { baseUrl: url });
    const marker = unique('Restart');
    const { table } = await listIn(provider, 'fco-customers', { q: marker });
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'no such customer yet');
    await waitFor(() => provider.streamingChanges, 'the stream');
    await createCustomer(await apiAs(LICENSEE, url), `${marker} before`);
    await waitFor(() => rowTexts(table).some((text) => text.includes('before')), 'the customer created before the restart');

    await restartableServer(true);
    await createCustomer(await apiAs(LICENSEE, url), `${marker} after`);
    // The provider tries again with growing pauses while the server is away: the next try may be some seconds off.
    await waitFor(() => rowTexts(table).some((text) => text.includes('after')), 'the customer created after the restart', 40_000);
  });
});
