import type { Schema } from '../../spec/types.js';
import { defineEntity } from '../../store/entity.js';

export type Customer = Schema<'Customer'>;

export const customerEntity = defineEntity<Customer>({
  name: 'customer',
  table: 'customers',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    billingEntityId: { column: 'billing_entity_id', type: 'text' },
    organisationName: { column: 'organisation_name', type: 'text' },
    email: { column: 'email', type: 'text' },
    status: { column: 'status', type: 'text' },
    paymentType: { column: 'payment_type', type: 'text' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  // A deleted customer is kept (status DELETED) but leaves every list and read.
  hidden: (eb) => eb('customers.status', '=', 'DELETED'),
  defaultOrder: [{ field: 'createdAt', desc: true }],
  fieldOrder: [
    'id', 'billingEntityId', 'organisationName', 'email', 'status', 'address', 'vatNumber', 'timeZone', 'paymentType',
    'balance', 'creditLimit', 'limits', 'productOfferId', 'userCount', 'rejectionReason', 'statusReason', 'createdAt',
    'updatedAt',
  ],
});
