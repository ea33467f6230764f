import { html } from 'lit';
import type { ColumnDef, FilterDef } from '../table/types.js';
import type { User } from '../api/types.js';

/** The users table's columns, shared by `<fco-users>` and the customer detail. */
export const userColumns: ColumnDef<User>[] = [
  { id: 'firstName', label: (l) => l.messages.firstName, sortField: 'firstName', value: (u) => u.firstName },
  { id: 'lastName', label: (l) => l.messages.lastName, sortField: 'lastName', value: (u) => u.lastName },
  { id: 'email', label: (l) => l.messages.email, sortField: 'email', width: 'minmax(14rem, 2fr)', value: (u) => u.email },
  { id: 'userType', label: (l) => l.messages.userType, width: '9rem', hiddenByDefault: true, value: (u) => u.userType },
  { id: 'admin', label: (l) => l.messages.admin, width: '6rem', value: (u, l) => l.boolean(u.admin) },
  {
    id: 'locked',
    label: (l) => l.messages.locked,
    width: '6rem',
    value: (u, l) => (u.locked ? html`<span class="status">${l.messages.locked}</span>` : l.boolean(false)),
  },
  {
    id: 'lastLoginTime',
    label: (l) => l.messages.lastLoginTime,
    sortField: 'lastLoginTime',
    width: '12rem',
    value: (u, l) => l.dateTime(u.lastLoginTime),
  },
  { id: 'createdAt', label: (l) => l.messages.createdAt, sortField: 'createdAt', width: '9rem', hiddenByDefault: true, value: (u, l) => l.date(u.createdAt) },
];

export const userFilters: FilterDef[] = [
  { kind: 'text', id: 'q', label: (l) => l.messages.nameOrEmail, fields: ['firstName', 'lastName', 'email'] },
  { kind: 'boolean', id: 'locked', label: (l) => l.messages.locked, field: 'locked' },
  { kind: 'boolean', id: 'admin', label: (l) => l.messages.admin, field: 'admin' },
];
