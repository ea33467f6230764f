import { createIndex, createListIndexes, createTable, type Migration } from '../../store/schema.js';

/** Users of customers (customers' own accounts; the Admin page's staff live in `staff`). */
export const usersMigration: Migration = {
  name: 'users',
  async up(db, dialect) {
    await createTable(db, dialect, 'users', {
      id: { type: 'id', primaryKey: true },
      customer_id: { type: 'id', notNull: true },
      billing_entity_id: { type: 'id', notNull: true },
      first_name: { type: 'sort-text', notNull: true },
      last_name: { type: 'sort-text', notNull: true },
      email: { type: 'sort-text', notNull: true },
      user_type: { type: 'text', notNull: true },
      admin: { type: 'boolean', notNull: true },
      locked: { type: 'boolean', notNull: true },
      last_login_time: { type: 'timestamp', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      password_hash: { type: 'text' },
      data: { type: 'json', notNull: true },
    });
    await createIndex(db, 'users', ['customer_id', 'created_at', 'id']);
    await createListIndexes(db, 'users', ['first_name', 'last_name', 'email', 'last_login_time', 'created_at'], 'billing_entity_id');
  },
};
