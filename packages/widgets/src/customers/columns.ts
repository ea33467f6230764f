import { html } from 'lit';
import type { ColumnDef, FilterDef, FilterOption } from '../table/types.js';
import type { Customer, CustomerStatus } from '../api/types.js';
import type { Localizer } from '../i18n/localizer.js';

const statuses: CustomerStatus[] = ['ACTIVE', 'ADMIN', 'DISABLED', 'CLOSED', 'PENDING_APPROVAL', 'DELETED'];

export function statusLabel(l: Localizer, status: CustomerStatus): string {
  return l.messages.customerStatus[status];
}

export const statusOptions: FilterOption[] = statuses.map((s) => ({ value: s, label: (l) => statusLabel(l, s) }));

/** Columns of every customers table (`<fco-customers>`, `<fco-pending-customers>`). */
export const customerColumns: ColumnDef<Customer>[] = [
  {
    id: 'organisationName',
    label: (l) => l.messages.organisationName,
    sortField: 'organisationName',
    width: 'minmax(14rem, 2fr)',
    value: (c) => c.organisationName,
  },
  { id: 'email', label: (l) => l.messages.email, sortField: 'email', width: 'minmax(14rem, 2fr)', value: (c) => c.email },
  {
    id: 'status',
    label: (l) => l.messages.status,
    sortField: 'status',
    width: '11rem',
    value: (c, l) => html`<span class="status" data-status=${c.status}>${statusLabel(l, c.status)}</span>`,
  },
  { id: 'paymentType', label: (l) => l.messages.paymentType, width: '8rem', hiddenByDefault: true, value: (c) => c.paymentType },
  { id: 'balance', label: (l) => l.messages.balance, width: '9rem', value: (c, l) => l.money(c.balance) },
  { id: 'userCount', label: (l) => l.messages.userCount, width: '6rem', value: (c, l) => l.number(c.userCount) },
  {
    id: 'billingEntityId',
    label: (l) => l.messages.billingEntityId,
    width: '20rem',
    hiddenByDefault: true,
    value: (c) => c.billingEntityId,
  },
  { id: 'createdAt', label: (l) => l.messages.createdAt, sortField: 'createdAt', width: '9rem', value: (c, l) => l.date(c.createdAt) },
  {
    id: 'updatedAt',
    label: (l) => l.messages.updatedAt,
    sortField: 'updatedAt',
    width: '12rem',
    hiddenByDefault: true,
    value: (c, l) => l.dateTime(c.updatedAt),
  },
];

export const nameOrEmailFilter: FilterDef = {
  kind: 'text',
  id: 'q',
  label: (l) => l.messages.nameOrEmail,
  fields: ['organisationName', 'email'],
};
export const statusFilter: FilterDef = { kind: 'enum', id: 'status', label: (l) => l.messages.status, field: 'status', options: statusOptions };
export const billingEntityFilter: FilterDef = { kind: 'uuid', id: 'be', label: (l) => l.messages.billingEntityId, field: 'billingEntityId' };
export const createdFilter: FilterDef = { kind: 'date-range', id: 'created', label: (l) => l.messages.createdAt, field: 'createdAt' };
