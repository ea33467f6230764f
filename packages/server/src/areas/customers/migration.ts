import { createListIndexes, createTable, type Migration } from '../../store/schema.js';

export const customersMigration: Migration = {
  name: 'customers',
  async up(db, dialect) {
    await createTable(db, dialect, 'customers', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      organisation_name: { type: 'sort-text', notNull: true },
      email: { type: 'sort-text', notNull: true },
      status: { type: 'sort-text', notNull: true },
      payment_type: { type: 'text', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    // status is in every index: the entity hides DELETED customers from every query.
    await createListIndexes(db, 'customers', ['organisation_name', 'email', 'status', 'created_at', 'updated_at'], 'billing_entity_id', {
      include: ['status'],
    });
  },
};
