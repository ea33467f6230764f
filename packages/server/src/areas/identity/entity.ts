import type { Schema } from '../../spec/types.js';
import { defineEntity } from '../../store/entity.js';

export type ApiKey = Schema<'ApiKey'>;

/** API keys; the secret's hash is an extra column that never reaches the representation. */
export const apiKeyEntity = defineEntity<ApiKey>({
  name: 'API key',
  table: 'api_keys',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    billingEntityId: { column: 'billing_entity_id', type: 'text' },
    name: { column: 'name', type: 'text' },
    revoked: { column: 'revoked', type: 'boolean' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    lastUsedAt: { column: 'last_used_at', type: 'timestamp', emptyMeansNull: true },
  },
  defaultOrder: [{ field: 'createdAt', desc: true }],
  fieldOrder: ['id', 'name', 'prefix', 'billingEntityId', 'createdByUserId', 'scopes', 'createdAt', 'lastUsedAt', 'revoked'],
});
