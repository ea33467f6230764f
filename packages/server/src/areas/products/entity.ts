/**
 * Products and product offers. `inUse` is never stored: it is computed when read from the real references (offers of
 * a product; customers, servers and disks billed by an offer), each served by a look-up index.
 */
import { sql } from 'kysely';
import type { Schema } from '../../spec/types.js';
import { billingEntityNameOf, specEntity } from '../../store/spec-entity.js';
import { billingEntityEntity } from '../billing-entities/entity.js';

export type Product = Schema<'Product'>;
export type ProductOffer = Schema<'ProductOffer'>;

export const productEntity = specEntity<Product>({
  name: 'product',
  table: 'products',
  listOperation: 'listProducts',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'name', desc: false }],
  computed: {
    billingEntityName: billingEntityNameOf(() => billingEntityEntity),
    inUse: { kind: 'sql', type: 'boolean', select: (ref) => sql`exists (select 1 from product_offers as o where o.product_id = ${ref('id')})` },
  },
});

export const productOfferEntity = specEntity<ProductOffer>({
  name: 'product offer',
  table: 'product_offers',
  listOperation: 'listProductOffers',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'name', desc: false }],
  lookups: ['productId'],
  computed: {
    billingEntityName: billingEntityNameOf(() => billingEntityEntity),
    inUse: {
      kind: 'sql',
      type: 'boolean',
      select: (ref) => sql`exists (select 1 from customers as c where c.product_offer_id = ${ref('id')} and c.status <> 'DELETED')
        or exists (select 1 from servers as s where s.product_offer_id = ${ref('id')})
        or exists (select 1 from disks as d where d.product_offer_id = ${ref('id')})`,
    },
  },
});
