import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { filter } from '@fco-admin/sdk';
import { createUserBody, listUsers, updateUserBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineAction, defineListWidget } from '../widget/definition.js';
import { customerChoices } from '../widget/choices.js';
import { isolate } from '../i18n/bidi.js';
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
 * Users in the caller's scope, or of one customer: search by name or email, filter locked users and admins. Create
 * a user; from a user's detail edit the name and email, lock, unlock, change the admin flag, and delete (a customer's
 * last admin is kept, with the server's reason).
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
    create: (create) =>
      create({
        id: 'user-create',
        label: (t) => t.newUser,
        scope: 'users:write',
        form: {
          body: createUserBody,
          fields: [{ field: 'customerId', label: (t) => t.fields.customerName, choices: customerChoices }, 'firstName', 'lastName', 'email', 'userType', 'admin'],
        },
        run: ({ client, body }) => client.users.create({ body: body as Parameters<typeof client.users.create>[0]['body'] }),
      }),
    actions: (action) => [
      action({
        id: 'user-edit',
        label: (t) => t.edit,
        scope: 'users:write',
        form: { body: updateUserBody, patch: true, fields: ['firstName', 'lastName', 'email'] },
        run: ({ client, item, body }) => client.users.update({ userId: item.id, ifMatch: item, body: body! }),
      }),
      lock(false),
      lock(true),
      admin(true),
      admin(false),
      action({
        id: 'user-delete',
        label: (t) => t.delete,
        scope: 'users:write',
        danger: true,
        confirm: (t, user) => t.confirmDeleteUser(`${isolate(user.firstName)} ${isolate(user.lastName)}`),
        run: async ({ client, item }) => {
          await client.users.delete({ userId: item.id, ifMatch: item });
        },
      }),
    ],
  });

  @property({ attribute: 'customer-id' }) customerId: string | undefined;

  /** A list narrowed to one customer creates that customer's users. */
  protected override createInitial(): Record<string, unknown> {
    return this.customerId ? { customerId: this.customerId } : {};
  }

  protected override get baseFilter(): string | undefined {
    return this.customerId ? filter.eq('customerId', this.customerId).toString() : undefined;
  }
}
