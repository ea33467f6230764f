import { filter } from '@fco-admin/sdk';
import { changeCustomerStatusBody, createCustomerBody, listCustomers, listUsers, updateCustomerBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget, relatedList } from '../widget/definition.js';
import { billingEntityChoices, productOfferChoices } from '../widget/choices.js';
import { isolate } from '../i18n/bidi.js';
import type { Customer, CustomerStatus } from '../api/types.js';
import { FcoUsers } from '../users/users.js';

/**
 * All customers in the caller's scope: filter by status, name or email, billing entity (licensee only) and creation
 * date; sort; a detail view with the customer's users, limits and balance. Create a customer with its first admin
 * user; edit (address, limits, product offer too) with conflict resolution; change the status with confirmation;
 * delete (the customer is kept as DELETED).
 *
 * @element fco-customers
 */
export class FcoCustomers extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-customers',
    object: 'customer',
    scopes: ['customers:read'],
    list: listCustomers,
    get: 'getCustomer',
    heading: (customer) => customer.organisationName,
    selectable: true,
    columns: [
      { field: 'organisationName', width: 'minmax(14rem, 2fr)' },
      { field: 'email', width: 'minmax(14rem, 2fr)' },
      { field: 'status', width: '11rem' },
      { field: 'paymentType', hidden: true },
      'balance',
      { field: 'userCount', width: '6rem' },
      { field: 'billingEntityId', hidden: true },
      'createdAt',
      { field: 'updatedAt', hidden: true },
    ],
    filters: [
      { search: ['organisationName', 'email'], label: (t) => t.nameOrEmail },
      'status',
      { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, choices: billingEntityChoices, licenseeOnly: true },
      'createdAt',
    ],
    sort: ['organisationName', 'ascending'],
    detail: ['statusReason', 'creditLimit', 'vatNumber', 'timeZone', 'productOfferId', 'address', 'limits'],
    related: [
      relatedList({
        title: (t) => t.widgetTitles['fco-users'],
        scope: 'users:read',
        list: listUsers,
        columns: FcoUsers.definition.columns,
        sort: FcoUsers.definition.sort,
        filter: (customer: Customer) => filter.eq('customerId', customer.id).toString(),
      }),
    ],
    create: (create) =>
      create({
        id: 'customer-create',
        label: (t) => t.newCustomer,
        scope: 'customers:write',
        form: {
          body: createCustomerBody,
          fields: [
            'organisationName',
            'email',
            { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, choices: billingEntityChoices },
            'paymentType',
            'creditLimit',
            'vatNumber',
            'timeZone',
            { field: 'productOfferId', label: (t) => t.fields.productOffer, choices: productOfferChoices },
            'adminUser',
            'address',
            'limits',
          ],
        },
        run: ({ client, body }) => client.customers.create({ body: body as Parameters<typeof client.customers.create>[0]['body'] }),
      }),
    actions: (action) => [
      action({
        id: 'customer-edit',
        label: (t) => t.edit,
        scope: 'customers:write',
        form: {
          body: updateCustomerBody,
          patch: true,
          fields: [
            'organisationName',
            'email',
            'vatNumber',
            'timeZone',
            'paymentType',
            'creditLimit',
            { field: 'productOfferId', label: (t) => t.fields.productOffer, choices: productOfferChoices },
            'address',
            'limits',
          ],
        },
        run: ({ client, item, body }) => client.customers.update({ customerId: item.id, ifMatch: item, body: body! }),
      }),
      action({
        id: 'status-change',
        label: (t) => t.changeStatus,
        scope: 'customers:write',
        when: (customer) => customer.status !== 'PENDING_APPROVAL' && customer.status !== 'DELETED',
        form: {
          body: changeCustomerStatusBody,
          fields: [{ field: 'status', labels: 'CustomerStatus' }, 'reason'],
          initial: () => ({}),
        },
        confirm: (t, customer, body) =>
          t.confirmStatusChange(isolate(customer.organisationName), t.enums.CustomerStatus[(body?.status as CustomerStatus) ?? 'ACTIVE']),
        run: ({ client, item, body }) =>
          client.customers.changeStatus({ customerId: item.id, ifMatch: item, body: body as { status: 'ACTIVE' | 'ADMIN' | 'DISABLED' | 'CLOSED' } }),
        describe: (_customer, body) => ({ status: body?.status, ...(body?.reason ? { reason: body.reason } : {}) }),
      }),
      action({
        id: 'customer-delete',
        label: (t) => t.delete,
        scope: 'customers:write',
        danger: true,
        when: (customer) => customer.status !== 'DELETED',
        confirm: (t, customer) => t.confirmDeleteCustomer(isolate(customer.organisationName)),
        run: async ({ client, item }) => {
          await client.customers.delete({ customerId: item.id, ifMatch: item });
        },
      }),
    ],
  });
}
