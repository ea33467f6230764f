import type { Schema } from '../../spec/types.js';
import { specEntity } from '../../store/spec-entity.js';

/** A user of a customer; the password hash of a user who signed up is stored with it and never shown. */
export type User = Schema<'User'> & { passwordHash?: string | null };

export const userEntity = specEntity<User>({
  name: 'user',
  table: 'users',
  listOperation: 'listUsers',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'createdAt', desc: true }],
  lookups: ['customerId'],
  large: true,
  internal: { passwordHash: 'text' },
});
