import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Client, OperationId } from '@fco-admin/sdk';
import { listReports } from '@fco-admin/sdk/metadata';
import { FcoWidget } from '../base/widget-base.js';
import { renderStatePanel } from '../base/state-panel.js';
import type { ClassifiedError } from '../api/errors.js';
import { baseStyles } from '../theme/styles.js';
import { widgetStyles } from '../widget/widget-styles.js';
import type { Localizer } from '../i18n/localizer.js';
import type { FcoAction } from '../events.js';
import type { ReportInputValue, Scope } from '../api/types.js';
import type { ReportsHost, ReportsView } from './report-view.js';

/**
 * Platform usage reports: pick a report from the catalogue, set its inputs (dates, a date range, a billing entity or
 * customer by name, choices, numbers) and run it; the result shows as a chart — switchable among the report's chart
 * types — beside an accessible table with the same figures, with a banner when the server cut rows. **Export CSV**
 * downloads every row under the server's file name. Charts use Chart.js; they follow the theme (light or dark, the
 * accent) and the locale (numbers, money, dates). Reports cover the caller's billing entities only.
 *
 * The element is small: what it does (with Chart.js) loads as a chunk of its own when it is first shown, so pages
 * and tabs without reports never download it.
 *
 * @element fco-reports
 * @attr report - The id of the report shown (default: the first of the catalogue); reflects the user's choice.
 * @prop {Record<string, ReportInputValue>} inputs - Input values the report starts from, over its defaults.
 * @fires {FcoActionEvent} fco-action - Before a CSV export (`report-export`, body: the inputs); cancelable.
 * @fires {FcoActionDoneEvent} fco-action-done - After the export was downloaded.
 * @fires {FcoLoadErrorEvent} fco-load-error - The catalogue, a run or an export failed.
 * @csspart state - The loading, empty, error, forbidden or session-expired panel.
 * @csspart chart - The chart's canvas.
 * @csspart table - The result table.
 * @csspart row - A row of the result table.
 * @cssprop --fco-chart-height - Height of the chart, and the most the table takes before it scrolls (default 20rem).
 */
export class FcoReports extends FcoWidget implements ReportsHost {
  static override styles = [baseStyles, widgetStyles];

  /** The element's default tag and the layout's widget type. */
  static readonly tag = 'fco-reports';
  /** Scopes without which it shows the forbidden state. */
  static readonly scopes: readonly Scope[] = ['reports:read'];
  /** The list whose answer it shows first (the shared tests and stories hold, empty or fail it). */
  static readonly lists = [listReports];
  /** Every operation its view calls: the catalogue, runs, the CSV export, and the billing entity and customer pickers. */
  static readonly calls: readonly OperationId[] = ['listReports', 'runReport', 'exportReport', 'listBillingEntities', 'listCustomers'];

  /** The id of the report shown. */
  @property({ reflect: true }) report: string | undefined;
  /** Input values the shown report starts from, over its defaults (e.g. a period); keys it has no input for are ignored. */
  @property({ attribute: false }) inputs: Readonly<Record<string, ReportInputValue>> | undefined;

  @state() private view: ReportsView | undefined;
  @state() private viewFailed = false;
  private viewLoading = false;

  protected override get requiredScopes(): readonly Scope[] {
    return FcoReports.scopes;
  }

  get reportsClient(): Client | undefined {
    return this.readyClient;
  }

  get reportsLocalizer(): Localizer {
    return this.localizer;
  }

  may(scope: Scope): boolean {
    return this.can(scope);
  }

  failed(error: unknown): ClassifiedError {
    return this.reportError(error);
  }

  act<T>(action: FcoAction, perform: () => Promise<T>): Promise<T | undefined> {
    return this.runAction(action, perform);
  }

  protected override willUpdate(): void {
    if (this.readyClient && !this.view && !this.viewLoading && !this.viewFailed) void this.loadView();
  }

  private async loadView(): Promise<void> {
    this.viewLoading = true;
    try {
      const { ReportsView } = await import('./report-view.js');
      this.view = new ReportsView(this);
    } catch (error) {
      this.viewFailed = true;
      this.reportError(error);
    } finally {
      this.viewLoading = false;
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const gate = this.renderGate();
    if (gate) return gate;
    const t = this.t;
    if (this.viewFailed) return renderStatePanel('error', html`${t.error} ${t.errorKind.network}`, () => (this.viewFailed = false), t.retry);
    return this.view ? this.view.render() : renderStatePanel('loading', t.loading);
  }
}
