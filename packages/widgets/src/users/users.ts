import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { filter } from '@fco-admin/sdk';
import { listUsers } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineAction, defineListWidget } from '../widget/definition.js';
import type { User } from '../api/types.js';

const lock = (locked: boolean) =>
  defineAction<User>({
    id: locked ? 'user-unlock' : 'user-lock',
    label: (t) => (locked ? t.unlock : t.lock),
    scope: 'users:write',
    when: (user) => user.locked === locked,
    run: ({ client, item }) => (locked ? client.users.unlock({ userId: item.id, ifMatch: item }) : client.users.lock({ userId: item.id, ifMatch: item })),
  });

const admin = (makeAdmin: boolean) =>
  defineAction<User>({
    id: 'user-admin',
    label: (t) => (makeAdmin ? t.makeAdmin : t.removeAdmin),
    scope: 'users:write',
    when: (user) => user.admin !== makeAdmin,
    run: ({ client, item }) => client.users.update({ userId: item.id, ifMatch: item, body: { admin: makeAdmin } }),
    describe: () => ({ admin: makeAdmin }),
  });

/**
 * Users in the caller's scope, or of one customer: search by name or email, filter locked users and admins; lock,
 * unlock and change the admin flag from a user's detail.
 *
 * @element fco-users
 * @attr customer-id - Show only this customer's users.
 */
export class FcoUsers extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-users',
    object: 'user',
    scopes: ['users:read'],
    list: listUsers,
    get: 'getUser',
    heading: (user) => html`<bdi>${user.firstName}</bdi> <bdi>${user.lastName}</bdi>`,
    columns: [
      'firstName',
      'lastName',
      { field: 'email', width: 'minmax(14rem, 2fr)' },
      { field: 'userType', hidden: true },
      'admin',
      'locked',
      'lastLoginTime',
      { field: 'createdAt', hidden: true },
    ],
    filters: [{ search: ['firstName', 'lastName', 'email'], label: (t) => t.nameOrEmail }, 'locked', 'admin'],
    sort: ['lastName', 'ascending'],
    actions: () => [lock(false), lock(true), admin(true), admin(false)],
  });

  @property({ attribute: 'customer-id' }) customerId: string | undefined;

  protected override get baseFilter(): string | undefined {
    return this.customerId ? filter.eq('customerId', this.customerId).toString() : undefined;
  }
}
