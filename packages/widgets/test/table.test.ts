import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient } from '@fco-admin/sdk';
import { LICENSEE, allInShadow, apiAs, applyFilter, createCustomer, dataRows, inShadow, login, mount, tableOf, unique, unmountAll, waitFor, waitForRows } from './support/harness.js';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';
import type { FcoLoadErrorEvent, FcoSelectionChangedEvent } from '../src/events.js';
import { PageCache } from '../src/table/page-cache.js';
import { ROW_HEIGHT, type FcoDataTable } from '../src/table/data-table.js';
import type { FetchPage } from '../src/table/types.js';

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

  it('applies a choice at once, but not beside a number typed badly: that one is shown, and both apply once it is mended', async () => {
    const provider = await mount('<fco-invoices></fco-invoices>');
    const widget = provider.querySelector('fco-invoices')!;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);
    const api = await apiAs(LICENSEE);
    const all = (await api.invoices.list({ pageSize: 1 })).totalSize;
    const filtered = (await api.invoices.list({ filter: 'status = "PAID" AND totalInc >= "12.50"', pageSize: 1 })).totalSize;
    expect(filtered).to.be.above(0).and.below(all);
    const from = inShadow<HTMLInputElement>(table, 'form.filters input[data-filter="totalInc.from"]')!;
    from.focus();
    await sendKeys({ type: '12-50' });
    expect(from.validity.badInput, 'a range typed in one field is no number').to.equal(true);
    const status = inShadow<HTMLSelectElement>(table, 'form.filters select[data-filter="status"]')!;
    status.value = 'PAID';
    status.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    // Nothing is applied: the rows are still every invoice, the bad number and the choice both still in the bar.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(table.totalSize).to.equal(all);
    expect([from.validity.badInput, status.value]).to.deep.equal([true, 'PAID']);
    from.select();
    await sendKeys({ type: '12.50' });
    inShadow<HTMLButtonElement>(table, 'form.filters button[type="submit"]')!.click();
    await waitFor(() => table.totalSize === filtered, 'the invoices paid and of 12.50 or more');
    // Clear empties the bar, a badly typed number included.
    from.select();
    await sendKeys({ type: '1-2' });
    expect(from.validity.badInput).to.equal(true);
    inShadow<HTMLButtonElement>(table, 'form.filters button[type="button"]')!.click();
    await waitFor(() => table.totalSize === all, 'every invoice again');
    expect([from.validity.badInput, from.value, status.value]).to.deep.equal([false, '', '']);
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

  it('shows loading rows under its columns while the first page is on its way, then the rows in their place', async () => {
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (release = resolve));
    const provider = await mount('<fco-data-table label="Numbers" selectable></fco-data-table>');
    const table = provider.querySelector('fco-data-table') as FcoDataTable<{ id: string; name: string }>;
    table.columns = [
      { id: 'name', label: () => 'Name', value: (row) => row.name },
      { id: 'code', label: () => 'Code', width: '6rem', value: (row) => row.id },
    ];
    table.fetchPage = async ({ offset = 0, pageSize }) => {
      await arrived;
      const items = Array.from({ length: Math.min(pageSize, 40 - offset) }, (_, i) => ({ id: String(offset + i), name: `Row ${offset + i}` }));
      return { items, totalSize: 40, totalSizeEstimated: false, nextPageToken: null, offset };
    };
    const loading = await waitFor(() => inShadow<HTMLElement>(table, '.loading-rows'), 'the loading rows');
    expect(inShadow(table, '[role="grid"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(dataRows(table)).to.have.length(0);
    // The whole body, one painted column under each header (the selection column's included).
    const body = inShadow(table, '.body')!.getBoundingClientRect();
    const box = loading.getBoundingClientRect();
    expect([box.top, box.height]).to.deep.equal([body.top, body.height]);
    expect(body.height).to.be.at.least(ROW_HEIGHT * 3);
    const columns = [...loading.children].map((c) => c.getBoundingClientRect());
    const heads = allInShadow(table, '[role="columnheader"]').map((h) => h.getBoundingClientRect());
    expect(columns.map((c) => [Math.round(c.left), Math.round(c.width), c.height])).to.deep.equal(
      heads.map((h) => [Math.round(h.left), Math.round(h.width), box.height]),
    );

    release();
    await waitForRows(table);
    expect(inShadow(table, '.loading-rows')).to.equal(null);
    expect(inShadow(table, '[role="grid"]')!.getAttribute('aria-busy')).to.equal('false');
    const first = dataRows(table)[0]!;
    expect(first.textContent).to.contain('Row 0');
    expect(first.getBoundingClientRect().top).to.equal(body.top);
  });

  it('puts each cell of a row under its header, numbers at the end of theirs, for whichever columns it has', async () => {
    const provider = await mount('<fco-data-table label="Numbers" selectable></fco-data-table>');
    const table = provider.querySelector('fco-data-table') as FcoDataTable<{ id: string; name: string; amount: string }>;
    const name = { id: 'name', label: () => 'Name', value: (row: { name: string }) => row.name };
    const code = { id: 'code', label: () => 'Code', width: '6rem', value: (row: { id: string }) => `#${row.id}` };
    const amount = { id: 'amount', label: () => 'Amount', align: 'end' as const, value: (row: { amount: string }) => row.amount };
    table.columns = [name, code, amount];
    table.fetchPage = async ({ offset = 0, pageSize }) => {
      const items = Array.from({ length: Math.min(pageSize, 30 - offset) }, (_, i) => ({ id: String(offset + i), name: `Row ${offset + i}`, amount: `${offset + i}.50` }));
      return { items, totalSize: 30, totalSizeEstimated: false, nextPageToken: null, offset };
    };
    await waitForRows(table);
    const textBox = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getBoundingClientRect();
    };
    /** Per cell of the second row: its header's text, whether it spans its header, and which side its text keeps to. */
    const layout = () => {
      const heads = allInShadow(table, '[role="columnheader"]');
      const cells = [...dataRows(table)[1]!.querySelectorAll('[role="gridcell"]')];
      expect(cells.length).to.equal(heads.length);
      return cells.slice(1).map((cell, i) => {
        const head = heads[i + 1]!.getBoundingClientRect();
        const box = cell.getBoundingClientRect();
        const text = textBox(cell);
        const side = Math.abs(text.right - box.right) < Math.abs(text.left - box.left) ? 'end' : 'start';
        return [heads[i + 1]!.textContent?.replace(/[▲▼↕]/g, '').trim(), Math.round(box.left) === Math.round(head.left) && Math.round(box.width) === Math.round(head.width), side, cell.textContent];
      });
    };
    expect(layout()).to.deep.equal([
      ['Name', true, 'start', 'Row 1'],
      ['Code', true, 'start', '#1'],
      ['Amount', true, 'end', '1.50'],
    ]);
    // The checkbox cell first, under the selection column's header.
    expect(dataRows(table)[1]!.querySelector('[role="gridcell"] input[type="checkbox"]')).to.not.equal(null);

    table.columns = [amount, name];
    await waitFor(() => allInShadow(table, '[role="columnheader"]').length === 3, 'two columns');
    expect(layout()).to.deep.equal([
      ['Amount', true, 'end', '1.50'],
      ['Name', true, 'start', 'Row 1'],
    ]);
  });

  it('puts each loading bar where the values of its column will be: at their start, at their end for numbers, mirrored right to left', async () => {
    const barSides = async (dir: 'ltr' | 'rtl') => {
      const provider = await mount('<fco-data-table label="Numbers"></fco-data-table>');
      provider.setAttribute('dir', dir);
      const table = provider.querySelector('fco-data-table') as FcoDataTable<{ id: string; name: string }>;
      table.columns = [
        { id: 'name', label: () => 'Name', value: (row) => row.name },
        { id: 'total', label: () => 'Total', align: 'end', value: (row) => row.id },
      ];
      table.fetchPage = () => new Promise(() => {}); // never arrives: the loading rows stay
      const loading = await waitFor(() => inShadow<HTMLElement>(table, '.loading-rows'), 'the loading rows');
      // The bar is painted from the side its background position counts from: a position of 100% (less the gap) is the right.
      const sides = [...loading.children].map((span) => (getComputedStyle(span).backgroundPositionX.includes('100%') ? 'right' : 'left'));
      provider.remove();
      return sides;
    };
    expect(await barSides('ltr')).to.deep.equal(['left', 'right']);
    expect(await barSides('rtl')).to.deep.equal(['right', 'left']);
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

describe('PageCache: an estimated total', () => {
  /** A list of `rows` rows whose server estimates `estimate` until the last page (as the reference server does). */
  function list(rows: number, estimate: number): FetchPage<number> {
    return async ({ offset, pageToken, pageSize }) => {
      const start = pageToken !== undefined ? Number(pageToken) : offset ?? 0;
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, rows - start)) }, (_, i) => start + i);
      const last = start + items.length >= rows;
      if (items.length === 0) return { items, nextPageToken: null, totalSize: start, totalSizeEstimated: false, offset: start };
      return last
        ? { items, nextPageToken: null, totalSize: rows, totalSizeEstimated: false, offset: start }
        : { items, nextPageToken: String(start + pageSize), totalSize: Math.max(estimate, start + items.length + 1), totalSizeEstimated: true, offset: start };
    };
  }
  const cache = (fetchPage: FetchPage<number>) => new PageCache<number>(fetchPage, 'status = "ACTIVE"', undefined, 10, () => {});

  it('sizes from the estimate, grows past it while rows keep coming, and is exact at the last page', async () => {
    const low = cache(list(95, 40));
    await low.ensure(0, 9);
    expect([low.totalSize, low.totalSizeEstimated]).to.deep.equal([40, true]);
    await low.ensure(50, 59);
    expect([low.totalSize, low.totalSizeEstimated]).to.deep.equal([61, true]);
    await low.ensure(90, 99);
    expect([low.totalSize, low.totalSizeEstimated]).to.deep.equal([95, false]);
    await low.ensure(0, 9);
    expect(low.totalSize, 'an exact total stays exact').to.equal(95);
  });

  it('shrinks an estimate that was too high when a page past the end comes back empty', async () => {
    const high = cache(list(35, 120));
    await high.ensure(0, 9);
    expect([high.totalSize, high.totalSizeEstimated]).to.deep.equal([120, true]);
    await high.ensure(110, 119);
    expect(high.totalSize).to.equal(110);
    await high.ensure(30, 39);
    expect([high.totalSize, high.totalSizeEstimated]).to.deep.equal([35, false]);
  });
});
