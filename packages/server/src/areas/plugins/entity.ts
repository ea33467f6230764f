import type { Schema } from '../../spec/types.js';
import { recordTable } from '../../store/records.js';
import { billingEntityNameOf, specEntity } from '../../store/spec-entity.js';
import { billingEntityEntity } from '../billing-entities/entity.js';

export type FdlCodeBlock = Schema<'FdlCodeBlock'>;
/**
 * A provider also stores `functionName`: the registered Lua function it came from, so signing again updates rather
 * than recreates it. PASSWORD values live in `configuration_secrets`, never in the representation.
 */
export type ConfigurationProvider = Schema<'ConfigurationProvider'> & { functionName?: string };
export type ConfigurationValue = Schema<'ConfigurationValue'>;

export const fdlCodeBlockEntity = specEntity<FdlCodeBlock>({
  name: 'FDL code block',
  table: 'fdl_code_blocks',
  listOperation: 'listFdlCodeBlocks',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'name', desc: false }],
  computed: { billingEntityName: billingEntityNameOf(() => billingEntityEntity) },
});

export const configurationProviderEntity = specEntity<ConfigurationProvider>({
  name: 'configuration provider',
  table: 'configuration_providers',
  listOperation: 'listConfigurationProviders',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'name', desc: false }],
  internal: { functionName: 'text' },
  computed: { billingEntityName: billingEntityNameOf(() => billingEntityEntity) },
  unique: [{ name: 'function', fields: ['fdlCodeBlockId', 'functionName'] }],
});

/** PASSWORD values of providers, by provider and value key: write-only, never in a representation. */
export const configurationSecrets = recordTable<{ provider_id: string; value_key: string; value: string }>('configuration_secrets');
