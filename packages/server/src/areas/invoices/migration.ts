import { createIndex, createListIndexes, createTable, type Migration } from '../../store/schema.js';

export const invoicesMigration: Migration = {
  name: 'invoices',
  async up(db, dialect) {
    await createTable(db, dialect, 'invoices', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      customer_id: { type: 'id', notNull: true },
      customer_name: { type: 'sort-text', notNull: true },
      invoice_no: { type: 'sort-text', notNull: true },
      invoice_date: { type: 'sort-text', notNull: true },
      due_date: { type: 'sort-text', notNull: true },
      paid_date: { type: 'sort-text', notNull: true },
      status: { type: 'sort-text', notNull: true },
      currency: { type: 'sort-text', notNull: true },
      total_exc: { type: 'sort-text', notNull: true },
      total_inc: { type: 'sort-text', notNull: true },
      credit_note: { type: 'boolean', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createListIndexes(
      db,
      'invoices',
      ['invoice_no', 'invoice_date', 'due_date', 'paid_date', 'status', 'customer_name', 'total_exc', 'total_inc', 'created_at'],
      'billing_entity_id',
    );
    // Invoice numbers are unique within a billing entity.
    await createIndex(db, 'invoices', ['billing_entity_id', 'invoice_no'], { unique: true, name: 'invoices__number' });
    await createIndex(db, 'invoices', ['customer_id']);
  },
};
