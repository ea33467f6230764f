import { state } from 'lit/decorators.js';
import { filter } from '@fco-admin/sdk';
import { listCustomers, rejectCustomerBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { FcoCountChangedEvent } from '../events.js';
import { isolate } from '../i18n/bidi.js';
import type { Customer } from '../api/types.js';

const pending = (customer: Customer) => customer.status === 'PENDING_APPROVAL';

/**
 * Customers awaiting manual approval (`status = PENDING_APPROVAL`, for billing entities that do not allow automatic
 * signup): approve, or reject with a reason. Approved customers leave this list and appear as ACTIVE in
 * `<fco-customers>`. Its count shows as a badge on its tab.
 *
 * @element fco-pending-customers
 * @prop {number | undefined} count - How many customers await approval (undefined until loaded).
 * @fires {FcoCountChangedEvent} fco-count-changed - The count changed (the container shows it as a badge).
 */
export class FcoPendingCustomers extends FcoListWidget {
  static readonly showsCount = true;
  static override definition = defineListWidget({
    tag: 'fco-pending-customers',
    object: 'customer',
    scopes: ['customers:read'],
    list: listCustomers,
    get: 'getCustomer',
    heading: (customer) => customer.organisationName,
    baseFilter: filter.eq('status', 'PENDING_APPROVAL').toString(),
    columns: [
      { field: 'organisationName', width: 'minmax(14rem, 2fr)' },
      { field: 'email', width: 'minmax(14rem, 2fr)' },
      { field: 'paymentType', hidden: true },
      { field: 'billingEntityId', hidden: true },
      'createdAt',
      { field: 'updatedAt', hidden: true },
    ],
    filters: [{ search: ['organisationName', 'email'], label: (t) => t.nameOrEmail }, 'createdAt'],
    sort: ['createdAt', 'ascending'],
    actions: (action) => [
      action({
        id: 'approve',
        label: (t) => t.approve,
        scope: 'customers:write',
        when: pending,
        closes: true,
        confirm: (t, customer) => t.confirmApprove(isolate(customer.organisationName)),
        run: ({ client, item }) => client.customers.approve({ customerId: item.id, ifMatch: item }),
      }),
      action({
        id: 'reject',
        label: (t) => t.reject,
        scope: 'customers:write',
        when: pending,
        danger: true,
        closes: true,
        form: { body: rejectCustomerBody, fields: [{ field: 'reason', multiline: true }] },
        confirm: (t, customer) => t.confirmReject(isolate(customer.organisationName)),
        run: ({ client, item, body }) =>
          client.customers.reject({ customerId: item.id, ifMatch: item, body: body as { reason: string } }),
      }),
    ],
  });

  @state() private pendingCount: number | undefined;

  get count(): number | undefined {
    return this.pendingCount;
  }

  protected override totalChanged(total: number, filtered: boolean): void {
    // The badge counts every pending customer, so only an unfiltered total is the count.
    if (filtered || total === this.pendingCount) return;
    this.pendingCount = total;
    this.dispatchEvent(new FcoCountChangedEvent(total));
  }
}
