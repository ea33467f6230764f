import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient } from '@fco-admin/sdk';
import { LICENSEE, allInShadow, apiAs, applyFilter, createCustomer, dataRows, inShadow, login, mount, tableOf, unique, unmountAll, waitFor, waitForRows } from './support/harness.js';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';
import type { FcoLoadErrorEvent, FcoSelectionChangedEvent } from '../src/events.js';

afterEach(unmountAll);

async function customers() {
  const provider = await mount('<fco-customers></fco-customers>');
  const widget = provider.querySelector('fco-customers')!;
  const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
  await waitForRows(table);
  return { provider, widget, table };
}

const headers = (table: Element) => allInShadow(table, '[role="columnheader"]').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim());

describe('<fco-data-table> (through <fco-customers>)', () => {
  it('chooses columns', async () => {
    const { table } = await customers();
    expect(headers(table)).to.include('Email');
    expect(headers(table)).to.not.include('Payment');
    const toggle = (label: string) => {
      const box = allInShadow<HTMLLabelElement>(table, 'details.columns label').find((l) => l.textContent?.trim() === label)!;
      box.querySelector('input')!.click();
    };
    toggle('Email');
    toggle('Payment');
    await waitFor(() => !headers(table).includes('Email') && headers(table).includes('Payment'), 'the chosen columns');
    expect(dataRows(table)[0]!.querySelectorAll('[role="gridcell"]').length).to.equal(headers(table).length);
  });

  it('filters by creation date', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Dated');
    await createCustomer(api, name);
    const { table } = await customers();
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const tomorrow = new Date(today.getTime() + 86_400_000);
    await applyFilter(table, { q: name, 'createdAt.from': day(today), 'createdAt.to': day(today) });
    await waitFor(() => dataRows(table).length === 1, 'created today');
    await applyFilter(table, { 'createdAt.from': day(tomorrow), 'createdAt.to': '' });
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'nothing created tomorrow');
  });

  it('selects rows with the checkbox and the space bar', async () => {
    const { table } = await customers();
    const selections: FcoSelectionChangedEvent[] = [];
    table.addEventListener('fco-selection-changed', (e) => selections.push(e));
    dataRows(table)[0]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await waitFor(() => dataRows(table)[0]!.getAttribute('aria-selected') === 'true', 'row 1 selected');
    inShadow<HTMLElement>(table, '.body [role="gridcell"][tabindex="0"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: ' ' });
    await waitFor(() => dataRows(table)[1]!.getAttribute('aria-selected') === 'true', 'row 2 selected');
    expect(selections.at(-1)!.rows).to.have.length(2);
    expect(inShadow(table, '[role="grid"]')!.getAttribute('aria-multiselectable')).to.equal('true');
  });

  it('shows the error state with a retry and a typed fco-load-error when the API cannot be reached', async () => {
    const grant = await login(LICENSEE);
    const provider = document.createElement('fco-admin-provider') as FcoAdminProvider;
    provider.client = createClient({ baseUrl: 'http://127.0.0.1:9', auth: grant.token, retry: false });
    const errors: FcoLoadErrorEvent[] = [];
    provider.addEventListener('fco-load-error', (e) => errors.push(e));
    provider.append(document.createElement('fco-customers'));
    document.body.append(provider);
    try {
      const widget = provider.querySelector('fco-customers')!;
      const panel = await waitFor(() => inShadow(widget, '[data-state="error"]'), 'the error state');
      expect(panel.querySelector('button')?.textContent).to.contain('Retry');
      expect(errors[0]?.kind).to.equal('network');
    } finally {
      provider.remove();
    }
  });
});
