import type { Schema } from '../../spec/types.js';
import { specEntity } from '../../store/spec-entity.js';

/** An API key; the hash of its secret is stored with it (to find the key a request presents) and never shown. */
export type ApiKey = Schema<'ApiKey'> & { secretHash?: string };

export const apiKeyEntity = specEntity<ApiKey>({
  name: 'API key',
  table: 'api_keys',
  listOperation: 'listApiKeys',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'createdAt', desc: true }],
  internal: { secretHash: 'text' },
  unique: [{ name: 'secret', fields: ['secretHash'] }],
});
