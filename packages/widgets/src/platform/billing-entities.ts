import { createBillingEntityBody, listBillingEntities, updateBillingEntityBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget, type ActionEnv } from '../widget/definition.js';
import { isolate } from '../i18n/bidi.js';
import type { BillingEntity } from '../api/types.js';

const licensee = (env: ActionEnv) => env.principal?.billingEntity.isMaster === true;

/**
 * The billing-entity hierarchy in the caller's scope as a tree (expand and collapse with the mouse or the keyboard),
 * with how many customers and child billing entities each has. Create a child, edit one — its control-panel options
 * (allow auto signup decides whether new customers await approval), whether its admins may use the Admin page
 * (the licensee decides, never for the master billing entity), the origins allowed to embed the widgets — and
 * delete an empty one.
 *
 * @element fco-billing-entities
 */
export class FcoBillingEntities extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-billing-entities',
    object: 'billing-entity',
    scopes: ['billing-entities:read'],
    list: listBillingEntities,
    get: 'getBillingEntity',
    heading: (be) => be.name,
    tree: { parent: 'parentId' },
    columns: [
      { field: 'name', width: 'minmax(16rem, 2fr)' },
      'billingType',
      { field: 'currency', render: (be) => be.currency.code, width: '6rem' },
      'customerCount',
      'childCount',
      'adminPageEnabled',
      { field: 'controlPanelOptions', label: (t) => t.fields.allowAutoSignup, render: (be, l) => l.boolean(be.controlPanelOptions.allowAutoSignup), width: '9rem' },
      'createdAt',
    ],
    sort: ['name', 'ascending'],
    detail: ['vatNumber', 'address', 'controlPanelUrl', 'adminControlPanelUrl', 'controlPanelOptions', 'allowedOrigins', 'emailSettings'],
    actions: (action) => [
      action({
        id: 'billing-entity-edit',
        label: (t) => t.edit,
        scope: 'billing-entities:write',
        form: {
          body: updateBillingEntityBody,
          patch: true,
          fields: [
            'name',
            'billingType',
            'vatNumber',
            'controlPanelUrl',
            'adminControlPanelUrl',
            'controlPanelOptions',
            {
              field: 'adminPageEnabled',
              locked: (be, env) => (be.isMaster ? (t) => t.masterAdminPage : licensee(env) ? undefined : (t) => t.licenseeDecides),
            },
            'allowedOrigins',
            'address',
            'emailSettings',
          ],
        },
        run: ({ client, item, body }) => client.billingEntities.update({ billingEntityId: item.id, ifMatch: item, body: body! }),
      }),
      action({
        id: 'billing-entity-create-child',
        label: (t) => t.newChildBillingEntity,
        scope: 'billing-entities:write',
        form: {
          body: createBillingEntityBody,
          fields: ['name', 'currency', 'billingType', 'controlPanelOptions', 'allowedOrigins'],
          initial: (parent) => ({ currency: parent.currency, billingType: 'REGULARBILL', allowedOrigins: parent.allowedOrigins }),
        },
        run: ({ client, item, body }) =>
          client.billingEntities.create({ body: { ...(body as { name: string; currency: BillingEntity['currency'] }), parentId: item.id } }),
      }),
      action({
        id: 'billing-entity-delete',
        label: (t) => t.delete,
        scope: 'billing-entities:write',
        danger: true,
        when: (be) => !be.isMaster && be.customerCount === 0 && be.childCount === 0,
        confirm: (t, be) => t.confirmDeleteBillingEntity(isolate(be.name)),
        run: async ({ client, item }) => {
          await client.billingEntities.delete({ billingEntityId: item.id, ifMatch: item });
        },
      }),
    ],
  });
}
