import type { Schema } from '../../spec/types.js';
import type { EntityDefinition } from '../../store/entity.js';
import { billingEntityNameOf, specEntity } from '../../store/spec-entity.js';
import { billingEntityEntity } from '../billing-entities/entity.js';

export type Customer = Schema<'Customer'>;

export const customerEntity: EntityDefinition<Customer> = specEntity<Customer>({
  name: 'customer',
  table: 'customers',
  listOperation: 'listCustomers',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'createdAt', desc: true }],
  // A deleted customer is kept (status DELETED) but leaves every list, read and count.
  hidden: { field: 'status', equals: 'DELETED' },
  // Offers are in use while a customer is billed by them.
  lookups: ['productOfferId'],
  large: true,
  computed: { billingEntityName: billingEntityNameOf(() => billingEntityEntity) },
});
