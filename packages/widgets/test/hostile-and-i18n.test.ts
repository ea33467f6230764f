import { expect } from '@open-wc/testing';
import { ApiError } from '@fco-admin/sdk';
import { LICENSEE, apiAs, applyFilter, createCustomer, dataRows, inShadow, mount, rowTexts, tableOf, unique, unmountAll, waitFor, waitForRows } from './support/harness.js';
import type { FcoCustomers } from '../src/customers/customers.js';

afterEach(unmountAll);

declare global {
  interface Window {
    fcoPwned?: boolean;
  }
}

async function customersTable() {
  const provider = await mount('<fco-customers></fco-customers>');
  const widget = provider.querySelector('fco-customers') as FcoCustomers;
  const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
  await waitForRows(table);
  return { provider, widget, table };
}

describe('hostile strings from the server', () => {
  it('renders markup, event handlers, RTL overrides and maximum-length names as inert text', async () => {
    const api = await apiAs(LICENSEE);
    const marker = unique('Hostile');
    const names = [
      `${marker} <script>window.fcoPwned = true</script>`,
      `${marker} <img src=x onerror="window.fcoPwned = true">`,
      `${marker} \u202Egnp.exe\u202C admin`,
      `${marker} ${'W'.repeat(200 - marker.length - 1)}`,
    ];
    for (const name of names) await createCustomer(api, name);

    const { widget, table } = await customersTable();
    await applyFilter(table, { q: marker });
    await waitFor(() => dataRows(table).length === names.length, 'the four hostile customers');
    const texts = rowTexts(table);
    for (const name of names) expect(texts.some((t) => t.includes(name.replace(/\s+/g, ' ')))).to.equal(true, name.slice(0, 40));
    expect(table.shadowRoot!.querySelectorAll('.body img, .body script')).to.have.length(0);
    // Long names stay in their cell (ellipsis), the row keeps its height.
    for (const row of dataRows(table)) expect(row.getBoundingClientRect().height).to.be.lessThan(40);

    dataRows(table)[1]!.querySelector<HTMLElement>('[role="gridcell"]')!.click();
    const dialog = await waitFor(() => inShadow<HTMLDialogElement>(widget, 'dialog[open]'), 'the dialog');
    expect(dialog.querySelector('h2')!.children).to.have.length(0);
    expect(dialog.querySelectorAll('img, script')).to.have.length(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(window.fcoPwned).to.equal(undefined);
  });

  it('cannot receive a 10,000-character name: the API refuses it (Name is at most 200 characters)', async () => {
    const api = await apiAs(LICENSEE);
    let status = 0;
    try {
      await createCustomer(api, 'N'.repeat(10_000));
    } catch (error) {
      status = error instanceof ApiError ? error.status : -1;
    }
    expect(status).to.be.oneOf([400, 422]);
  });
});

describe('localisation and theming', () => {
  it('switches between English and German at run time, with Intl numbers', async () => {
    const { provider, table } = await customersTable();
    const summary = () => inShadow(table, '.summary')?.textContent?.trim() ?? '';
    await waitFor(() => /rows/.test(summary()), 'English summary');
    expect(inShadow(table, 'form.filters button[type="submit"]')!.textContent!.trim()).to.equal('Apply');
    provider.locale = 'de';
    await waitFor(() => /Zeilen/.test(summary()), 'German summary');
    expect(inShadow(table, 'form.filters button[type="submit"]')!.textContent!.trim()).to.equal('Anwenden');
    const total = table.totalSize;
    expect(summary()).to.contain(new Intl.NumberFormat('de-DE').format(total));
    provider.locale = 'en';
    await waitFor(() => /rows/.test(summary()), 'English again');
  });

  it('maps the appearance onto --fco-* custom properties (light and dark) and exposes parts', async () => {
    const { provider, widget } = await customersTable();
    const prop = (name: string) => getComputedStyle(provider).getPropertyValue(name).trim();
    expect(prop('--fco-bg')).to.equal('#ffffff');
    provider.appearance = { colorScheme: 'dark', accentColor: '#ff6600' };
    await provider.updateComplete;
    expect(prop('--fco-bg')).to.equal('#16191d');
    expect(prop('--fco-accent')).to.equal('#ff6600');
    expect(provider.getAttribute('style') ?? '').to.not.contain('unsafe');
    const table = inShadow(widget, '[part~="table"]')!;
    expect(table).to.exist;
    expect(inShadow(table, '[part~="grid"]')).to.exist;
    // Widgets use the properties: the grid header takes the dark surface colour.
    const header = inShadow<HTMLElement>(table, '.head .row')!;
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(34, 38, 44)');
  });
});
