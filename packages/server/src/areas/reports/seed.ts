/**
 * Daily unit usage for the report data: the first USAGE_CUSTOMERS customers in id order that are in use (ACTIVE,
 * ADMIN or DISABLED) get one row per day for the last USAGE_DAYS days (from their signup, if later). Each customer
 * has its own size, a weekday rhythm and slow growth, so charts look like real usage. Inserted in batches.
 */
import type { SeedStep } from '../../seed/seed.js';
import { insertRows } from '../../store/bulk.js';

export const USAGE_CUSTOMERS = 500;
export const USAGE_DAYS = 180;
const CUSTOMERS_PER_TRANSACTION = 50;
const DAY_MS = 86400_000;

export const reportsSeed: SeedStep = {
  name: 'usage',
  async run(context) {
    const random = context.random('usage');
    const customers = await context.store.db
      .selectFrom('customers')
      .select(['id', 'billing_entity_id', 'created_at'])
      .where('status', 'in', ['ACTIVE', 'ADMIN', 'DISABLED'])
      .orderBy('id')
      .limit(USAGE_CUSTOMERS)
      .execute();
    const today = Date.parse(`${context.now.toISOString().slice(0, 10)}T00:00:00Z`);
    const firstDay = today - USAGE_DAYS * DAY_MS;
    for (let start = 0; start < customers.length; start += CUSTOMERS_PER_TRANSACTION) {
      const rows: Array<Record<string, unknown>> = [];
      for (const customer of customers.slice(start, start + CUSTOMERS_PER_TRANSACTION)) {
        const cores = random.pick([1, 2, 2, 4, 4, 8, 16, 32]);
        const ramPerCore = random.pick([2, 4, 4, 8]);
        const storage = random.int(20, 2000);
        const bandwidth = random.int(1, 200);
        const growth = 1 + random.int(0, 60) / 100;
        const signedUp = Date.parse(`${String(customer.created_at).slice(0, 10)}T00:00:00Z`);
        for (let day = Math.max(firstDay, signedUp); day < today; day += DAY_MS) {
          const progress = (day - firstDay) / (USAGE_DAYS * DAY_MS);
          const weekday = new Date(day).getUTCDay();
          const load = (weekday === 0 || weekday === 6 ? 0.55 : 1) * (1 + (growth - 1) * progress) * (0.85 + random.int(0, 30) / 100);
          const cpuHours = cores * 24 * Math.min(1, 0.35 * load);
          rows.push({
            customer_id: customer.id,
            day: new Date(day).toISOString().slice(0, 10),
            billing_entity_id: customer.billing_entity_id,
            cpu_hours_milli: Math.round(cpuHours * 1000),
            ram_gb_hours_milli: Math.round(cores * ramPerCore * 24 * Math.min(1, 0.6 * load) * 1000),
            storage_gb_days_milli: Math.round(storage * (1 + (growth - 1) * progress) * 1000),
            bandwidth_gb_milli: Math.round(bandwidth * load * 1000),
          });
        }
      }
      await context.store.transaction((tx) => insertRows(tx.db, 'usage_daily', rows));
      context.progress('usage', Math.min(customers.length, start + CUSTOMERS_PER_TRANSACTION), customers.length);
    }
  },
};
