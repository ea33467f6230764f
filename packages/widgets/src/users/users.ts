import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { filter, type Client } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { showModal } from '../dialog/modal.js';
import type { FcoDataTable } from '../table/data-table.js';
import type { FetchPage } from '../table/types.js';
import type { FcoRowOpenEvent } from '../events.js';
import type { Scope, User } from '../api/types.js';
import { userColumns, userFilters } from './columns.js';

/**
 * Users in the caller's scope, or of one customer. Detail view with lock/unlock and the admin flag.
 *
 * @element fco-users
 * @attr customer-id - Show only this customer's users.
 * @fires {FcoActionEvent} fco-action - Before lock, unlock or an admin change (cancelable).
 * @fires {FcoActionDoneEvent} fco-action-done - After the server accepted the action.
 * @fires {FcoLoadErrorEvent} fco-load-error - A list or action call failed.
 * @csspart table - The data table.
 * @csspart dialog - The detail dialog.
 * @csspart state - The loading, forbidden or session-expired panel.
 */
export class FcoUsers extends FcoWidget {
  static override styles = [baseStyles];
  protected readonly requiredScopes: readonly Scope[] = ['users:read'];

  @property({ attribute: 'customer-id' }) customerId: string | undefined;

  @state() private detail: User | undefined;
  @state() private actionError: string | undefined;
  @state() private busy = false;

  @query('fco-data-table') private table!: FcoDataTable<User>;
  @query('dialog') private dialog!: HTMLDialogElement;

  private fetchPage: FetchPage<User> | undefined;
  private fetchClient: Client | undefined;

  protected override willUpdate(): void {
    const client = this.readyClient;
    if (client !== this.fetchClient) {
      this.fetchClient = client;
      this.fetchPage = client ? (q) => client.users.list(q) : undefined;
    }
  }

  protected override render() {
    const gate = this.renderGate();
    if (gate) return gate;
    const t = this.t;
    return html`<fco-data-table
        part="table"
        label=${t.users}
        .fetchPage=${this.fetchPage}
        .columns=${userColumns}
        .filters=${userFilters}
        .baseFilter=${this.customerId ? filter.eq('customerId', this.customerId).toString() : undefined}
        .sort=${{ field: 'lastName', direction: 'ascending' } as const}
        @fco-row-open=${this.onRowOpen}
      ></fco-data-table>
      <dialog part="dialog" aria-labelledby="user-title">${this.detail ? this.renderDetail(this.detail) : nothing}</dialog>`;
  }

  private renderDetail(user: User) {
    const l = this.localizer;
    const t = this.t;
    const canWrite = this.can('users:write');
    return html`<h2 id="user-title"><bdi>${user.firstName}</bdi> <bdi>${user.lastName}</bdi></h2>
      <dl class="fields">
        <dt>${t.email}</dt>
        <dd>${user.email}</dd>
        <dt>${t.userType}</dt>
        <dd>${user.userType}</dd>
        <dt>${t.admin}</dt>
        <dd>${l.boolean(user.admin)}</dd>
        <dt>${t.locked}</dt>
        <dd data-field="locked">${l.boolean(user.locked)}</dd>
        <dt>${t.lastLoginTime}</dt>
        <dd>${l.dateTime(user.lastLoginTime)}</dd>
        <dt>${t.createdAt}</dt>
        <dd>${l.dateTime(user.createdAt)}</dd>
      </dl>
      ${this.actionError ? html`<p class="error-text" role="alert">${this.actionError}</p>` : nothing}
      <div class="actions">
        ${canWrite
          ? html`<button type="button" data-action="lock" ?disabled=${this.busy} @click=${() => this.toggleLock(user)}>
                ${user.locked ? t.unlock : t.lock}
              </button>
              <button type="button" data-action="admin" ?disabled=${this.busy} @click=${() => this.toggleAdmin(user)}>
                ${user.admin ? t.removeAdmin : t.makeAdmin}
              </button>`
          : nothing}
        <button type="button" @click=${() => this.dialog.close()}>${t.close}</button>
      </div>`;
  }

  private onRowOpen(event: FcoRowOpenEvent): void {
    const row = event.row as User;
    this.detail = row;
    this.actionError = undefined;
    void this.updateComplete.then(() => showModal(this.dialog, () => this.table?.focusActiveCell()));
    // The list has no ETags; the single read gives the one the writes send as If-Match.
    const client = this.readyClient;
    client?.users.get({ userId: row.id }).then(
      (fresh) => {
        if (this.detail?.id === fresh.id) this.detail = fresh;
      },
      (error: unknown) => this.reportError(error),
    );
  }

  private async act(perform: () => Promise<User | undefined>): Promise<void> {
    this.busy = true;
    this.actionError = undefined;
    try {
      const updated = await perform();
      if (updated) {
        this.detail = updated;
      }
    } catch (error) {
      const failure = this.reportError(error);
      this.actionError = `${this.t.errorKind[failure.kind]} ${failure.message}`;
    } finally {
      this.busy = false;
    }
  }

  private toggleLock(user: User): Promise<void> {
    const client = this.readyClient;
    if (!client) return Promise.resolve();
    const ifMatch = user;
    return this.act(() =>
      user.locked
        ? this.runAction({ type: 'user-unlock', userId: user.id }, () => client.users.unlock({ userId: user.id, ifMatch }))
        : this.runAction({ type: 'user-lock', userId: user.id }, () => client.users.lock({ userId: user.id, ifMatch })),
    );
  }

  private toggleAdmin(user: User): Promise<void> {
    const client = this.readyClient;
    if (!client) return Promise.resolve();
    const admin = !user.admin;
    return this.act(() =>
      this.runAction({ type: 'user-admin', userId: user.id, admin }, () =>
        client.users.update({ userId: user.id, ifMatch: user, body: { admin } }),
      ),
    );
  }
}
