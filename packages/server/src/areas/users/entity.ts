import type { Schema } from '../../spec/types.js';
import { defineEntity } from '../../store/entity.js';

export type User = Schema<'User'>;

export const userEntity = defineEntity<User>({
  name: 'user',
  table: 'users',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    customerId: { column: 'customer_id', type: 'text' },
    billingEntityId: { column: 'billing_entity_id', type: 'text' },
    firstName: { column: 'first_name', type: 'text' },
    lastName: { column: 'last_name', type: 'text' },
    email: { column: 'email', type: 'text' },
    userType: { column: 'user_type', type: 'text' },
    admin: { column: 'admin', type: 'boolean' },
    locked: { column: 'locked', type: 'boolean' },
    lastLoginTime: { column: 'last_login_time', type: 'timestamp', emptyMeansNull: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  defaultOrder: [{ field: 'createdAt', desc: true }],
  fieldOrder: ['id', 'customerId', 'billingEntityId', 'firstName', 'lastName', 'email', 'userType', 'admin', 'locked', 'lastLoginTime', 'createdAt', 'updatedAt'],
});
