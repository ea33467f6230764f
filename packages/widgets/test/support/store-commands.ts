/**
 * Writes test data straight into the reference server's store, past request validation, the way data arrives from
 * imports, legacy databases or direct database work. The API refuses such values (a 10,000-character name); the
 * widgets still have to show them safely. Rows are built and written by the server's own customer rules, entity
 * definitions and repositories, so they are stored exactly as the server stores every customer.
 */
// The server's package exports only its app and store building blocks; the customer rules and entity definitions
// that say how a customer row looks live in its sources, which tests may read directly.
import { buildCustomer } from '../../../server/src/areas/customers/domain.js';
import { customerEntity } from '../../../server/src/areas/customers/entity.js';
import { userEntity } from '../../../server/src/areas/users/entity.js';
import { billingEntityEntity } from '../../../server/src/areas/billing-entities/entity.js';
import { DEMO_BILLING_ENTITIES, demoBillingEntityId, type DemoBillingEntity } from '../../../server/src/areas/billing-entities/seed.js';
import type { Store } from '@fco-admin/server';
import type { StoredCustomer, StoredCustomerInput } from './store-command-types.js';

function demoKey(key: string): DemoBillingEntity['key'] {
  const found = DEMO_BILLING_ENTITIES.find((entity) => entity.key === key);
  if (!found) throw new Error(`No demo billing entity "${key}"`);
  return found.key;
}

export async function insertCustomerDirectly(store: Store, input: StoredCustomerInput): Promise<StoredCustomer> {
  return store.platform().transaction(async (tx) => {
    const billingEntity = await tx.repository(billingEntityEntity).get(demoBillingEntityId(demoKey(input.billingEntity)));
    const { customer, admin } = buildCustomer({
      billingEntity,
      organisationName: input.organisationName,
      email: input.email,
      status: input.status,
      adminUser: input.adminUser,
      now: new Date(),
    });
    customer.statusReason = input.statusReason ?? null;
    // The repositories keep the billing entity's customer count (its row counters) in the same transaction.
    await tx.repository(customerEntity).insert(customer);
    await tx.repository(userEntity).insert(admin);
    return { customerId: customer.id, adminUserId: admin.id };
  });
}

/**
 * Adds `origins` to every demo billing entity's allowed origins where missing. A database seeded once and reused (the
 * 1,000,000 customers) was seeded for whichever port the test runner had then; the runner's pages come from another
 * port each run.
 */
export async function allowOriginsDirectly(store: Store, origins: readonly string[]): Promise<void> {
  const billingEntities = store.platform().repository(billingEntityEntity);
  for (const { key } of DEMO_BILLING_ENTITIES) {
    const id = demoBillingEntityId(key);
    const current = await billingEntities.get(id);
    const missing = origins.filter((origin) => !current.allowedOrigins.includes(origin));
    if (missing.length > 0) await billingEntities.update(id, (row) => ({ ...row, allowedOrigins: [...row.allowedOrigins, ...missing] }));
  }
}

/** The commands the test runner may send to the server process, by name. */
export const storeCommands: Record<string, (store: Store, payload: never) => Promise<unknown>> = {
  'insert-customer': insertCustomerDirectly,
};
