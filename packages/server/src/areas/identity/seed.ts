/** Demo admins: one per demo billing entity, `admin@<be>.demo` with password `demo-password`. */
import { hashPassword } from '../../identity/passwords.js';
import { stableId } from '../../seed/random.js';
import type { SeedStep } from '../../seed/seed.js';
import { insertRows } from '../../store/bulk.js';
import { DEMO_BILLING_ENTITIES, demoBillingEntityId } from '../billing-entities/seed.js';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ADMINS = DEMO_BILLING_ENTITIES.map((be) => ({
  id: stableId(`staff:${be.key}`),
  billingEntityKey: be.key,
  email: `admin@${be.domain}`,
  // The billing entity's name less its last word: "Alpha Kids Hosting" → Alpha Kids Admin (not a second Alpha Admin).
  firstName: be.name.split(' ').slice(0, -1).join(' '),
  lastName: 'Admin',
}));

export const staffSeed: SeedStep = {
  name: 'staff',
  async run(context) {
    // One hash shared by the demo admins: scrypt is deliberately slow and they share the password anyway.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const at = context.now.toISOString();
    await insertRows(
      context.store.db,
      'staff',
      DEMO_ADMINS.map((admin) => ({
        id: admin.id,
        billing_entity_id: demoBillingEntityId(admin.billingEntityKey),
        email: admin.email,
        first_name: admin.firstName,
        last_name: admin.lastName,
        password_hash: passwordHash,
        locked: 0,
        created_at: at,
      })),
    );
    context.progress('staff', DEMO_ADMINS.length, DEMO_ADMINS.length);
  },
};
