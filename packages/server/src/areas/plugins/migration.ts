import { createIndex, createTable, type Migration } from '../../store/schema.js';

/** Write-only PASSWORD values of configuration providers, kept out of the providers' representation. */
export const pluginsMigration: Migration = {
  name: 'plugins',
  async up(db, dialect) {
    await createTable(db, dialect, 'configuration_secrets', {
      provider_id: { type: 'id', notNull: true },
      value_key: { type: 'text', notNull: true },
      value: { type: 'text', notNull: true },
    });
    await createIndex(db, 'configuration_secrets', ['provider_id', 'value_key'], { unique: true });
  },
};
