import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, filenameOf, filter, ValidationError, type Client } from '@fco-admin/sdk';
import { renderStatePanel } from '../base/state-panel.js';
import { isAbortError, type ClassifiedError } from '../api/errors.js';
import { adoptStyles } from '../theme/adopt.js';
import { billingEntityChoices } from '../widget/choices.js';
import { saveFile } from '../widget/download.js';
import { enumLabel } from '../widget/format.js';
import { renderObject, type FieldPresentation } from '../form/form-view.js';
import { getAt, setAt, withoutError, type FormTree } from '../form/form-model.js';
import type { CustomControl } from '../widget/definition.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Messages } from '../i18n/messages.js';
import type { FcoAction } from '../events.js';
import type { Report, ReportChartType, ReportColumn, ReportInputValue, ReportResult, Scope } from '../api/types.js';
import { ALL, chartData, currencyOf, defaultSeries, seriesColumns, seriesShareAxis, xLabel } from './chart-data.js';
import { drawChart, type ChartLook, type DrawnChart } from './chart.js';
import { inputsOf, labelOf, reportForm, type ReportForm } from './report-form.js';
import { reportStyles } from './report-styles.js';
import { scrollRegion } from '../widget/scroll-region.js';

type Choice = { value: string; label: string };

/** Rows the table shows at first, and how many more each "show more" adds (a result has up to 10,000). */
const ROWS_SHOWN = 200;
const MORE_ROWS = 1000;
const SEARCH_DELAY_MS = 300;

/** Series colours after the accent, for light and dark backgrounds (WCAG non-text contrast on each). */
const PALETTES = {
  light: ['#b3541e', '#1e6b34', '#8b1a9e', '#0b7a75', '#7a4f00', '#b3261e', '#515a66'],
  dark: ['#ffb37a', '#81c995', '#d7a2ff', '#78d9d1', '#fdd663', '#f28b82', '#a9b0b9'],
};

/**
 * What `<fco-reports>` does once its tab is shown, loaded then as a chunk of its own with Chart.js (reports.ts is the
 * element and stays small): the catalogue, the inputs form, runs and exports, the chart and the table. A reactive
 * controller of the element, whose `report` and `inputs` it follows and whose shadow root it renders into.
 */
export interface ReportsHost extends ReactiveControllerHost, HTMLElement {
  report: string | undefined;
  readonly inputs: Readonly<Record<string, ReportInputValue>> | undefined;
  readonly reportsClient: Client | undefined;
  readonly reportsLocalizer: Localizer;
  readonly renderRoot: HTMLElement | DocumentFragment;
  may(scope: Scope): boolean;
  failed(error: unknown): ClassifiedError;
  act<T>(action: FcoAction, perform: () => Promise<T>): Promise<T | undefined>;
}

export class ReportsView implements ReactiveController {
  private catalogue: Report[] | undefined;
  /** The report the form and result are of. */
  private shownReport: string | undefined;
  private catalogueError: ClassifiedError | undefined;
  private form: ReportForm | undefined;
  private errors = new Map<string, string>();
  private message: string | undefined;
  private result: ReportResult | undefined;
  private running = false;
  private exporting = false;
  private chartType: ReportChartType | undefined;
  private series = ALL;
  private rowsShown = ROWS_SHOWN;
  private billingEntities: Choice[] | undefined;
  private customerMatches: Choice[] = [];
  /** The last search was refused as too short for the customers it would read (the server's `search_too_short`). */
  private customerSearchTooShort = false;

  private loadedFor: Client | undefined;
  private runAbort: AbortController | undefined;
  private searchAbort: AbortController | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private chart: DrawnChart | undefined;
  /** What the chart on screen shows, so it is drawn again only when that changes. */
  private drawn: { canvas: HTMLCanvasElement; key: string } | undefined;
  /** The inputs the form was made from (the host's), to start again when the host changes them. */
  private presetFor: ReportsHost['inputs'];

  constructor(private readonly host: ReportsHost) {
    host.addController(this);
    adoptStyles(host.renderRoot, reportStyles);
  }

  private get t(): Messages {
    return this.host.reportsLocalizer.messages;
  }

  private get localizer(): Localizer {
    return this.host.reportsLocalizer;
  }

  private update(): void {
    this.host.requestUpdate();
  }

  private get selected(): Report | undefined {
    return this.catalogue?.find((r) => r.id === this.host.report) ?? this.catalogue?.[0];
  }

  hostDisconnected(): void {
    this.runAbort?.abort();
    this.searchAbort?.abort();
    clearTimeout(this.searchTimer);
    this.chart?.destroy();
    this.chart = undefined;
    this.drawn = undefined;
    this.loadedFor = undefined;
  }

  hostUpdate(): void {
    const client = this.host.reportsClient;
    if (client && client !== this.loadedFor) {
      this.loadedFor = client;
      void this.loadCatalogue(client);
      if (this.host.may(billingEntityChoices.scope)) {
        billingEntityChoices.load(client, new AbortController().signal).then(
          (choices) => {
            this.billingEntities = choices;
            this.update();
          },
          () => undefined, // the field stays an id field
        );
      }
    }
    if (this.catalogue && (this.shownReport !== this.selected?.id || this.presetFor !== this.host.inputs)) this.start();
  }

  private async loadCatalogue(client: Client): Promise<void> {
    this.catalogueError = undefined;
    this.catalogue = undefined;
    this.update();
    try {
      const page = await client.reports.list({ orderBy: 'name', pageSize: 100 });
      if (client !== this.loadedFor) return;
      this.catalogue = page.items;
      if (page.items.length > 0) this.start();
    } catch (error) {
      if (client !== this.loadedFor) return;
      this.catalogueError = this.host.failed(error);
    }
    this.update();
  }

  /** Shows the selected report: its form from its defaults, run at once (picking a report is asking to see it). */
  private start(): void {
    const report = this.selected;
    if (!report) return;
    this.shownReport = report.id;
    this.presetFor = this.host.inputs;
    this.form = reportForm(report, this.localizer, this.host.inputs);
    this.errors = new Map();
    this.message = undefined;
    this.result = undefined;
    void this.run();
  }

  private choose(reportId: string): void {
    this.host.report = reportId; // the host's update starts it
  }

  private async run(): Promise<void> {
    const client = this.host.reportsClient;
    const report = this.selected;
    const form = this.form;
    if (!client || !report || !form) return;
    this.runAbort?.abort();
    const controller = new AbortController();
    this.runAbort = controller;
    this.running = true;
    this.message = undefined;
    this.update();
    try {
      const result = await client.reports.run({ reportId: report.id, body: { inputs: inputsOf(form) }, signal: controller.signal });
      if (controller.signal.aborted) return;
      const type = result.chartTypes.includes(this.chartType!) ? this.chartType! : result.chart.type;
      this.result = result;
      this.chartType = type;
      this.series = defaultSeries(result, type);
      this.rowsShown = ROWS_SHOWN;
      this.errors = new Map();
    } catch (error) {
      if (isAbortError(error) || controller.signal.aborted) return;
      this.failed(error);
    } finally {
      if (this.runAbort === controller) this.running = false;
      this.update();
    }
  }

  /** A run or export failed: the server's complaints on the inputs they name, anything else as a message. */
  private failed(error: unknown): void {
    const t = this.t;
    const failure = this.host.failed(error);
    if (error instanceof ValidationError) {
      // The server names inputs as `/inputs/<key>`; the form's pointers start at the inputs.
      const placed = error.fieldErrors.filter((e) => e.pointer.startsWith('/inputs/')).map((e) => [e.pointer.slice('/inputs'.length), e.message] as const);
      this.errors = new Map(placed);
      this.message = placed.length > 0 ? t.fixFields : `${t.errorKind[failure.kind]} ${failure.message}`;
    } else this.message = `${t.errorKind[failure.kind]} ${failure.message}`;
  }

  private async exportCsv(): Promise<void> {
    const client = this.host.reportsClient;
    const result = this.result;
    if (!client || !result || this.exporting) return;
    this.exporting = true;
    this.message = undefined;
    this.update();
    try {
      await this.host.act({ type: 'report-export', object: 'report', objectId: result.reportId, body: { inputs: result.inputs } }, async () => {
        let name: string | undefined;
        const csv = await client.reports.export({ reportId: result.reportId, body: { inputs: result.inputs }, onResponse: (response) => (name = filenameOf(response)) });
        saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name ?? `${result.reportId}.csv`);
      });
    } catch (error) {
      this.failed(error);
    } finally {
      this.exporting = false;
      this.update();
    }
  }

  // ---- the customer picker: a search over the caller's customers (any number of them), narrowed to the billing entity chosen ----

  private searchCustomers(text: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.findCustomers(text), SEARCH_DELAY_MS);
  }

  private async findCustomers(text: string): Promise<void> {
    const client = this.host.reportsClient;
    const form = this.form;
    if (!client || !form) return;
    this.searchAbort?.abort();
    const controller = new AbortController();
    this.searchAbort = controller;
    const billingEntityInput = this.selected?.inputs.find((i) => i.type === 'BILLING_ENTITY');
    const billingEntityId = billingEntityInput ? getAt(form.tree, `/${billingEntityInput.key}`) : undefined;
    try {
      const page = await client.customers.list({
        filter: filter.and(
          'status != "DELETED"',
          text.trim() ? filter.contains('organisationName', text.trim()) : undefined,
          typeof billingEntityId === 'string' && billingEntityId ? filter.eq('billingEntityId', billingEntityId) : undefined,
        ),
        orderBy: 'organisationName',
        pageSize: 50,
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      this.customerMatches = page.items.map((c) => ({ value: c.id, label: c.organisationName }));
      this.customerSearchTooShort = false;
      this.update();
    } catch (error) {
      if (isAbortError(error)) return;
      // A letter or two among very many customers: the picker asks for more, the rest of the form stays as it is.
      if (error instanceof ApiError && error.code === 'search_too_short') {
        this.customerSearchTooShort = true;
        this.update();
      } else this.host.failed(error);
    }
  }

  /** The picker for the customer input `key`: a search field, and the customers found to choose from. */
  private customerControl(key: string): CustomControl {
    return (field) => this.renderCustomerPicker(key, field);
  }

  private renderCustomerPicker(key: string, field: Parameters<CustomControl>[0]): TemplateResult {
    const t = this.t;
    const matches = this.customerMatches;
    return html`<div class="picker">
      <input
        type="search"
        data-field=${`${key}-search`}
        aria-label=${t.findCustomer}
        placeholder=${t.findCustomer}
        @input=${(e: Event) => this.searchCustomers((e.target as HTMLInputElement).value)}
        @focus=${() => matches.length === 0 && this.searchCustomers('')}
      />
      <select
        id=${field.id}
        data-field=${key}
        aria-labelledby=${field.labelId}
        aria-describedby=${field.describedBy ?? nothing}
        aria-invalid=${field.invalid ? 'true' : nothing}
        @change=${(e: Event) => field.input((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${field.value === ''}>${t.allCustomers}</option>
        ${matches.map((c) => html`<option value=${c.value} ?selected=${c.value === field.value}>${c.label}</option>`)}
      </select>
      ${this.customerSearchTooShort ? html`<p class="hint" role="status">${t.searchTooShort}</p>` : nothing}
    </div>`;
  }

  // ---- rendering ----

  private present(pointer: string, name: string): FieldPresentation {
    const own = this.form?.fields[pointer] ?? {};
    const input = this.selected?.inputs.find((i) => `/${i.key}` === pointer);
    const choices = input?.type === 'BILLING_ENTITY' ? this.billingEntities : undefined;
    const control = input?.type === 'CUSTOMER' && this.host.may('customers:read') ? this.customerControl(input.key) : undefined;
    return { label: name, ...own, ...(choices ? { choices } : {}), ...(control ? { control } : {}) } as FieldPresentation;
  }

  private columnLabel(column: ReportColumn): string {
    return labelOf(this.t.reportColumns, column.key, column.label);
  }

  /** The host's content once its gate is open. */
  render(): TemplateResult {
    const t = this.t;
    if (this.catalogueError) {
      const client = this.host.reportsClient;
      return renderStatePanel('error', html`${t.error} ${t.errorKind[this.catalogueError.kind]}`, () => client && void this.loadCatalogue(client), t.retry);
    }
    if (!this.catalogue) return renderStatePanel('loading', t.loading);
    if (this.catalogue.length === 0) return renderStatePanel('empty', t.noReports);
    const report = this.selected!;
    return html`<div class="report-head">
        <label class="report-choice"
          >${t.report}
          <select data-field="report" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
            ${this.catalogue.map((r) => html`<option value=${r.id} ?selected=${r.id === report.id}>${labelOf(t.reportNames, r.id, r.name)}</option>`)}
          </select></label
        >
        <p class="muted description">${labelOf(t.reportDescriptions, report.id, report.description)}</p>
      </div>
      ${this.renderForm(report)} ${this.message ? html`<p class="error-text" role="alert">${this.message}</p>` : nothing}
      ${this.result ? this.renderResult(this.result, report) : this.running ? renderStatePanel('loading', t.reportRunning) : nothing}`;
  }

  private renderForm(report: Report): TemplateResult | typeof nothing {
    const form = this.form;
    if (!form) return nothing;
    const t = this.t;
    return html`<form
      class="report-inputs"
      aria-label=${t.reportInputsOf(labelOf(t.reportNames, report.id, report.name))}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.run();
      }}
    >
      ${report.inputs.length === 0
        ? html`<p class="muted">${t.reportNoInputs}</p>`
        : renderObject(form.schema, '', {
            schema: form.schema,
            tree: form.tree,
            errors: this.errors,
            localizer: this.localizer,
            idPrefix: 'report-f',
            onInput: (pointer, value) => this.input(pointer, value),
            present: (pointer, name) => this.present(pointer, name),
          })}
      <div class="actions">
        <button type="submit" class="primary" data-action="run" ?disabled=${this.running}>${t.runReport}</button>
        <button type="button" data-action="export" ?disabled=${!this.result || this.exporting} @click=${() => void this.exportCsv()}>${t.exportCsv}</button>
      </div>
    </form>`;
  }

  private input(pointer: string, value: FormTree): void {
    if (!this.form) return;
    this.form = { ...this.form, tree: setAt(this.form.tree, pointer, value) };
    this.errors = withoutError(this.errors, pointer);
    // The customers offered follow the billing entity chosen.
    const input = this.selected?.inputs.find((i) => `/${i.key}` === pointer);
    if (input?.type === 'BILLING_ENTITY') this.customerMatches = [];
    this.update();
  }

  private renderResult(result: ReportResult, report: Report): TemplateResult {
    const t = this.t;
    const l = this.localizer;
    const type = this.chartType ?? result.chart.type;
    const series = seriesColumns(result);
    const seriesChoice = series.length > 1 && (type === 'PIE' || !seriesShareAxis(result) || result.chart.groupColumn !== null);
    const name = labelOf(t.reportNames, report.id, report.name);
    return html`<section class="report-result" aria-label=${t.reportResultOf(name)} aria-busy=${this.running ? 'true' : 'false'}>
      <div class="chart-controls">
        <div role="group" aria-label=${t.chartType} class="segmented">
          ${result.chartTypes.map(
            (chartType) => html`<button
              type="button"
              data-chart-type=${chartType}
              aria-pressed=${chartType === type ? 'true' : 'false'}
              @click=${() => this.pickChart(chartType, result)}
            >
              ${enumLabel(l, 'ReportChartType', chartType)}
            </button>`,
          )}
        </div>
        ${seriesChoice
          ? html`<label class="series-choice"
              >${t.chartSeries}
              <select data-field="series" @change=${(e: Event) => this.setSeries((e.target as HTMLSelectElement).value)}>
                ${type !== 'PIE' && seriesShareAxis(result) ? html`<option value=${ALL} ?selected=${this.series === ALL}>${t.allSeries}</option>` : nothing}
                ${series.map((c) => html`<option value=${c.key} ?selected=${this.series === c.key}>${this.columnLabel(c)}</option>`)}
              </select></label
            >`
          : nothing}
        <span class="muted generated">${t.generatedAt(l.dateTime(result.generatedAt))}</span>
      </div>
      ${result.truncated
        ? html`<p class="banner" role="status" data-state="truncated">${t.reportTruncated(l.number(result.rows.length))}</p>`
        : nothing}
      ${result.rows.length === 0
        ? renderStatePanel('empty', t.reportNoRows)
        : html`<div class="result-grid">
            <figure class="chart">
              <div class="chart-box">
                <canvas part="chart" role="img" aria-label=${t.chartLabel(name, enumLabel(l, 'ReportChartType', type))}></canvas>
              </div>
            </figure>
            ${this.renderTable(result, name)}
          </div>`}
    </section>`;
  }

  private pickChart(type: ReportChartType, result: ReportResult): void {
    const from = this.chartType;
    this.chartType = type;
    // A pie shows one series; leaving a pie, the chart's default choice comes back.
    if ((type === 'PIE' && this.series === ALL) || (from === 'PIE' && type !== 'PIE')) this.series = defaultSeries(result, type);
    this.update();
  }

  private setSeries(series: string): void {
    this.series = series;
    this.update();
  }

  private showMore(): void {
    this.rowsShown += MORE_ROWS;
    this.update();
  }

  private renderTable(result: ReportResult, name: string): TemplateResult {
    const t = this.t;
    const l = this.localizer;
    const rows = result.rows.slice(0, this.rowsShown);
    const rest = result.rows.length - rows.length;
    return html`<div class="table-box">
      ${scrollRegion(
        'table-scroll',
        t.reportTableOf(name),
        html`<table part="table" class="result-table">
          <caption class="visually-hidden">${t.reportTableOf(name)}</caption>
          <thead>
            <tr>
              ${result.columns.map((c) => html`<th scope="col" class=${numericColumn(c) ? 'number' : ''}>${this.columnLabel(c)}${unitSuffix(c)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr part="row">
                ${result.columns.map((c) => html`<td class=${numericColumn(c) ? 'number' : c.type === 'DATE' ? 'date' : ''}>${cell(c, row, l)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${rest > 0
        ? html`<p class="more">
            <span class="muted">${t.rowsOf(l.number(rows.length), l.number(result.rows.length))}</span>
            <button type="button" data-action="more-rows" @click=${() => this.showMore()}>${t.showMoreRows(l.number(Math.min(rest, MORE_ROWS)))}</button>
          </p>`
        : nothing}
    </div>`;
  }

  hostUpdated(): void {
    this.drawChart();
  }

  /** Draws the chart for what is shown (again only when the result, its type, series, locale or theme changed). */
  private drawChart(): void {
    const canvas = this.host.renderRoot.querySelector<HTMLCanvasElement>('canvas[part="chart"]');
    const result = this.result;
    if (!canvas || !result || result.rows.length === 0) {
      this.chart?.destroy();
      this.chart = undefined;
      this.drawn = undefined;
      return;
    }
    const type = this.chartType ?? result.chart.type;
    const look = this.look();
    const key = JSON.stringify([result.generatedAt, result.reportId, result.inputs, type, this.series, this.localizer.locale, look]);
    if (this.drawn?.canvas === canvas && this.drawn.key === key) return;
    this.drawn = { canvas, key };
    this.chart?.destroy();
    this.chart = drawChart(canvas, chartData(result, type, this.series, this.localizer, (c) => this.columnLabel(c)), look);
  }

  /** The theme as the widget's stylesheet resolved it: colours from `--fco-*`, dark or light from `color-scheme`. */
  private look(): ChartLook {
    const style = getComputedStyle(this.host);
    const value = (name: string) => style.getPropertyValue(name).trim();
    const dark = style.colorScheme.includes('dark');
    return {
      text: value('--_text'),
      muted: value('--_muted'),
      grid: value('--_border'),
      background: value('--_bg'),
      palette: [value('--_accent'), ...PALETTES[dark ? 'dark' : 'light']],
      fontFamily: style.fontFamily,
    };
  }
}

const numericColumn = (column: ReportColumn) => column.type === 'INTEGER' || column.type === 'DECIMAL' || column.type === 'MONEY';

/** A unit in the header where the cells do not say it (money cells carry their currency). */
const unitSuffix = (column: ReportColumn) => (column.unit && column.type !== 'MONEY' ? html` <span class="unit">(${column.unit})</span>` : nothing);

function cell(column: ReportColumn, row: ReportResult['rows'][number], l: Localizer): string {
  const value = row[column.key];
  if (value === null || value === undefined || value === '') return l.messages.none;
  switch (column.type) {
    case 'INTEGER':
      return l.number(Number(value));
    case 'DECIMAL':
      return l.decimal(String(value));
    case 'MONEY':
    {
      // In the column's currency, or in the row's where the rows differ.
      const currency = currencyOf(column, row);
      return currency ? l.money({ amount: String(value), currency }) : l.decimal(String(value));
    }
    case 'DATE':
      return l.date(String(value));
    default:
      return xLabel(column, value, l);
  }
}
