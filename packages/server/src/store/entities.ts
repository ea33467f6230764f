/**
 * Every entity whose table the store keeps in step with its definition (sync.ts), in the order they are synced.
 * An area adds its entities here; their tables need no migration.
 */
import { apiKeyEntity } from '../areas/identity/entity.js';
import { billingEntityEntity } from '../areas/billing-entities/entity.js';
import { customerEntity } from '../areas/customers/entity.js';
import { userEntity } from '../areas/users/entity.js';
import { invoiceEntity } from '../areas/invoices/entity.js';
import { imageEntity, publicationEntity } from '../areas/images/entity.js';
import { hardwareEntities } from '../areas/hardware/entity.js';
import { RESOURCE_KINDS } from '../areas/resources/entity.js';
import { configurationProviderEntity, fdlCodeBlockEntity } from '../areas/plugins/entity.js';
import { productEntity, productOfferEntity } from '../areas/products/entity.js';
import { auditRecordEntity } from '../areas/audit/entity.js';
import type { EntityDefinition } from './entity.js';

export const entities: readonly EntityDefinition<any>[] = [
  billingEntityEntity,
  apiKeyEntity,
  customerEntity,
  userEntity,
  invoiceEntity,
  imageEntity,
  publicationEntity,
  ...hardwareEntities,
  ...RESOURCE_KINDS.map((k) => k.entity),
  fdlCodeBlockEntity,
  configurationProviderEntity,
  productEntity,
  productOfferEntity,
  auditRecordEntity,
];
