/**
 * fco-reports end to end against the real server: each of the five reports run as a person does (pick it, set its
 * inputs, run) with a chart on canvas and the same figures in the table, chart types switched, the CSV downloaded
 * under the server's name; a billing entity's admin seeing only its billing entities; the theme and locale followed;
 * the truncated banner; the customer picker; hostile names in a result kept inert.
 */
import { expect } from '@open-wc/testing';
import { Chart } from 'chart.js';
import type { Client } from '@fco-admin/sdk';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';
import type { ReportInputValue, ReportResult } from '../src/api/types.js';
import { ALPHA, LICENSEE, apiAs, apiUrl, deepInShadows, fill, inShadow, login, mount, unmountAll, waitFor } from './support/harness.js';
import { HOSTILE, hostileText } from './support/faults.js';
import { DEMO_PERIOD } from './support/mounting.js';

afterEach(unmountAll);

/** Inside the demo data: dated reports have rows whatever day the tests run. */
const PERIOD = DEMO_PERIOD;

async function mountReports(email = LICENSEE, attributes = ''): Promise<{ provider: FcoAdminProvider; widget: HTMLElement }> {
  const provider = await mount(`<fco-reports ${attributes}></fco-reports>`, { email });
  const widget = provider.querySelector<HTMLElement>('fco-reports')!;
  await waitFor(() => inShadow(widget, 'select[data-field="report"]'), 'the catalogue');
  return { provider, widget };
}

const root = (widget: Element) => widget.shadowRoot as unknown as Element;
const canvasOf = (widget: Element) => inShadow<HTMLCanvasElement>(widget, 'canvas[part="chart"]');
const chartOf = (widget: Element) => {
  const canvas = canvasOf(widget);
  return canvas ? Chart.getChart(canvas) : undefined;
};
const tableRows = (widget: Element) => [...(widget.shadowRoot?.querySelectorAll<HTMLTableRowElement>('table[part="table"] tbody tr[part~="row"]') ?? [])];
const cellsOf = (row: HTMLTableRowElement) => [...row.cells].map((cell) => cell.textContent?.trim() ?? '');
const headers = (widget: Element) => [...(widget.shadowRoot?.querySelectorAll('table[part="table"] thead th') ?? [])].map((th) => th.textContent?.replace(/\s+/g, ' ').trim());

/** Picks a report from the catalogue as a person does. */
async function choose(widget: HTMLElement, reportId: string): Promise<void> {
  const select = inShadow<HTMLSelectElement>(widget, 'select[data-field="report"]')!;
  select.value = reportId;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await waitFor(() => widget.getAttribute('report') === reportId && inShadow(widget, 'form.report-inputs'), `${reportId} chosen`);
}

/** Waits until no run is under way and its outcome is shown (a chart, no rows, or an error). */
const settled = (widget: HTMLElement) =>
  waitFor(
    () => !inShadow(widget, '[data-action="run"][disabled]') && (chartOf(widget) || inShadow(widget, '.report-result [data-state="empty"]') || inShadow(widget, '.error-text')),
    'the run to settle',
  );

/** Presses Run (once an earlier run settled) and waits for its result drawn as a chart, with `rows` rows in the table. */
async function run(widget: HTMLElement, rows: number): Promise<Chart> {
  await settled(widget);
  const before = chartOf(widget);
  inShadow<HTMLButtonElement>(widget, '[data-action="run"]')!.click();
  const chart = await waitFor(() => chartOf(widget) !== before && chartOf(widget), 'the new result drawn');
  await waitFor(() => tableRows(widget).length === Math.min(rows, 200), `${rows} rows in the table`);
  return chart;
}

interface Download {
  name: string;
  /** The file, read when the link was clicked (its object URL is revoked right after). */
  text: Promise<string>;
}

/** Captures downloads (a link clicked with `download`) while `act` runs. */
async function downloadsDuring(act: (captured: readonly Download[]) => Promise<void>): Promise<Download[]> {
  const downloads: Download[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) downloads.push({ name: this.download, text: fetch(this.href).then((r) => r.text()) });
    else click.call(this);
  };
  try {
    await act(downloads);
  } finally {
    HTMLAnchorElement.prototype.click = click;
  }
  return downloads;
}

const INPUTS: Record<string, Record<string, string>> = {
  'customer-signups': { 'period/from': PERIOD.from, 'period/to': PERIOD.to },
  'invoice-ageing': { asOf: PERIOD.to },
  'resource-counts': {},
  revenue: { 'period/from': PERIOD.from, 'period/to': PERIOD.to },
  'unit-usage': { 'period/from': PERIOD.from, 'period/to': PERIOD.to },
};
const asInputs = (values: Record<string, string>): Record<string, ReportInputValue> =>
  values['period/from'] ? { period: { from: values['period/from']!, to: values['period/to']! } } : values['asOf'] ? { asOf: values['asOf'] } : {};

/** Money as the widget's English locale writes it in `currency`. */
const money = (amount: number | string, currency: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount as number);

/**
 * The licensee's revenue holds several currencies: every amount in the table is in its row's currency, and so is every
 * value of a chart tooltip (a series per currency, or a slice per billing entity and currency); the value axis,
 * shared by all currencies, names none.
 */
function expectMoneyInEachCurrency(widget: HTMLElement, chart: Chart, expected: ReportResult): void {
  const currencies = new Set(expected.rows.map((row) => String(row['currency'])));
  expect(currencies.size, 'currencies in the licensee’s revenue').to.be.greaterThan(1);
  const paid = headers(widget).indexOf('Paid');
  tableRows(widget).forEach((row, i) => {
    const { currency, paid: amount } = expected.rows[i]!;
    expect(cellsOf(row)[paid], `row ${i}`).to.equal(money(String(amount), String(currency)));
  });
  const tooltip = (chart.options.plugins!.tooltip!.callbacks as { label: (item: unknown) => string }).label;
  let checked = 0;
  const pie = (chart.config as { type: string }).type === 'pie';
  chart.data.datasets.forEach((dataset, datasetIndex) => {
    dataset.data.forEach((raw, dataIndex) => {
      if (typeof raw !== 'number') return;
      const named = pie ? String(chart.data.labels![dataIndex]) : (dataset.label ?? '');
      const currency = /· ([A-Z]{3})$/.exec(named)?.[1];
      expect(currencies, named).to.include(currency);
      expect(tooltip({ dataset, datasetIndex, dataIndex, raw })).to.equal(`${dataset.label}: ${money(raw, currency!)}`);
      checked += 1;
    });
  });
  expect(checked).to.be.greaterThan(0);
  if (pie) return;
  const axis = chart.options.scales![chart.options.indexAxis === 'y' ? 'x' : 'y']!.ticks as unknown as { callback: (value: number) => string };
  expect(axis.callback(1000)).to.equal('1,000');
}

describe('fco-reports', () => {
  it('runs each of the five reports with a chart and a table of the same figures, switches chart types, and exports the CSV under the server’s name', async () => {
    const api = await apiAs(LICENSEE);
    const { widget } = await mountReports();
    const catalogue = (await api.reports.list({})).items;
    expect([...inShadow<HTMLSelectElement>(widget, 'select[data-field="report"]')!.options].map((o) => o.value).sort()).to.deep.equal(catalogue.map((r) => r.id).sort());
    expect(catalogue).to.have.length(5);
    for (const report of catalogue) {
      await choose(widget, report.id);
      await fill(root(widget), INPUTS[report.id]!);
      const expected = await api.reports.run({ reportId: report.id, body: { inputs: asInputs(INPUTS[report.id]!) } });
      expect(expected.rows.length, report.id).to.be.greaterThan(0);
      let chart = await run(widget, expected.rows.length);
      expect(headers(widget), report.id).to.have.length(expected.columns.length);
      expect(chart.data.labels!.length, report.id).to.be.greaterThan(0);
      expect(chart.data.datasets.length, report.id).to.be.greaterThan(0);
      // The chart's numbers are the table's: the first series' values come from the rows.
      expect(chart.data.datasets.some((d) => d.data.some((v) => typeof v === 'number' && v !== 0)), report.id).to.equal(true);

      // Every chart type of the report, each drawn as its kind.
      for (const type of report.chartTypes) {
        inShadow<HTMLButtonElement>(widget, `[data-chart-type="${type}"]`)!.click();
        const kind = { COLUMN: 'bar', BAR: 'bar', LINE: 'line', AREA: 'line', PIE: 'pie' }[type];
        chart = await waitFor(() => {
          const drawn = chartOf(widget);
          return drawn && (drawn.config as { type: string }).type === kind && (type !== 'BAR' || drawn.options.indexAxis === 'y') ? drawn : undefined;
        }, `${report.id} as ${type}`);
        expect(inShadow(widget, `[data-chart-type="${type}"]`)!.getAttribute('aria-pressed')).to.equal('true');
        expect(canvasOf(widget)!.getAttribute('aria-label'), `${report.id} ${type}`).to.contain(report.name);
        if (report.id === 'revenue') expectMoneyInEachCurrency(widget, chart, expected);
      }

      const downloads = await downloadsDuring(async (captured) => {
        inShadow<HTMLButtonElement>(widget, '[data-action="export"]')!.click();
        await waitFor(() => captured.length > 0, 'the download');
      });
      expect(downloads.map((d) => d.name), report.id).to.have.length(1);
      expect(downloads[0]!.name).to.match(new RegExp(`^${report.id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      const csv = await downloads[0]!.text;
      const lines = csv.trimEnd().split('\r\n');
      expect(lines.length - 1, report.id).to.equal(expected.rows.length);
      expect(lines[0]!.split(',')[0]).to.equal(expected.columns[0]!.label);
    }
  });

  it('steps a count axis by whole numbers, each labelled once', async () => {
    const api = await apiAs(LICENSEE);
    const { widget } = await mountReports();
    await choose(widget, 'customer-signups');
    // A week: a few signups, where an axis left to itself steps by fractions and labels each rounded twice.
    const week = { 'period/from': new Date(Date.parse(`${PERIOD.to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10), 'period/to': PERIOD.to };
    await fill(root(widget), week);
    const expected = await api.reports.run({ reportId: 'customer-signups', body: { inputs: asInputs(week) } });
    const chart = await run(widget, expected.rows.length);
    const counts = chart.data.datasets.flatMap((d) => d.data.filter((v): v is number => typeof v === 'number'));
    expect(Math.max(...counts), 'a small count').to.be.lessThan(20);
    const ticks = chart.scales['y']!.ticks;
    expect(ticks.length).to.be.greaterThan(1);
    expect(ticks.every((tick) => Number.isInteger(tick.value)), ticks.map((t) => t.value).join(' ')).to.equal(true);
    const labels = ticks.map((tick) => String(tick.label));
    expect(new Set(labels).size, labels.join(' ')).to.equal(labels.length);
  });

  it('covers only a billing entity admin’s own billing entities', async () => {
    const alpha = await apiAs(ALPHA);
    const own = (await alpha.billingEntities.list({ pageSize: 100 })).items.map((be) => be.name);
    const licensee = await apiAs(LICENSEE);
    const all = (await licensee.billingEntities.list({ pageSize: 100 })).items.map((be) => be.name);
    expect(all.length).to.be.greaterThan(own.length);
    const { widget } = await mountReports(ALPHA);
    for (const reportId of ['revenue', 'invoice-ageing', 'unit-usage']) {
      await choose(widget, reportId);
      await fill(root(widget), INPUTS[reportId]!);
      // The billing entity picker offers the admin's own, by name.
      const picker = await waitFor(() => inShadow<HTMLSelectElement>(widget, 'form [data-field="billingEntityId"]')?.options.length! > 1 && inShadow<HTMLSelectElement>(widget, 'form [data-field="billingEntityId"]'), 'the billing entities');
      expect([...picker.options].slice(1).map((o) => o.textContent?.trim()).sort()).to.deep.equal([...own].sort());
      const expected = await alpha.reports.run({ reportId, body: { inputs: asInputs(INPUTS[reportId]!) } });
      const chart = await run(widget, expected.rows.length);
      if (reportId === 'revenue') {
        // One currency (GBP) in Alpha's scope: the value axis and every amount are in it.
        const axis = chart.options.scales!['y']!.ticks as unknown as { callback: (value: number) => string };
        expect(axis.callback(1000)).to.equal('£1,000.00');
        const paid = headers(widget).indexOf('Paid');
        expect(tableRows(widget).map((row) => cellsOf(row)[paid]![0])).to.satisfy((firsts: string[]) => firsts.every((c) => c === '£'));
      }
      const column = headers(widget).findIndex((h) => h === 'Billing entity');
      const shown = new Set(tableRows(widget).map((row) => cellsOf(row)[column]!));
      expect(shown.size, reportId).to.be.greaterThan(0);
      for (const name of shown) expect(own, `${reportId}: ${name}`).to.include(name);
    }
  });

  it('follows the theme (dark, the accent) and the locale (dates, numbers) in chart and table', async () => {
    const { provider, widget } = await mountReports(LICENSEE, 'report="unit-usage"');
    await fill(root(widget), INPUTS['unit-usage']!);
    let chart = await run(widget, 460);
    expect(chart.data.labels![0]).to.equal('1 Aug 2026');
    const firstColour = chart.data.datasets[0]!.backgroundColor;
    expect(firstColour).to.equal('#1a56b8');

    provider.appearance = { colorScheme: 'dark', accentColor: '#ff8800' };
    chart = await waitFor(() => chartOf(widget)?.data.datasets[0]!.backgroundColor === '#ff8800' && chartOf(widget), 'the accent in the chart');
    expect((chart.options.plugins!.legend!.labels as { color: string }).color).to.equal('#e8eaed');
    expect(chart.data.datasets[1]!.backgroundColor).to.equal('#ffb37a'); // the dark palette after the accent

    provider.locale = 'de';
    chart = await waitFor(() => chartOf(widget)?.data.labels![0] === '01.08.2026' && chartOf(widget), 'German dates in the chart');
    const [date, , cpu] = cellsOf(tableRows(widget)[0]!);
    expect(date).to.equal('01.08.2026');
    expect(cpu).to.match(/^\d{1,3}(\.\d{3})*,\d{3}$/);
    expect(headers(widget)[0]).to.equal('Datum');
    const format = (chart.options.plugins!.tooltip!.callbacks as { label: (item: unknown) => string }).label;
    expect(format({ dataset: { label: 'x' }, raw: 1234.5 })).to.equal('x: 1.234,5 core-hour');
  });

  it('shows the banner when the server cut the rows, and more rows on demand', async () => {
    const { widget } = await mountReports(LICENSEE, 'report="unit-usage"');
    await fill(root(widget), { 'period/from': '2026-05-01', 'period/to': PERIOD.to, groupBy: 'customer' });
    await run(widget, 10_000);
    const banner = inShadow(widget, '[data-state="truncated"]')!;
    expect(banner.checkVisibility()).to.equal(true);
    expect(banner.textContent).to.contain('10,000');
    inShadow<HTMLButtonElement>(widget, '[data-action="more-rows"]')!.click();
    await waitFor(() => tableRows(widget).length === 1200, 'more rows');
    // A hundred customers: the chart shows the largest few and the rest as one.
    expect(chartOf(widget)!.data.datasets.length).to.equal(8);
    expect(chartOf(widget)!.data.datasets.at(-1)!.label).to.match(/^Other \(\d+\)$/);
  });

  it('finds a customer by name and runs the report for that customer only', async () => {
    const api = await apiAs(LICENSEE);
    const usage = await api.reports.run({ reportId: 'unit-usage', body: { inputs: { groupBy: 'customer', period: PERIOD } } });
    const customer = (await api.customers.list({ filter: `organisationName = "${String(usage.rows[0]!['customer'])}"` })).items[0]!;
    const { widget } = await mountReports(LICENSEE, 'report="unit-usage"');
    const search = await waitFor(() => inShadow<HTMLInputElement>(widget, 'form [data-field="customerId-search"]'), 'the customer search');
    search.value = customer.organisationName.slice(0, 8);
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitFor(() => inShadow(widget, `form [data-field="customerId"] option[value="${customer.id}"]`), 'the customer found');
    await fill(root(widget), { customerId: customer.id, groupBy: 'customer', 'period/from': '2026-05-01', 'period/to': PERIOD.to });
    const expected = await api.reports.run({ reportId: 'unit-usage', body: { inputs: { customerId: customer.id, groupBy: 'customer', period: { from: '2026-05-01', to: PERIOD.to } } } });
    await run(widget, expected.rows.length);
    expect(new Set(tableRows(widget).map((row) => cellsOf(row)[1]))).to.deep.equal(new Set(expected.rows.map((row) => row['customer'])));
  });

  it('keeps names from the server inert in the table and the chart', async () => {
    // Billing entity names in run answers are made hostile on their way from the server.
    const hostileRuns = async (request: Request, init?: RequestInit) => {
      const response = await fetch(request, init);
      if (!new URL(request.url).pathname.endsWith('/run') || !response.ok) return response;
      const body = (await response.json()) as { rows: Record<string, unknown>[] };
      for (const row of body.rows) if (typeof row['billingEntity'] === 'string') row['billingEntity'] = hostileText(row['billingEntity']);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const { createClient } = await import('@fco-admin/sdk');
    const client: Client = createClient({ baseUrl: apiUrl(), auth: async () => (await login(LICENSEE)).token, fetch: hostileRuns, retry: false });
    const provider = document.createElement('fco-admin-provider') as FcoAdminProvider;
    provider.client = client;
    provider.innerHTML = '<fco-reports report="invoice-ageing"></fco-reports>';
    document.body.append(provider);
    try {
      const widget = provider.querySelector<HTMLElement>('fco-reports')!;
      await waitFor(() => tableRows(widget).length > 0 && chartOf(widget), 'the result');
      expect(cellsOf(tableRows(widget)[0]!)[0]).to.contain(HOSTILE.script);
      expect(deepInShadows(widget, 'img, script').map((e) => e.outerHTML)).to.deep.equal([]);
      expect(widget.scrollWidth).to.be.at.most(widget.clientWidth);
      expect(window.fcoPwned).to.equal(undefined);
    } finally {
      provider.remove();
    }
  });
});

declare global {
  interface Window {
    fcoPwned?: boolean;
  }
}
