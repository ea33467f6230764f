import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { filter, type Client } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { showModal } from '../dialog/modal.js';
import type { FcoDataTable } from '../table/data-table.js';
import type { ColumnDef, FetchPage } from '../table/types.js';
import { FcoCountChangedEvent, type FcoRowOpenEvent } from '../events.js';
import type { Customer, Scope } from '../api/types.js';
import { createdFilter, customerColumns, nameOrEmailFilter } from '../customers/columns.js';
import { isolate } from '../i18n/bidi.js';

const pendingFilter = filter.eq('status', 'PENDING_APPROVAL').toString();
const columns: ColumnDef<Customer>[] = customerColumns.filter((c) => c.id !== 'status' && c.id !== 'balance' && c.id !== 'userCount');

/**
 * Customers awaiting manual approval (`status = PENDING_APPROVAL`): approve, or reject with a reason. Approved
 * customers leave this list and appear as ACTIVE in `<fco-customers>`.
 *
 * @element fco-pending-customers
 * @prop {number | undefined} count - How many customers await approval (undefined until loaded).
 * @fires {FcoCountChangedEvent} fco-count-changed - The count changed (the container shows it as a badge).
 * @fires {FcoActionEvent} fco-action - Before an approval or rejection is sent (cancelable).
 * @fires {FcoActionDoneEvent} fco-action-done - After the server accepted it.
 * @fires {FcoLoadErrorEvent} fco-load-error - A list or action call failed.
 * @csspart table - The data table.
 * @csspart dialog - The detail dialog.
 * @csspart state - The loading, forbidden or session-expired panel.
 */
export class FcoPendingCustomers extends FcoWidget {
  static override styles = [baseStyles];
  protected readonly requiredScopes: readonly Scope[] = ['customers:read'];

  @state() private pendingCount: number | undefined;
  @state() private detail: Customer | undefined;
  @state() private step: 'view' | 'approve' | 'reject' = 'view';
  @state() private reason = '';
  @state() private actionError: string | undefined;
  @state() private busy = false;

  @query('fco-data-table') private table!: FcoDataTable<Customer>;
  @query('dialog') private dialog!: HTMLDialogElement;

  private listClient: Client | undefined;
  private fetchPage: FetchPage<Customer> | undefined;

  get count(): number | undefined {
    return this.pendingCount;
  }

  protected override willUpdate(): void {
    const client = this.readyClient;
    if (client !== this.listClient) {
      this.listClient = client;
      this.fetchPage = client ? (q) => client.customers.list(q) : undefined;
    }
  }

  private readonly onTotalChange = (total: number): void => {
    // The badge counts every pending customer, so only an unfiltered total is the count.
    if (this.table?.isFiltered) return;
    if (total === this.pendingCount) return;
    this.pendingCount = total;
    this.dispatchEvent(new FcoCountChangedEvent(total));
  };

  protected override render() {
    const gate = this.renderGate();
    if (gate) return gate;
    return html`<fco-data-table
        part="table"
        label=${this.t.pendingCustomers}
        .fetchPage=${this.fetchPage}
        .columns=${columns}
        .filters=${[nameOrEmailFilter, createdFilter]}
        .baseFilter=${pendingFilter}
        .sort=${{ field: 'createdAt', direction: 'ascending' } as const}
        .onTotalChange=${this.onTotalChange}
        @fco-row-open=${this.onRowOpen}
      ></fco-data-table>
      <dialog part="dialog" aria-labelledby="pending-title">${this.detail ? this.renderDetail(this.detail) : nothing}</dialog>`;
  }

  private onRowOpen(event: FcoRowOpenEvent): void {
    const row = event.row as Customer;
    this.detail = row;
    this.step = 'view';
    this.reason = '';
    this.actionError = undefined;
    void this.updateComplete.then(() => showModal(this.dialog, () => this.table?.focusActiveCell()));
    this.readyClient?.customers.get({ customerId: row.id }).then(
      (fresh) => {
        if (this.detail?.id === fresh.id) this.detail = fresh;
      },
      (error: unknown) => this.reportError(error),
    );
  }

  private renderDetail(customer: Customer): TemplateResult {
    const l = this.localizer;
    const t = this.t;
    const canWrite = this.can('customers:write');
    return html`<h2 id="pending-title">${customer.organisationName}</h2>
      <dl class="fields">
        <dt>${t.email}</dt>
        <dd>${customer.email}</dd>
        <dt>${t.createdAt}</dt>
        <dd>${l.dateTime(customer.createdAt)}</dd>
        <dt>${t.billingEntityId}</dt>
        <dd>${customer.billingEntityId}</dd>
      </dl>
      ${this.actionError ? html`<p class="error-text" role="alert">${this.actionError}</p>` : nothing}
      ${this.step === 'approve'
        ? html`<p>${t.confirmApprove(isolate(customer.organisationName))}</p>
            <div class="actions">
              <button type="button" class="primary" data-action="confirm-approve" ?disabled=${this.busy} @click=${() => this.approve(customer)}>
                ${t.approve}
              </button>
              <button type="button" @click=${() => (this.step = 'view')}>${t.cancel}</button>
            </div>`
        : this.step === 'reject'
          ? html`<form
              aria-label=${t.reject}
              @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                void this.reject(customer);
              }}
            >
              <p>${t.confirmReject(isolate(customer.organisationName))}</p>
              <label
                >${t.rejectReason}<textarea
                  name="reason"
                  required
                  maxlength="1000"
                  .value=${this.reason}
                  @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
                ></textarea>
              </label>
              <div class="actions">
                <button type="submit" class="primary danger" data-action="confirm-reject" ?disabled=${this.busy || this.reason.trim() === ''}>
                  ${t.reject}
                </button>
                <button type="button" @click=${() => (this.step = 'view')}>${t.cancel}</button>
              </div>
            </form>`
          : html`<div class="actions">
              ${canWrite
                ? html`<button type="button" class="primary" data-action="approve" @click=${() => (this.step = 'approve')}>${t.approve}</button>
                    <button type="button" class="danger" data-action="reject" @click=${() => (this.step = 'reject')}>${t.reject}</button>`
                : nothing}
              <button type="button" @click=${() => this.dialog.close()}>${t.close}</button>
            </div>`}`;
  }

  private async approve(customer: Customer): Promise<void> {
    const client = this.readyClient;
    if (!client) return;
    await this.act(() =>
      this.runAction({ type: 'approve', customerId: customer.id }, () =>
        client.customers.approve({ customerId: customer.id, ifMatch: customer }),
      ),
    );
  }

  private async reject(customer: Customer): Promise<void> {
    const client = this.readyClient;
    const reason = this.reason.trim();
    if (!client || reason === '') return;
    await this.act(() =>
      this.runAction({ type: 'reject', customerId: customer.id, reason }, () =>
        client.customers.reject({ customerId: customer.id, ifMatch: customer, body: { reason } }),
      ),
    );
  }

  private async act(perform: () => Promise<Customer | undefined>): Promise<void> {
    this.busy = true;
    this.actionError = undefined;
    try {
      const done = await perform();
      if (done) {
        this.dialog.close();
        this.detail = undefined;
      }
    } catch (error) {
      const failure = this.reportError(error);
      this.actionError = `${this.t.errorKind[failure.kind]} ${failure.message}`;
    } finally {
      this.busy = false;
    }
  }
}
