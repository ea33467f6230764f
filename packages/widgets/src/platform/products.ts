import { createProductBody, listProducts, updateProductBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { billingEntityChoices } from '../widget/choices.js';
import { isolate } from '../i18n/bidi.js';
import type { Product } from '../api/types.js';

const lockedInUse = (product: Product) => (product.inUse ? (t: { lockedInUse: string }) => t.lockedInUse : undefined);

/**
 * Products: what a resource type is sold as, with its components — each with configurable values (checked by their
 * validator) and measured values (what usage is counted in). Create, edit and delete; a product's type and
 * components are locked while offers use it, and the form shows them as such.
 *
 * @element fco-products
 */
export class FcoProducts extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-products',
    object: 'product',
    scopes: ['products:read'],
    list: listProducts,
    get: 'getProduct',
    heading: (product) => product.name,
    columns: [
      'name',
      'associatedType',
      { field: 'components', width: '8rem' },
      'inUse',
      { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, names: billingEntityChoices, width: 'minmax(10rem, 1fr)' },
      'createdAt',
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', 'associatedType', 'inUse', 'createdAt'],
    sort: ['name', 'ascending'],
    detail: ['description'],
    create: (create) =>
      create({
        id: 'product-create',
        label: (t) => t.newProduct,
        scope: 'products:write',
        form: { body: createProductBody, fields: ['name', 'description', 'associatedType', 'components'] },
        run: ({ client, body }) => client.products.create({ body: body as Parameters<typeof client.products.create>[0]['body'] }),
      }),
    actions: (action) => [
      action({
        id: 'product-edit',
        label: (t) => t.edit,
        scope: 'products:write',
        form: {
          body: updateProductBody,
          patch: true,
          fields: ['name', 'description', { field: 'associatedType', locked: lockedInUse }, { field: 'components', locked: lockedInUse }],
        },
        run: ({ client, item, body }) => client.products.update({ productId: item.id, ifMatch: item, body: body! }),
      }),
      action({
        id: 'product-delete',
        label: (t) => t.delete,
        scope: 'products:write',
        danger: true,
        when: (product) => !product.inUse,
        confirm: (t, product) => t.confirmDelete(isolate(product.name)),
        run: async ({ client, item }) => {
          await client.products.delete({ productId: item.id, ifMatch: item });
        },
      }),
    ],
  });
}
