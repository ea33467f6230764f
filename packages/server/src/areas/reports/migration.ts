import { createIndex, createTable, type Migration } from '../../store/schema.js';

/**
 * Daily unit usage per customer, the data behind the `unit-usage` report. Amounts are integers in thousandths of
 * a unit (milli-units), so sums are exact and identical in both dialects.
 */
export const reportsMigration: Migration = {
  name: 'reports',
  async up(db, dialect) {
    await createTable(db, dialect, 'usage_daily', {
      customer_id: { type: 'id', notNull: true },
      day: { type: 'sort-text', notNull: true },
      billing_entity_id: { type: 'id', notNull: true },
      cpu_hours_milli: { type: 'bigint', notNull: true },
      ram_gb_hours_milli: { type: 'bigint', notNull: true },
      storage_gb_days_milli: { type: 'bigint', notNull: true },
      bandwidth_gb_milli: { type: 'bigint', notNull: true },
    });
    await createIndex(db, 'usage_daily', ['customer_id', 'day'], { unique: true });
    await createIndex(db, 'usage_daily', ['billing_entity_id', 'day']);
    await createIndex(db, 'usage_daily', ['day']);
  },
};

/** The usage table as reports aggregate it: owned by the customer's billing entity. */
export const usageTable = { table: 'usage_daily', scopeColumn: 'billing_entity_id' } as const;

/** The measured values of `usage_daily`: column, report key, label and unit. */
export const USAGE_MEASURES = [
  { column: 'cpu_hours_milli', key: 'cpuHours', label: 'CPU', unit: 'core-hour' },
  { column: 'ram_gb_hours_milli', key: 'ramGbHours', label: 'RAM', unit: 'GB-hour' },
  { column: 'storage_gb_days_milli', key: 'storageGbDays', label: 'Storage', unit: 'GB-day' },
  { column: 'bandwidth_gb_milli', key: 'bandwidthGb', label: 'Bandwidth', unit: 'GB' },
] as const;
