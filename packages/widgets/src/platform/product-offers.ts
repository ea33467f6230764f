import { createProductOfferBody, listProductOffers, updateProductOfferBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { clusterChoices, productChoices } from '../widget/choices.js';
import { isolate } from '../i18n/bidi.js';
import type { ProductOffer } from '../api/types.js';

const lockedInUse = (offer: ProductOffer) => (offer.inUse ? (t: { lockedInUse: string }) => t.lockedInUse : undefined);

/**
 * Product offers: a product at a price per billing period and unit type, with its components configured and the
 * clusters it is sold on. Create, edit (billing period and unit type are locked while customers use the offer),
 * deactivate, and delete one nobody uses.
 *
 * @element fco-product-offers
 */
export class FcoProductOffers extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-product-offers',
    object: 'product-offer',
    scopes: ['products:read'],
    list: listProductOffers,
    get: 'getProductOffer',
    heading: (offer) => offer.name,
    columns: [
      'name',
      { field: 'productId', label: (t) => t.fields.product, names: productChoices, width: 'minmax(10rem, 1fr)' },
      'billingPeriod',
      'unitType',
      'price',
      'active',
      'inUse',
      'createdAt',
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', { field: 'productId', label: (t) => t.fields.product, choices: productChoices }, 'billingPeriod', 'unitType', 'active', 'inUse'],
    sort: ['name', 'ascending'],
    detail: ['description', 'componentConfig', 'clusterIds'],
    create: (create) =>
      create({
        id: 'product-offer-create',
        label: (t) => t.newProductOffer,
        scope: 'products:write',
        form: {
          body: createProductOfferBody,
          fields: [
            'name',
            'description',
            { field: 'productId', label: (t) => t.fields.product, choices: productChoices },
            'billingPeriod',
            'unitType',
            'price',
            'active',
            'componentConfig',
            { field: 'clusterIds', label: (t) => t.fields.clusters, choices: clusterChoices },
          ],
          initial: () => ({ active: true }),
        },
        run: ({ client, body }) => client.productOffers.create({ body: body as Parameters<typeof client.productOffers.create>[0]['body'] }),
      }),
    actions: (action) => [
      action({
        id: 'product-offer-edit',
        label: (t) => t.edit,
        scope: 'products:write',
        form: {
          body: updateProductOfferBody,
          patch: true,
          fields: [
            'name',
            'description',
            { field: 'billingPeriod', locked: lockedInUse },
            { field: 'unitType', locked: lockedInUse },
            'price',
            'active',
            'componentConfig',
            { field: 'clusterIds', label: (t) => t.fields.clusters, choices: clusterChoices },
          ],
        },
        run: ({ client, item, body }) => client.productOffers.update({ productOfferId: item.id, ifMatch: item, body: body! }),
      }),
      action({
        id: 'product-offer-delete',
        label: (t) => t.delete,
        scope: 'products:write',
        danger: true,
        when: (offer) => !offer.inUse,
        confirm: (t, offer) => t.confirmDelete(isolate(offer.name)),
        run: async ({ client, item }) => {
          await client.productOffers.delete({ productOfferId: item.id, ifMatch: item });
        },
      }),
    ],
  });
}
