/**
 * A month of demo audit trail before the seed's "now", so the audit log has a history from the start: the demo admins
 * of the licensee, Alpha and Beta editing, approving and paying their own customers and invoices (some through the
 * example portal's embed sessions), with the occasional refused attempt (a stale If-Match, an invalid body).
 */
import { DEMO_ADMINS } from '../identity/seed.js';
import { demoBillingEntityId, LOCAL_DEMO_ORIGINS } from '../billing-entities/seed.js';
import type { SeedStep } from '../../seed/seed.js';
import { entityRows, insertRows } from '../../store/bulk.js';
import { auditRecordEntity } from './entity.js';
import type { AuditRecord } from './record.js';

export const DEMO_AUDIT_RECORDS = 240;
const DAYS = 30;

/** The writes a day on the Admin page is made of: operation, method, the collection it writes, its path, weight. */
const WRITES = [
  ['updateCustomer', 'PATCH', 'customers', 'customers/{id}', 6],
  ['changeCustomerStatus', 'POST', 'customers', 'customers/{id}/status', 2],
  ['approveCustomer', 'POST', 'customers', 'customers/{id}/approve', 2],
  ['lockUser', 'POST', 'users', 'users/{id}/lock', 1],
  ['updateUser', 'PATCH', 'users', 'users/{id}', 2],
  ['markInvoicePaid', 'POST', 'invoices', 'invoices/{id}/mark-paid', 4],
  ['replaceLayout', 'PUT', 'layout', 'layout', 1],
] as const;

type Collection = (typeof WRITES)[number][2];

const FAILURES = [
  [412, 'precondition_failed'],
  [422, 'validation_failed'],
  [409, 'invalid_state'],
] as const;

export const auditSeed: SeedStep = {
  name: 'audit',
  async run(context) {
    const random = context.random('audit');
    const admins = DEMO_ADMINS.filter((admin) => ['licensee', 'alpha', 'beta'].includes(admin.billingEntityKey));
    // Real objects of each admin's billing entity (any, for the licensee's), so a record leads somewhere.
    const objects = new Map<string, string[]>();
    for (const admin of admins) {
      for (const table of ['customers', 'users', 'invoices'] as const) {
        let query = context.store.db.selectFrom(table).select('id').orderBy('id').limit(20);
        if (admin.billingEntityKey !== 'licensee') query = query.where('billing_entity_id', '=', demoBillingEntityId(admin.billingEntityKey));
        objects.set(`${admin.id}:${table}`, (await query.execute()).map((row) => String(row.id)));
      }
    }
    const objectOf = (adminId: string, collection: Collection) =>
      collection === 'layout' ? null : (random.pick(objects.get(`${adminId}:${collection}`) ?? []) ?? null);
    const records: AuditRecord[] = [];
    for (let i = 0; i < DEMO_AUDIT_RECORDS; i++) {
      const admin = random.pick(admins);
      const [operationId, method, objectType, path] = random.weighted(WRITES.map((w) => [w, w[4]] as const));
      const objectId = objectOf(admin.id, objectType);
      if (objectType !== 'layout' && !objectId) continue;
      const failure = random.chance(0.1) ? random.pick(FAILURES) : null;
      const embedded = random.chance(0.25);
      const occurredAt = new Date(context.now.getTime() - random.int(60_000, DAYS * 86400_000));
      records.push({
        id: random.uuid(),
        occurredAt: occurredAt.toISOString(),
        requestId: `req_${random.uuid().replace(/-/g, '').slice(0, 20)}`,
        operationId,
        method,
        path: `/v1/${path.replace('{id}', objectId ?? '')}`,
        objectType,
        objectId,
        outcome: failure ? 'FAILED' : 'SUCCEEDED',
        status: failure ? failure[0] : 200,
        problemCode: failure ? failure[1] : null,
        tokenType: embedded ? 'EMBED' : 'SESSION',
        actorUserId: admin.id,
        actorEmail: admin.email,
        apiKeyId: null,
        sessionId: random.uuid(),
        origin: embedded ? LOCAL_DEMO_ORIGINS[1]! : null,
        billingEntityId: demoBillingEntityId(admin.billingEntityKey),
      });
    }
    await context.store.transaction(async (tx) => insertRows(tx.db, auditRecordEntity.table, entityRows(auditRecordEntity, records)));
    context.progress('audit', records.length, records.length);
  },
};
