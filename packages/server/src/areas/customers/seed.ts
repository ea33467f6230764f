/**
 * Demo customers and their users, in bulk: `context.customers` customers spread over the demo billing entities,
 * mostly ACTIVE, some DISABLED/CLOSED/ADMIN, and PENDING_APPROVAL ones where auto signup is off (Beta).
 *
 * Users are bounded like the other areas' per-customer data: with more than USER_CUSTOMERS customers, only about
 * USER_CUSTOMERS of them (those with the lowest ids, which include the first customers by id that the other steps
 * build invoices, images and servers for) get their admin and users; the rest have none and a `userCount` of 0.
 * Users and their twelve indexes were otherwise more than half the cost of a million-customer seed.
 */
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import { CITIES, COMPANY_KINDS, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, slug } from '../../seed/names.js';
import { entityRows, insertRows, withIndexesDeferred } from '../../store/bulk.js';
import { demoBillingEntities, DEMO_BILLING_ENTITIES } from '../billing-entities/seed.js';
import { userEntity, type User } from '../users/entity.js';
import { buildCustomer } from './domain.js';
import { customerEntity, type Customer } from './entity.js';

const BATCH = 2000;
const DAY_MS = 86400_000;
export const USER_CUSTOMERS = 50_000;

/**
 * Whether a customer gets users: all do up to USER_CUSTOMERS customers; beyond, those whose id falls in the lowest
 * USER_CUSTOMERS / total share of the id space (ids are uniform), so the choice agrees with "the first N by id".
 */
function usersFor(total: number): (customerId: string) => boolean {
  if (total <= USER_CUSTOMERS) return () => true;
  const below = Math.floor((USER_CUSTOMERS / total) * 0x1_0000_0000);
  return (customerId) => parseInt(customerId.slice(0, 8), 16) < below;
}

/** slug() of the word lists' few hundred combinations, computed once each instead of millions of times. */
function memoizedSlug(): (text: string) => string {
  const slugs = new Map<string, string>();
  return (text) => {
    let result = slugs.get(text);
    if (result === undefined) slugs.set(text, (result = slug(text)));
    return result;
  };
}

export const customersSeed: SeedStep = {
  name: 'customers',
  async run(context: SeedContext) {
    const random = context.random('customers');
    const billingEntities = demoBillingEntities(context);
    const shares = DEMO_BILLING_ENTITIES.map((be, i) => [billingEntities[i]!, be.share] as const);
    const total = context.customers;
    const hasUsers = usersFor(total);
    const slugOf = memoizedSlug();
    // One transaction for the whole load: committing per batch would write the growing primary-key indexes again and again.
    await withIndexesDeferred(context.store, [customerEntity, userEntity], () => context.store.transaction(async (tx) => {
      for (let start = 0; start < total; start += BATCH) {
        const customers: Customer[] = [];
        const users: User[] = [];
        for (let i = start; i < Math.min(total, start + BATCH); i++) {
          const billingEntity = random.weighted(shares);
          const manual = !billingEntity.controlPanelOptions.allowAutoSignup;
          const status = random.weighted<Customer['status']>([
            ['ACTIVE', 70], ['DISABLED', 8], ['CLOSED', 5], ['ADMIN', 2], ['PENDING_APPROVAL', manual ? 15 : 0],
          ]);
          const company = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_KINDS)}`;
          const suffix = random.pick(COMPANY_SUFFIXES);
          const organisationName = `${company}${suffix ? ' ' + suffix : ''}${i >= COMPANY_WORDS.length * COMPANY_KINDS.length ? ` ${i}` : ''}`;
          const domain = `${slugOf(company)}${i}.example`;
          const [city, country, timeZone] = random.pick(CITIES);
          const created = new Date(context.now.getTime() - random.int(0, 3 * 365) * DAY_MS - random.int(0, DAY_MS - 1));
          const firstName = random.pick(FIRST_NAMES);
          const lastName = random.pick(LAST_NAMES);
          const { customer, admin } = buildCustomer({
            id: random.uuid(),
            adminUserId: random.uuid(),
            billingEntity,
            organisationName,
            email: `billing@${domain}`,
            status,
            address: { line1: `${random.int(1, 200)} ${random.pick(COMPANY_WORDS)} Street`, city, country, postalCode: String(random.int(10000, 99999)) },
            vatNumber: random.chance(0.4) ? `${country}${random.int(100000000, 999999999)}` : null,
            timeZone,
            paymentType: random.chance(0.6) ? 'INVOICE' : 'PREPAY',
            creditLimit: `${random.int(0, 50) * 100}.00`,
            adminUser: { firstName, lastName, email: `${slugOf(firstName)}.${slugOf(lastName)}@${domain}` },
            now: created,
          });
          if (status === 'CLOSED') customer.statusReason = 'Closed at the customer\'s request';
          const updated = new Date(Math.min(context.now.getTime(), created.getTime() + random.int(0, 400) * DAY_MS)).toISOString();
          customer.updatedAt = updated;
          customers.push(customer);
          if (!hasUsers(customer.id)) {
            customer.userCount = 0;
            continue;
          }
          if (status !== 'PENDING_APPROVAL' && random.chance(0.7)) admin.lastLoginTime = updated;
          users.push(admin);
          const extraUsers = random.weighted([[0, 5], [1, 3], [2, 2]] as const);
          for (let u = 0; u < extraUsers; u++) {
            const first = random.pick(FIRST_NAMES);
            const last = random.pick(LAST_NAMES);
            users.push({
              ...admin,
              id: random.uuid(),
              firstName: first,
              lastName: last,
              email: `${slugOf(first)}.${slugOf(last)}.${u}@${domain}`,
              userType: random.chance(0.1) ? 'API_KEY_USER' : 'USER',
              admin: random.chance(0.2),
              locked: random.chance(0.05),
              lastLoginTime: random.chance(0.5) ? updated : null,
            });
          }
          customer.userCount = 1 + extraUsers;
        }
        await insertRows(tx.db, 'customers', entityRows(customerEntity, customers));
        await insertRows(tx.db, 'users', entityRows(userEntity, users));
        context.progress('customers', Math.min(total, start + BATCH), total);
      }
    }), (done, all) => context.progress('customer indexes', done, all));
  },
};
