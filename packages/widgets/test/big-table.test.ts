/**
 * One million customers: the table renders, jumps to the last row and back with the keyboard, and keeps a bounded
 * DOM. Runs against a second server whose database is seeded on the first run (about a minute) and reused while the
 * seed stays the same (see the big database in web-test-runner.config.mjs; FCO_BIG_DB points at a prebuilt one).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createClient } from '@fco-admin/sdk';
import '../src/define-all.js';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';
import { MAX_SCROLL_HEIGHT } from '../src/table/data-table.js';
import { allInShadow, applyFilter, inShadow, tableOf, waitFor, waitForRows } from './support/harness.js';

/** The big server's URL, once its database is seeded (the runner answers "still seeding" until then). */
async function bigServerUrl(): Promise<string> {
  for (;;) {
    const result = await executeServerCommand<{ url?: string; seeding?: string }, object>('fco-big-server', {});
    if (result?.url) return result.url;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

describe('a table of 1,000,000 customers', function () {
  this.timeout(30 * 60_000);

  /** fco-customers on the big server, for the licensee, once its first rows are on screen. */
  async function mountBig() {
    const url = await bigServerUrl();
    const login = async () => {
      const response = await fetch(`${url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@licensee.demo', password: 'demo-password' }),
      });
      return response.json();
    };
    const grant = await login();
    const api = createClient({ baseUrl: url, auth: grant.token });
    const total = (await api.customers.list({ pageSize: 1 })).totalSize;
    expect(total).to.be.at.least(1_000_000);

    const provider = document.createElement('fco-admin-provider') as FcoAdminProvider;
    provider.baseUrl = url;
    provider.fetchSessionToken = login;
    provider.append(document.createElement('fco-customers'));
    document.body.append(provider);
    const widget = provider.querySelector('fco-customers')!;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table', 60_000));
    await waitForRows(table);
    return { api, provider, table, total };
  }

  it('renders, jumps to the last row with Ctrl+End and back, with a constant number of rendered rows', async () => {
    const { api, provider, table, total } = await mountBig();
    const grid = inShadow(table, '[role="grid"]')!;
    expect(grid.getAttribute('aria-rowcount')).to.equal(String(total + 1));
    const rendered = () => allInShadow(table, '.body [role="row"]').length;
    const initial = rendered();

    const started = performance.now();
    inShadow<HTMLElement>(table, '.body [role="gridcell"][tabindex="0"]')!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    const lastRow = await waitFor(
      () => allInShadow(table, `.body [role="row"][aria-rowindex="${total + 1}"][data-key]`)[0],
      'the last row with its data',
      30_000,
    );
    const jumpMs = performance.now() - started;
    const last = await api.customers.list({ orderBy: 'organisationName', offset: total - 1, pageSize: 1 });
    expect(lastRow.textContent).to.contain(last.items[0]!.organisationName);
    expect(table.shadowRoot!.activeElement?.closest('[role="row"]')).to.equal(lastRow);
    expect(rendered()).to.be.lessThan(150);
    expect(Math.abs(rendered() - initial)).to.be.lessThan(60);
    expect(inShadow(table, '.body')!.scrollHeight).to.be.at.most(MAX_SCROLL_HEIGHT);
    console.log(`1M rows: jump to the last row in ${Math.round(jumpMs)} ms, ${rendered()} rows rendered`);

    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ up: 'Control' });
    await waitFor(() => allInShadow(table, '.body [role="row"][aria-rowindex="2"][data-key]')[0], 'the first row again');
    expect(rendered()).to.be.lessThan(150);
    provider.remove();
  });

  it('asks for more of a search its index cannot serve, keeping the text typed, in the reader\'s language', async () => {
    const { provider, table } = await mountBig();
    const visibleState = () => {
      const panel = inShadow<HTMLElement>(table, '[part="state"]');
      return panel?.checkVisibility() ? panel.textContent!.trim() : '';
    };
    const search = () => inShadow<HTMLInputElement>(table, 'form.filters input[type="search"][data-filter="q"]')!;
    applyFilter(table, { q: 'zq' });
    await waitFor(() => visibleState().startsWith('To search this many entries, type at least three letters'), 'the request for more letters');
    expect(search().value).to.equal('zq');
    expect(inShadow<HTMLElement>(table, '[role="grid"]')!.checkVisibility()).to.equal(false);
    expect(inShadow(table, '[part="state"] button')).to.equal(null);
    provider.locale = 'de';
    await waitFor(() => visibleState().startsWith('Um so viele Einträge zu durchsuchen'), 'the request in German');
    provider.locale = 'en';
    // Three letters are served by the index: an answer at once, here that nothing matches.
    applyFilter(table, { q: 'zqx' });
    await waitFor(() => visibleState() === 'No rows match the filter.', 'the empty state');
    applyFilter(table, { q: '' });
    await waitForRows(table);
    expect(visibleState()).to.equal('');
    provider.remove();
  });

  it('a report\'s customer picker asks for more letters among a million customers, keeping the form and its choice', async () => {
    const { provider } = await mountBig();
    const reports = document.createElement('fco-reports');
    reports.setAttribute('report', 'unit-usage');
    provider.append(reports);
    const search = await waitFor(() => inShadow<HTMLInputElement>(reports, 'form [data-field="customerId-search"]'), 'the customer search', 30_000);
    const type = (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    const picker = () => inShadow<HTMLSelectElement>(reports, 'form [data-field="customerId"]')!;
    const hint = () => {
      const shown = inShadow<HTMLElement>(reports, 'form .picker .hint');
      return shown?.checkVisibility() ? shown.textContent!.trim() : '';
    };
    type('Aurora');
    const found = await waitFor(() => picker().options[1], 'customers found by six letters', 30_000);
    picker().value = found.value;
    picker().dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    type('Au');
    await waitFor(() => hint().startsWith('To search this many entries, type at least three letters'), 'the request for more letters');
    expect(picker().value).to.equal(found.value);
    expect(inShadow(reports, 'form.report-inputs')).to.not.equal(null);
    expect(inShadow(reports, '[part="state"][data-state="error"]')).to.equal(null);
    type('Aur');
    await waitFor(() => hint() === '', 'the hint gone once three letters are typed', 30_000);
    provider.remove();
  });
});
