import type { Schema } from '../../spec/types.js';
import { defineEntity } from '../../store/entity.js';

export type FdlCodeBlock = Schema<'FdlCodeBlock'>;
export type ConfigurationProvider = Schema<'ConfigurationProvider'>;
export type ConfigurationValue = Schema<'ConfigurationValue'>;

export const fdlCodeBlockEntity = defineEntity<FdlCodeBlock>({
  name: 'FDL code block',
  table: 'fdl_code_blocks',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    billingEntityId: { column: 'billing_entity_id', type: 'text' },
    name: { column: 'name', type: 'text' },
    active: { column: 'active', type: 'boolean' },
    editable: { column: 'editable', type: 'boolean' },
    hasUnsignedChanges: { column: 'has_unsigned_changes', type: 'boolean' },
    signedBy: { column: 'signed_by', type: 'text', emptyMeansNull: true },
    signedAt: { column: 'signed_at', type: 'timestamp', emptyMeansNull: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  defaultOrder: [{ field: 'name', desc: false }],
  fieldOrder: [
    'id', 'name', 'description', 'billingEntityId', 'unsignedCode', 'signedCode', 'signedBy', 'signedAt', 'hash',
    'editable', 'active', 'hasUnsignedChanges', 'registers', 'createdAt', 'updatedAt',
  ],
});

/**
 * A provider row also stores `function_name` (the registered Lua function it came from, so signing again updates
 * rather than recreates it). PASSWORD values live in `configuration_secrets`, never in the representation.
 */
export const configurationProviderEntity = defineEntity<ConfigurationProvider>({
  name: 'configuration provider',
  table: 'configuration_providers',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    billingEntityId: { column: 'billing_entity_id', type: 'text' },
    fdlCodeBlockId: { column: 'fdl_code_block_id', type: 'text' },
    name: { column: 'name', type: 'text' },
    providerType: { column: 'provider_type', type: 'text' },
    providerGroup: { column: 'provider_group', type: 'text', emptyMeansNull: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  defaultOrder: [{ field: 'name', desc: false }],
  fieldOrder: ['id', 'name', 'providerType', 'providerGroup', 'fdlCodeBlockId', 'billingEntityId', 'resourceConfigs', 'values', 'createdAt', 'updatedAt'],
});
