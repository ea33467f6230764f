/**
 * The customers that per-customer demo data (resources, images, invoices) is made for: the first
 * SEEDED_CUSTOMER_LIMIT by id, so a seed of a million customers spends its time on customers, not on their
 * belongings. Read in id-ordered batches, which keeps memory flat and the order deterministic.
 */
import type { SeedContext } from './seed.js';

export const SEEDED_CUSTOMER_LIMIT = 2000;

export interface SeededCustomerBatch {
  rows: Array<{ id: string; billing_entity_id: string; organisation_name: string; status: string; created_at: string }>;
  /** Customers read so far, this batch included, and how many there will be: for progress reports. */
  done: number;
  total: number;
}

export async function* seededCustomerBatches(context: SeedContext, batchSize: number): AsyncGenerator<SeededCustomerBatch> {
  const total = Math.min(context.customers, SEEDED_CUSTOMER_LIMIT);
  let done = 0;
  let after = '';
  while (done < total) {
    const rows = await context.store.db
      .selectFrom('customers')
      .select(['id', 'billing_entity_id', 'organisation_name', 'status', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(Math.min(batchSize, total - done))
      .execute();
    if (rows.length === 0) return;
    after = String(rows[rows.length - 1]!.id);
    done += rows.length;
    yield {
      rows: rows.map((row) => ({
        id: String(row.id),
        billing_entity_id: String(row.billing_entity_id),
        organisation_name: String(row.organisation_name),
        status: String(row.status),
        created_at: String(row.created_at),
      })),
      done,
      total,
    };
  }
}
