import { css, html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { filter, PreconditionFailedError, type Client } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { showModal } from '../dialog/modal.js';
import { mergeEdits } from '../dialog/merge.js';
import type { FcoDataTable } from '../table/data-table.js';
import type { FetchPage, FilterDef } from '../table/types.js';
import type { FcoRowOpenEvent } from '../events.js';
import type { Customer, CustomerLimits, CustomerStatus, Scope, User } from '../api/types.js';
import { userColumns } from '../users/columns.js';
import {
  billingEntityFilter,
  createdFilter,
  customerColumns,
  nameOrEmailFilter,
  statusFilter,
  statusLabel,
} from './columns.js';
import { formOf, patchOf, type CustomerForm } from './edit-model.js';
import { isolate } from '../i18n/bidi.js';

type Mode = 'view' | 'edit' | 'status';

interface Conflict {
  server: CustomerForm;
  takenFromServer: (keyof CustomerForm)[];
  conflicts: (keyof CustomerForm)[];
  /** The user's values of the conflicting fields, so "keep mine" can restore them. */
  mine: CustomerForm;
}

const settableStatuses = ['ACTIVE', 'ADMIN', 'DISABLED', 'CLOSED'] as const;
const limitKeys: (keyof CustomerLimits)[] = [
  'maxServers',
  'maxCpus',
  'maxRamMb',
  'maxStorageGb',
  'maxDisks',
  'maxImages',
  'maxSnapshots',
  'maxUsers',
];

/**
 * All customers in the caller's scope: filter by status, name or email, billing entity (licensee only) and creation
 * date; sort; a detail view with the customer's users, limits and balance; editing with conflict resolution; status
 * changes with confirmation.
 *
 * @element fco-customers
 * @fires {FcoActionEvent} fco-action - Before an edit or a status change is sent (cancelable).
 * @fires {FcoActionDoneEvent} fco-action-done - After the server accepted it.
 * @fires {FcoLoadErrorEvent} fco-load-error - A list, read or write failed.
 * @fires {FcoRowOpenEvent} fco-row-open - A customer's detail was opened.
 * @fires {FcoSelectionChangedEvent} fco-selection-changed - The selected customers changed.
 * @csspart table - The data table.
 * @csspart dialog - The detail dialog.
 * @csspart state - The loading, forbidden or session-expired panel.
 */
export class FcoCustomers extends FcoWidget {
  static override styles = [
    baseStyles,
    css`
      .users-table {
        --fco-table-height: 200px;
      }
      .conflict {
        border: 1px solid var(--_warning);
        border-radius: var(--_radius);
        padding: var(--_space);
        margin-block: var(--_space);
      }
      .conflict table {
        border-collapse: collapse;
        width: 100%;
      }
      .conflict th,
      .conflict td {
        text-align: start;
        border-bottom: 1px solid var(--_border);
        padding: 4px;
        overflow-wrap: anywhere;
      }
      section + section {
        margin-top: calc(var(--_space) * 2);
      }
      h3 {
        font-size: 1em;
        margin: 0 0 4px;
      }
    `,
  ];
  protected readonly requiredScopes: readonly Scope[] = ['customers:read'];

  @state() private detail: Customer | undefined;
  @state() private mode: Mode = 'view';
  @state() private form: CustomerForm | undefined;
  @state() private conflict: Conflict | undefined;
  @state() private newStatus: CustomerStatus = 'DISABLED';
  @state() private statusReason = '';
  @state() private confirming = false;
  @state() private actionError: string | undefined;
  @state() private busy = false;

  @query('fco-data-table.customers') private table!: FcoDataTable<Customer>;
  @query('dialog') private dialog!: HTMLDialogElement;

  /** What the edit started from (the server's values at that time) and the version it is based on. */
  private editBase: CustomerForm | undefined;
  /** The customer as read when the edit started: the version the save is based on (its ETag goes as If-Match). */
  private editVersion: Customer | undefined;
  private listClient: Client | undefined;
  private fetchCustomers: FetchPage<Customer> | undefined;
  private fetchUsers: FetchPage<User> | undefined;

  protected override willUpdate(): void {
    const client = this.readyClient;
    if (client !== this.listClient) {
      this.listClient = client;
      this.fetchCustomers = client ? (q) => client.customers.list(q) : undefined;
      this.fetchUsers = client ? (q) => client.users.list(q) : undefined;
    }
  }

  /** The billing-entity filter as a list of names once they are loaded (licensee only). */
  @state() private billingEntityChoice: FilterDef | undefined;
  private billingEntitiesFor: Client | undefined;

  private get filters(): FilterDef[] {
    const licensee = this.context?.principal?.billingEntity.isMaster ?? false;
    if (!licensee) return [nameOrEmailFilter, statusFilter, createdFilter];
    this.loadBillingEntities();
    return [nameOrEmailFilter, statusFilter, this.billingEntityChoice ?? billingEntityFilter, createdFilter];
  }

  /**
   * Offers the billing entities by name when the principal may list them; otherwise (or if that fails) the filter
   * stays a field for the billing entity's id.
   */
  private loadBillingEntities(): void {
    const client = this.readyClient;
    if (!client || client === this.billingEntitiesFor || !this.can('billing-entities:read')) return;
    this.billingEntitiesFor = client;
    client.billingEntities.list({ orderBy: 'name', pageSize: 500 }).then(
      (page) => {
        if (page.items.length === 0 || page.totalSize > page.items.length) return;
        this.billingEntityChoice = {
          kind: 'enum',
          id: 'be',
          label: (l) => l.messages.billingEntity,
          field: 'billingEntityId',
          options: page.items.map((be) => ({ value: be.id, label: () => be.name })),
        };
      },
      () => undefined, // keep the id field
    );
  }

  protected override render() {
    const gate = this.renderGate();
    if (gate) return gate;
    return html`<fco-data-table
        class="customers"
        part="table"
        selectable
        label=${this.t.customers}
        .fetchPage=${this.fetchCustomers}
        .columns=${customerColumns}
        .filters=${this.filters}
        .sort=${{ field: 'organisationName', direction: 'ascending' } as const}
        @fco-row-open=${this.onRowOpen}
      ></fco-data-table>
      <dialog part="dialog" aria-labelledby="customer-title">${this.detail ? this.renderDetail(this.detail) : nothing}</dialog>`;
  }

  private onRowOpen(event: FcoRowOpenEvent): void {
    if (event.composedPath()[0] !== this.table) return; // the users table inside the dialog opens nothing
    const row = event.row as Customer;
    this.detail = row;
    this.mode = 'view';
    this.conflict = undefined;
    this.actionError = undefined;
    this.confirming = false;
    void this.updateComplete.then(() => showModal(this.dialog, () => this.table?.focusActiveCell()));
    // The list carries no ETags: read the customer once to have the version edits are based on.
    this.readyClient?.customers.get({ customerId: row.id }).then(
      (fresh) => {
        if (this.detail?.id === fresh.id && this.mode === 'view') this.detail = fresh;
      },
      (error: unknown) => this.reportError(error),
    );
  }

  private renderDetail(customer: Customer): TemplateResult {
    const t = this.t;
    return html`<h2 id="customer-title">${customer.organisationName}</h2>
      ${this.actionError ? html`<p class="error-text" role="alert">${this.actionError}</p>` : nothing}
      ${this.mode === 'edit' ? this.renderEdit() : this.mode === 'status' ? this.renderStatusChange(customer) : this.renderView(customer)}
      ${this.mode === 'view'
        ? html`<div class="actions">
            ${this.can('customers:write')
              ? html`<button type="button" data-action="edit" @click=${() => this.startEdit(customer)}>${t.edit}</button>
                  ${customer.status !== 'PENDING_APPROVAL' && customer.status !== 'DELETED'
                    ? html`<button type="button" data-action="status" @click=${() => this.startStatusChange(customer)}>
                        ${t.changeStatus}
                      </button>`
                    : nothing}`
              : nothing}
            <button type="button" data-action="close" @click=${() => this.dialog.close()}>${t.close}</button>
          </div>`
        : nothing}`;
  }

  private renderView(customer: Customer): TemplateResult {
    const l = this.localizer;
    const t = this.t;
    return html`<section>
        <dl class="fields">
          <dt>${t.email}</dt>
          <dd>${customer.email}</dd>
          <dt>${t.status}</dt>
          <dd data-field="status">${statusLabel(l, customer.status)}</dd>
          ${customer.statusReason
            ? html`<dt>${t.reason}</dt>
                <dd>${customer.statusReason}</dd>`
            : nothing}
          <dt>${t.balance}</dt>
          <dd data-field="balance">${l.money(customer.balance)}</dd>
          <dt>${t.creditLimit}</dt>
          <dd>${l.money(customer.creditLimit)}</dd>
          <dt>${t.paymentType}</dt>
          <dd>${customer.paymentType}</dd>
          <dt>${t.vatNumber}</dt>
          <dd>${customer.vatNumber ?? t.none}</dd>
          <dt>${t.timeZone}</dt>
          <dd>${customer.timeZone}</dd>
          <dt>${t.createdAt}</dt>
          <dd>${l.dateTime(customer.createdAt)}</dd>
        </dl>
      </section>
      <section>
        <h3>${t.limits}</h3>
        <dl class="fields">
          ${limitKeys.map(
            (key) =>
              html`<dt>${t.limit[key]}</dt>
                <dd>${customer.limits[key] === undefined ? t.none : l.number(customer.limits[key])}</dd>`,
          )}
        </dl>
      </section>
      ${this.can('users:read')
        ? html`<section>
            <h3>${t.users}</h3>
            <fco-data-table
              class="users-table"
              label=${`${t.users}: ${customer.organisationName}`}
              page-size="50"
              .fetchPage=${this.fetchUsers}
              .columns=${userColumns}
              .baseFilter=${filter.eq('customerId', customer.id).toString()}
            ></fco-data-table>
          </section>`
        : nothing}`;
  }

  private startEdit(customer: Customer): void {
    this.editBase = formOf(customer);
    this.editVersion = customer;
    this.form = { ...this.editBase };
    this.conflict = undefined;
    this.actionError = undefined;
    this.mode = 'edit';
  }

  private setField(field: keyof CustomerForm, value: string): void {
    if (this.form) this.form = { ...this.form, [field]: value };
  }

  private renderEdit(): TemplateResult {
    const t = this.t;
    const form = this.form!;
    const input = (field: keyof CustomerForm, label: string, type = 'text') =>
      html`<label
        >${label}<input
          name=${field}
          type=${type}
          .value=${form[field]}
          @input=${(e: Event) => this.setField(field, (e.target as HTMLInputElement).value)}
      /></label>`;
    return html`<form @submit=${this.onSave} aria-label=${t.editCustomer}>
      ${this.conflict ? this.renderConflict(this.conflict) : nothing}
      <div class="form-grid">
        ${input('organisationName', t.organisationName)} ${input('email', t.email, 'email')}
        ${input('vatNumber', t.vatNumber)} ${input('timeZone', t.timeZone)}
        <label
          >${t.paymentType}<select
            name="paymentType"
            .value=${form.paymentType}
            @change=${(e: Event) => this.setField('paymentType', (e.target as HTMLSelectElement).value)}
          >
            <option value="PREPAY" ?selected=${form.paymentType === 'PREPAY'}>PREPAY</option>
            <option value="INVOICE" ?selected=${form.paymentType === 'INVOICE'}>INVOICE</option>
          </select></label
        >
        ${input('creditLimit', t.creditLimit)}
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-action="save" ?disabled=${this.busy}>
          ${this.conflict ? t.saveAgain : t.save}
        </button>
        <button type="button" @click=${this.cancelMode}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private renderConflict(conflict: Conflict): TemplateResult {
    const t = this.t;
    const form = this.form!;
    const rows = [...conflict.conflicts, ...conflict.takenFromServer];
    return html`<div class="conflict" role="alert" data-conflict>
      <h3>${t.conflictTitle}</h3>
      <p>${t.conflictHelp}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.field}</th>
            <th scope="col">${t.yourValue}</th>
            <th scope="col">${t.serverValue}</th>
            <th scope="col"><span class="visually-hidden">${t.confirm}</span></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((field) => {
            const isConflict = conflict.conflicts.includes(field);
            const label = (t as unknown as Record<string, string>)[field] ?? field;
            return html`<tr data-field=${field}>
              <th scope="row">${label}</th>
              <td>${isConflict ? conflict.mine[field] : form[field]}</td>
              <td>${conflict.server[field]}</td>
              <td>
                ${isConflict
                  ? html`<button type="button" data-keep="mine" @click=${() => this.setField(field, conflict.mine[field] ?? '')}>
                        ${t.keepMine}</button
                      ><button type="button" data-keep="server" @click=${() => this.setField(field, conflict.server[field] ?? '')}>
                        ${t.takeServer}
                      </button>`
                  : nothing}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private cancelMode(): void {
    this.mode = 'view';
    this.conflict = undefined;
    this.confirming = false;
    this.actionError = undefined;
  }

  private async onSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.readyClient;
    const customer = this.detail;
    if (!client || !customer || !this.form || !this.editBase) return;
    const patch = patchOf(this.editBase, this.form);
    if (Object.keys(patch).length === 0) {
      this.cancelMode();
      return;
    }
    this.busy = true;
    this.actionError = undefined;
    try {
      const updated = await this.runAction({ type: 'customer-edit', customerId: customer.id, patch }, () =>
        client.customers.update({ customerId: customer.id, ifMatch: this.editVersion ?? customer, body: patch }),
      );
      if (updated) {
        this.detail = updated;
        this.conflict = undefined;
        this.mode = 'view';
      }
    } catch (error) {
      if (error instanceof PreconditionFailedError) await this.resolveConflict(client, customer.id);
      else this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  /** Someone else saved first: keep the user's edits, take the server's other fields, show both side by side. */
  private async resolveConflict(client: Client, customerId: string): Promise<void> {
    try {
      const latest = await client.customers.get({ customerId });
      const server = formOf(latest);
      const mine = { ...this.form! };
      const merge = mergeEdits(this.editBase!, mine, server);
      this.form = merge.merged;
      this.conflict = { server, mine, takenFromServer: merge.takenFromServer, conflicts: merge.conflicts };
      this.editBase = server;
      this.editVersion = latest;
      this.detail = latest;
    } catch (error) {
      this.showError(error);
    }
  }

  private startStatusChange(customer: Customer): void {
    this.newStatus = settableStatuses.find((s) => s !== customer.status) ?? 'DISABLED';
    this.statusReason = '';
    this.confirming = false;
    this.actionError = undefined;
    this.mode = 'status';
  }

  private renderStatusChange(customer: Customer): TemplateResult {
    const l = this.localizer;
    const t = this.t;
    if (this.confirming) {
      return html`<p role="alert">${t.confirmStatusChange(isolate(customer.organisationName), statusLabel(l, this.newStatus))}</p>
        <div class="actions">
          <button type="button" class="primary" data-action="confirm" ?disabled=${this.busy} @click=${this.changeStatus}>
            ${t.confirm}
          </button>
          <button type="button" @click=${this.cancelMode}>${t.cancel}</button>
        </div>`;
    }
    return html`<form
      aria-label=${t.changeStatus}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.confirming = true;
      }}
    >
      <div class="form-grid">
        <label
          >${t.newStatus}<select
            name="status"
            @change=${(e: Event) => (this.newStatus = (e.target as HTMLSelectElement).value as CustomerStatus)}
          >
            ${settableStatuses
              .filter((s) => s !== customer.status)
              .map((s) => html`<option value=${s} ?selected=${s === this.newStatus}>${statusLabel(l, s)}</option>`)}
          </select></label
        >
        <label
          >${t.reason}<input
            name="reason"
            maxlength="1000"
            .value=${this.statusReason}
            @input=${(e: Event) => (this.statusReason = (e.target as HTMLInputElement).value)}
        /></label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-action="status-next">${t.changeStatus}</button>
        <button type="button" @click=${this.cancelMode}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private async changeStatus(): Promise<void> {
    const client = this.readyClient;
    const customer = this.detail;
    if (!client || !customer) return;
    const status = this.newStatus as (typeof settableStatuses)[number];
    const reason = this.statusReason.trim() || undefined;
    this.busy = true;
    try {
      const updated = await this.runAction({ type: 'status-change', customerId: customer.id, status, ...(reason ? { reason } : {}) }, () =>
        client.customers.changeStatus({
          customerId: customer.id,
          ifMatch: customer,
          body: reason ? { status, reason } : { status },
        }),
      );
      if (updated) {
        this.detail = updated;
        this.cancelMode();
      }
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private showError(error: unknown): void {
    const failure = this.reportError(error);
    this.actionError = `${this.t.errorKind[failure.kind]} ${failure.message}`;
  }
}
