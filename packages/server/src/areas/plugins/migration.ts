import { createIndex, createListIndexes, createTable, type Migration } from '../../store/schema.js';

export const pluginsMigration: Migration = {
  name: 'plugins',
  async up(db, dialect) {
    await createTable(db, dialect, 'fdl_code_blocks', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      name: { type: 'sort-text', notNull: true },
      active: { type: 'boolean', notNull: true },
      editable: { type: 'boolean', notNull: true },
      has_unsigned_changes: { type: 'boolean', notNull: true },
      signed_by: { type: 'sort-text', notNull: true },
      signed_at: { type: 'timestamp', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createListIndexes(db, 'fdl_code_blocks', ['name', 'signed_at', 'created_at', 'updated_at'], 'billing_entity_id');

    await createTable(db, dialect, 'configuration_providers', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      fdl_code_block_id: { type: 'id', notNull: true },
      function_name: { type: 'text', notNull: true },
      name: { type: 'sort-text', notNull: true },
      provider_type: { type: 'sort-text', notNull: true },
      provider_group: { type: 'sort-text', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createListIndexes(db, 'configuration_providers', ['name', 'provider_type', 'provider_group', 'created_at', 'updated_at'], 'billing_entity_id');
    await createIndex(db, 'configuration_providers', ['fdl_code_block_id', 'function_name'], { unique: true });

    // Write-only PASSWORD values, kept out of the provider's representation.
    await createTable(db, dialect, 'configuration_secrets', {
      provider_id: { type: 'id', notNull: true },
      value_key: { type: 'text', notNull: true },
      value: { type: 'text', notNull: true },
    });
    await createIndex(db, 'configuration_secrets', ['provider_id', 'value_key'], { unique: true });
  },
};
