import { createIndex, createListIndexes, createTable, type Migration } from '../../store/schema.js';

export const imagesMigration: Migration = {
  name: 'images',
  async up(db, dialect) {
    await createTable(db, dialect, 'images', {
      id: { type: 'id', primaryKey: true },
      owner_billing_entity_id: { type: 'id', notNull: true },
      owner_customer_id: { type: 'id' },
      name: { type: 'sort-text', notNull: true },
      image_type: { type: 'sort-text', notNull: true },
      status: { type: 'sort-text', notNull: true },
      size_gb: { type: 'integer', notNull: true },
      cluster_id: { type: 'id', notNull: true },
      vdc_id: { type: 'id', notNull: true },
      base_image_id: { type: 'id' },
      default_user: { type: 'text' },
      publication_count: { type: 'integer', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createListIndexes(db, 'images', ['name', 'image_type', 'status', 'size_gb', 'publication_count', 'created_at', 'updated_at'], 'owner_billing_entity_id');
    await createIndex(db, 'images', ['owner_customer_id']);

    await createTable(db, dialect, 'image_publications', {
      id: { type: 'text', primaryKey: true },
      image_id: { type: 'id', notNull: true },
      billing_entity_id: { type: 'id', notNull: true },
      billing_entity_name: { type: 'sort-text', notNull: true },
      exclude: { type: 'boolean', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createIndex(db, 'image_publications', ['image_id', 'billing_entity_name', 'id']);
    await createIndex(db, 'image_publications', ['billing_entity_id', 'exclude', 'image_id']);
  },
};
