import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  ALPHA,
  LICENSEE,
  apiAs,
  applyFilter,
  createCustomer,
  dataRows,
  inShadow,
  mount,
  openDetail,
  press,
  rowTexts,
  tableOf,
  unique,
  unmountAll,
  waitFor,
  waitForRows,
  waitForSettled,
} from './support/harness.js';
import type { FcoCustomers } from '../src/customers/customers.js';

afterEach(unmountAll);

async function pressWithControl(key: string) {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Control' });
}

async function mountCustomers(email = LICENSEE) {
  const provider = await mount('<fco-customers></fco-customers>', { email });
  const widget = provider.querySelector('fco-customers') as FcoCustomers;
  const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
  await waitForRows(table);
  return { provider, widget, table };
}

describe('<fco-customers>', () => {
  it('renders the first page with the server total and an ARIA grid', async () => {
    const api = await apiAs(LICENSEE);
    const page = await api.customers.list({ pageSize: 1 });
    const { table } = await mountCustomers();
    const grid = inShadow(table, '[role="grid"]')!;
    await waitFor(() => grid.getAttribute('aria-rowcount') === String(page.totalSize + 1), 'aria-rowcount = total + 1');
    const rows = dataRows(table);
    expect(rows.length).to.be.greaterThan(5);
    expect(rows.length).to.be.lessThan(60); // virtualized: only what fits the viewport (+ buffer)
    expect(rows[0]!.getAttribute('aria-rowindex')).to.equal('2');
    expect(inShadow(table, '[role="columnheader"][aria-sort="ascending"]')?.textContent).to.contain('Organisation');
    expect(inShadow(table, '[role="status"]')?.textContent).to.contain(String(page.totalSize));
  });

  it('loads later pages while scrolling (paging through the SDK)', async () => {
    const { table } = await mountCustomers();
    const body = inShadow(table, '.body')!;
    // Beyond the first page of 100 (set again until the rows show, in case the first scroll lands before layout).
    await waitFor(() => {
      body.scrollTop = 150 * 32;
      return dataRows(table).some((r) => Number(r.getAttribute('aria-rowindex')) > 150);
    }, 'rows past the first page');
    const api = await apiAs(LICENSEE);
    const expected = await api.customers.list({ orderBy: 'organisationName', offset: 150, pageSize: 1 });
    await waitFor(
      () => rowTexts(table).some((text) => text.includes(expected.items[0]!.organisationName)),
      'the 151st customer by name',
    );
  });

  it('filters by name and status, and sorts, through the server', async () => {
    const api = await apiAs(LICENSEE);
    const marker = unique('Filterable');
    await createCustomer(api, `${marker} Alpha`);
    const disabled = await createCustomer(api, `${marker} Beta`);
    await api.customers.changeStatus({ customerId: disabled.id, ifMatch: disabled, body: { status: 'DISABLED' } });

    const { table } = await mountCustomers();
    await applyFilter(table, { q: marker });
    await waitFor(() => dataRows(table).length === 2 && rowTexts(table)[0]!.includes('Alpha'), 'two rows, Alpha first');

    // Sort by name descending: click the header twice (ascending is the default).
    const sortButton = inShadow<HTMLButtonElement>(table, '[role="columnheader"] button')!;
    sortButton.click();
    await waitFor(() => rowTexts(table)[0]?.includes('Beta'), 'Beta first when descending');
    expect(inShadow(table, '[role="columnheader"][aria-sort="descending"]')?.textContent).to.contain('Organisation');

    await applyFilter(table, { status: 'DISABLED' });
    await waitFor(() => dataRows(table).length === 1 && rowTexts(table)[0]!.includes('Beta'), 'only the disabled one');
  });

  it('keeps the order the user picked when the widget renders again (a detail opened and closed)', async () => {
    const api = await apiAs(LICENSEE);
    const marker = unique('Ordered');
    await createCustomer(api, `${marker} Alpha`);
    await createCustomer(api, `${marker} Beta`);
    const { widget, table } = await mountCustomers();
    await applyFilter(table, { q: marker });
    await waitFor(() => dataRows(table).length === 2 && rowTexts(table)[0]!.includes('Alpha'), 'two rows, Alpha first');
    inShadow<HTMLButtonElement>(table, '[role="columnheader"] button')!.click();
    await waitFor(() => rowTexts(table)[0]?.includes('Beta'), 'Beta first when descending');

    // Opening and closing a detail renders the widget again; the table it renders keeps the user's order.
    await openDetail(widget, dataRows(table)[0]!);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !inShadow(widget, 'dialog[open]'), 'the dialog to close');
    await widget.updateComplete;
    await table.updateComplete;
    expect(inShadow(table, '[role="columnheader"][aria-sort="descending"]')?.textContent).to.contain('Organisation');
    expect(dataRows(table).length).to.equal(2);
    expect(rowTexts(table)[0]).to.contain('Beta');
  });

  it('shows the empty state when nothing matches', async () => {
    const { table } = await mountCustomers();
    await applyFilter(table, { q: unique('no-such-customer') });
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'the empty state');
  });

  it('opens the detail with Enter, shows users, limits and balance, and returns focus to the row', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Detail');
    await createCustomer(api, name);
    const { widget, table } = await mountCustomers();
    await applyFilter(table, { q: name });
    await waitFor(() => dataRows(table).length === 1, 'the one row');
    const cell = inShadow<HTMLElement>(table, '.body [role="gridcell"][tabindex="0"]')!;
    cell.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => inShadow<HTMLDialogElement>(widget, 'dialog[open]'), 'the detail dialog');
    expect(dialog.querySelector('h2')?.textContent).to.equal(name);
    expect(dialog.textContent).to.contain('Limits');
    expect(dialog.querySelector('[data-field="balance"]')?.textContent).to.match(/\d/);
    const usersTable = dialog.querySelector('fco-data-table')!;
    await waitFor(() => dataRows(usersTable).length === 1, 'the customer’s one user');
    expect(rowTexts(usersTable)[0]).to.contain('Test');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open, 'the dialog to close');
    await waitFor(() => table.shadowRoot?.activeElement?.getAttribute('role') === 'gridcell', 'focus back on the row');
  });

  it('moves through the grid with the keyboard (arrows, PageDown, Ctrl+End, Ctrl+Home)', async () => {
    const { table } = await mountCustomers();
    const first = inShadow<HTMLElement>(table, '.body [role="gridcell"][tabindex="0"]')!;
    first.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => table.shadowRoot?.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex') === '3', 'row 2');
    await sendKeys({ press: 'ArrowRight' });
    expect(table.shadowRoot?.activeElement?.getAttribute('aria-colindex')).to.equal('2');
    await sendKeys({ press: 'PageDown' });
    await waitFor(() => Number(table.shadowRoot?.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')) > 5, 'a page down');
    await pressWithControl('End');
    const total = table.totalSize;
    await waitFor(
      () => table.shadowRoot?.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex') === String(total + 1),
      'the last row',
    );
    await pressWithControl('Home');
    await waitFor(() => table.shadowRoot?.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex') === '2', 'the first row');
    expect(table.shadowRoot?.activeElement?.getAttribute('aria-colindex')).to.equal('1');
  });

  it('edits a customer and resolves an If-Match conflict without losing either side', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Conflict');
    const created = await createCustomer(api, name, { vatNumber: 'GB000' });
    const { widget, table } = await mountCustomers();
    await applyFilter(table, { q: name });
    await waitFor(() => dataRows(table).length === 1, 'the row');
    const dialog = await openDetail(widget, dataRows(table)[0]!);
    await press(dialog, 'customer-edit');
    const timeZone = await waitFor(() => dialog.querySelector<HTMLInputElement>('input[data-field="timeZone"]'), 'the form');
    timeZone.value = 'Europe/Berlin';
    timeZone.dispatchEvent(new Event('input'));
    const vat = dialog.querySelector<HTMLInputElement>('input[data-field="vatNumber"]')!;
    vat.value = 'DE-MINE';
    vat.dispatchEvent(new Event('input'));

    // Someone else changes the VAT number and the credit limit meanwhile.
    const current = await api.customers.get({ customerId: created.id });
    await api.customers.update({ customerId: created.id, ifMatch: current, body: { vatNumber: 'DE-THEIRS', creditLimit: '999.00' } });

    await press(dialog, 'save');
    const conflict = await waitFor(() => dialog.querySelector('[data-conflict]'), 'the conflict view');
    expect(conflict.querySelector('[data-field="vatNumber"]')?.textContent).to.contain('DE-MINE').and.contain('DE-THEIRS');
    expect(conflict.querySelector('[data-field="creditLimit"]')?.textContent).to.contain('999');
    // The user's edits are kept, the server's other field is taken.
    expect(dialog.querySelector<HTMLInputElement>('input[data-field="timeZone"]')!.value).to.equal('Europe/Berlin');
    expect(dialog.querySelector<HTMLInputElement>('input[data-field="creditLimit"]')!.value).to.equal('999.00');
    expect(dialog.querySelector<HTMLInputElement>('input[data-field="vatNumber"]')!.value).to.equal('DE-MINE');
    conflict.querySelector<HTMLButtonElement>('[data-field="vatNumber"] [data-keep="server"]')!.click();
    await waitFor(() => dialog.querySelector<HTMLInputElement>('input[data-field="vatNumber"]')!.value === 'DE-THEIRS', 'server value taken');
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="customer-edit"]'), 'back to the view');

    const saved = await api.customers.get({ customerId: created.id });
    expect(saved.timeZone).to.equal('Europe/Berlin');
    expect(saved.vatNumber).to.equal('DE-THEIRS');
    expect(saved.creditLimit.amount).to.match(/^999(\.0+)?$/);
  });

  it('changes the status after confirmation, and a host can veto it', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Status');
    const created = await createCustomer(api, name);
    const { widget, table } = await mountCustomers();
    await applyFilter(table, { q: name });
    await waitFor(() => dataRows(table).length === 1, 'the row');
    const dialog = await openDetail(widget, dataRows(table)[0]!);

    let veto = true;
    const done: string[] = [];
    widget.addEventListener('fco-action', (event) => {
      if (event.action.type === 'status-change' && veto) event.preventDefault();
    });
    widget.addEventListener('fco-action-done', (event) => done.push(event.action.type));
    const choose = async () => {
      await press(dialog, 'status-change');
      const select = await waitFor(() => dialog.querySelector<HTMLSelectElement>('select[data-field="status"]'), 'the status form');
      select.value = 'DISABLED';
      select.dispatchEvent(new Event('change'));
      await press(dialog, 'save');
      await waitFor(() => dialog.textContent?.includes(`Change the status of`), 'the confirmation naming the customer');
      await press(dialog, 'confirm');
    };
    await choose();
    // Vetoed: nothing was sent, the confirmation stays and can be cancelled.
    expect(done).to.deep.equal([]);
    expect(dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.disabled).to.equal(false);
    expect((await api.customers.get({ customerId: created.id })).status).to.equal('ACTIVE');

    veto = false;
    await press(dialog, 'cancel');
    await waitFor(() => dialog.querySelector('[data-action="status-change"]'), 'the view again');
    await choose();
    await waitFor(() => dialog.querySelector('[data-field="status"]')?.textContent?.trim() === 'Disabled', 'the new status shown');
    expect(done).to.deep.equal(['status-change']);
    expect((await api.customers.get({ customerId: created.id })).status).to.equal('DISABLED');
  });

  it('asks for the names its filters and forms offer once its first rows are on screen', async () => {
    const entries: PerformanceResourceTiming[] = [];
    const observer = new PerformanceObserver((list) => entries.push(...(list.getEntries() as PerformanceResourceTiming[])));
    observer.observe({ type: 'resource', buffered: false });
    // The first animation frame that has data rows to paint: its callbacks run before its paint.
    let rowsFrameAt: number | undefined;
    const watch = () => {
      const widget = document.querySelector('fco-customers');
      const table = widget && inShadow(widget, 'fco-data-table');
      if (table && dataRows(table).length > 0) rowsFrameAt = performance.now();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const { table } = await mountCustomers(LICENSEE);
    await waitFor(() => inShadow(table, 'form.filters select[data-filter="billingEntityId"]'), 'the billing-entity choice');
    await waitFor(() => entries.some((e) => e.name.includes('/v1/product-offers?')), 'the product offers asked for');
    observer.disconnect();
    const page = entries.find((e) => e.name.includes('/v1/customers?'))!;
    for (const names of ['/v1/billing-entities?', '/v1/product-offers?']) {
      const request = entries.find((e) => e.name.includes(names))!;
      expect(request.startTime, `${names} after the first page answered`).to.be.at.least(page.responseEnd);
      expect(request.startTime, `${names} after the frame that painted the first rows`).to.be.greaterThan(rowsFrameAt!);
    }
  });

  it('offers the billing-entity filter as a list from the start, filled with names once they arrive, and as a field for the id when they cannot be read', async () => {
    const realFetch = window.fetch;
    let answer: 'hold' | 'fail' = 'hold';
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname !== '/v1/billing-entities') return realFetch(input, init);
      if (answer === 'fail') return new Response('{"title":"Unavailable","status":503}', { status: 503, headers: { 'content-type': 'application/problem+json' } });
      await held;
      return realFetch(input, init);
    };
    try {
      const options = (table: Element) =>
        [...(inShadow(table, 'form.filters select[data-filter="billingEntityId"]')?.querySelectorAll('option') ?? [])].map((o) => o.textContent?.trim());
      const { table } = await mountCustomers(LICENSEE);
      // The names are on their way: a list already, with nothing but "Any" in it.
      expect(options(table)).to.deep.equal(['Any']);
      expect(inShadow(table, 'form.filters input[data-filter="billingEntityId"]')).to.equal(null);
      release();
      await waitFor(() => options(table).length > 1, 'the names');
      expect(options(table)).to.include('Alpha Cloud');
      unmountAll();

      answer = 'fail';
      const second = await mountCustomers(LICENSEE);
      await waitFor(() => inShadow(second.table, 'form.filters input[type="search"][data-filter="billingEntityId"]'), 'a field for the id');
      expect(options(second.table)).to.deep.equal([]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('offers the billing-entity filter to the licensee only, and a BE admin sees only its own customers', async () => {
    const licensee = await mountCustomers(LICENSEE);
    const alphaApi = await apiAs(ALPHA);
    const alphaBe = (await alphaApi.identity.getMe()).billingEntity.id;
    // Offered by name once the billing entities are loaded.
    await waitFor(() => inShadow(licensee.table, `form.filters select[data-filter="billingEntityId"] option[value="${alphaBe}"]`), 'Alpha among the choices');
    const direct = await (await apiAs(LICENSEE)).customers.list({ filter: `billingEntityId = "${alphaBe}"`, pageSize: 1 });
    await applyFilter(licensee.table, { billingEntityId: alphaBe });
    await waitFor(() => licensee.table.totalSize === direct.totalSize, 'the licensee filtered to Alpha’s customers');
    unmountAll();
    const alpha = await mountCustomers(ALPHA);
    expect(Boolean(inShadow(alpha.table, 'form.filters [data-filter="billingEntityId"]'))).to.equal(false);
    const api = await apiAs(ALPHA);
    const page = await api.customers.list({ pageSize: 1 });
    await waitFor(() => alpha.table.totalSize === page.totalSize, 'the BE’s own total');
    await waitForSettled(alpha.table);
  });
});
