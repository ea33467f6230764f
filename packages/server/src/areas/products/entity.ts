/**
 * Products and product offers. `inUse` is never stored: each kind is read through a view that derives it from the
 * real references (offers of a product; customers, servers and disks billed by an offer), and written through its
 * table. Both definitions share their columns, so a read and the write after it agree on the representation.
 */
import type { Schema } from '../../spec/types.js';
import { defineEntity, type EntityDefinition } from '../../store/entity.js';

export type Product = Schema<'Product'>;
export type ProductOffer = Schema<'ProductOffer'>;
/** What the tables hold: the representation without the derived `inUse`. */
export type StoredProduct = Omit<Product, 'inUse'>;
export type StoredProductOffer = Omit<ProductOffer, 'inUse'>;

const productColumns = {
  id: { column: 'id', type: 'text' },
  billingEntityId: { column: 'billing_entity_id', type: 'text' },
  name: { column: 'name', type: 'text' },
  associatedType: { column: 'associated_type', type: 'text' },
  createdAt: { column: 'created_at', type: 'timestamp' },
  updatedAt: { column: 'updated_at', type: 'timestamp' },
} as const;

const offerColumns = {
  id: { column: 'id', type: 'text' },
  billingEntityId: { column: 'billing_entity_id', type: 'text' },
  productId: { column: 'product_id', type: 'text' },
  name: { column: 'name', type: 'text' },
  billingPeriod: { column: 'billing_period', type: 'text' },
  unitType: { column: 'unit_type', type: 'text' },
  active: { column: 'active', type: 'boolean' },
  createdAt: { column: 'created_at', type: 'timestamp' },
  updatedAt: { column: 'updated_at', type: 'timestamp' },
} as const;

const inUse = { column: 'in_use', type: 'boolean' } as const;

const PRODUCT_FIELDS = ['id', 'name', 'description', 'associatedType', 'components', 'inUse', 'billingEntityId', 'createdAt', 'updatedAt'] as const;
const OFFER_FIELDS = [
  'id', 'name', 'description', 'productId', 'billingEntityId', 'billingPeriod', 'unitType', 'price', 'componentConfig',
  'clusterIds', 'active', 'inUse', 'createdAt', 'updatedAt',
] as const;

export const productEntity: EntityDefinition<Product> = defineEntity<Product>({
  name: 'product',
  table: 'product_rows',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: { ...productColumns, inUse },
  defaultOrder: [{ field: 'name', desc: false }],
  fieldOrder: PRODUCT_FIELDS,
});

export const productTable: EntityDefinition<StoredProduct> = defineEntity<StoredProduct>({
  name: 'product',
  table: 'products',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: productColumns,
  defaultOrder: [{ field: 'name', desc: false }],
});

export const productOfferEntity: EntityDefinition<ProductOffer> = defineEntity<ProductOffer>({
  name: 'product offer',
  table: 'product_offer_rows',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: { ...offerColumns, inUse },
  defaultOrder: [{ field: 'name', desc: false }],
  fieldOrder: OFFER_FIELDS,
});

export const productOfferTable: EntityDefinition<StoredProductOffer> = defineEntity<StoredProductOffer>({
  name: 'product offer',
  table: 'product_offers',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: offerColumns,
  defaultOrder: [{ field: 'name', desc: false }],
});

export function withoutInUse<T extends { inUse: boolean }>(representation: T): Omit<T, 'inUse'> {
  const { inUse: _derived, ...stored } = representation;
  return stored;
}
