import { createIndex, createListIndexes, createTable, type Migration } from '../../store/schema.js';

/** The billing entity tree: tenancy, CORS, signup and embed sessions all read it. */
export const billingEntitiesMigration: Migration = {
  name: 'billing-entities',
  async up(db, dialect) {
    await createTable(db, dialect, 'billing_entities', {
      id: { type: 'id', primaryKey: true },
      parent_id: { type: 'id' },
      name: { type: 'sort-text', notNull: true },
      is_master: { type: 'boolean', notNull: true },
      billing_type: { type: 'sort-text', notNull: true },
      admin_page_enabled: { type: 'boolean', notNull: true },
      vat_number: { type: 'text' },
      customer_count: { type: 'integer', notNull: true, defaultTo: 0 },
      child_count: { type: 'integer', notNull: true, defaultTo: 0 },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createIndex(db, 'billing_entities', ['parent_id']);
    await createListIndexes(db, 'billing_entities', ['name', 'billing_type', 'customer_count', 'created_at', 'updated_at'], null);
  },
};
