/**
 * Demo invoices: a monthly invoice for each of a bounded number of customers (the first SEEDED_CUSTOMER_LIMIT by id, so
 * a million-customer seed stays fast) over the last 12 to 18 months, in the currency of the customer's billing
 * entity. Older invoices are mostly PAID, some UNPAID and overdue, a few VOID; last month's are UNPAID or LOCKED;
 * this month's are PENDING; now and then a CLOSED credit note. Items come from a usage catalogue; totals add up.
 * Each customer pays on its own terms (14 to 60 days), so of the recent unpaid invoices some are overdue and some
 * not yet; its balance is what its unpaid invoices leave it owing, as paying or voiding one later keeps it.
 */
import { seededCustomerBatches } from '../../seed/customer-batches.js';
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import type { SeededRandom } from '../../seed/random.js';
import { entityRows, insertRows, withIndexesDeferred } from '../../store/bulk.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { customerEntity } from '../customers/entity.js';
import { balanceAfter, buildInvoice, countsInBalance, type InvoiceLine } from './domain.js';
import { invoiceEntity, type Invoice } from './entity.js';

const BATCH = 250;
const DAY_MS = 86400_000;

/** Tax rate in percent by currency (the demo's billing entities each charge one). */
const TAX_RATES: Record<string, string> = { GBP: '20', EUR: '21', USD: '8.875' };

const USAGE: ReadonlyArray<{ what: (n: number) => string; quantity: (r: SeededRandom) => string; unitPrice: string }> = [
  { what: (n) => `Server web-${n}: CPU hours`, quantity: (r) => String(r.int(1, 4) * 720), unitPrice: '0.0125' },
  { what: (n) => `Server app-${n}: RAM GB hours`, quantity: (r) => String(r.int(2, 16) * 720), unitPrice: '0.0041' },
  { what: (n) => `Disk data-${n}: GB for one month`, quantity: (r) => String(r.int(1, 20) * 50), unitPrice: '0.1828' },
  { what: (n) => `Snapshot storage ${n}: GB for one month`, quantity: (r) => String(r.int(10, 400)), unitPrice: '0.0500' },
  { what: () => 'Public IPv4 addresses', quantity: (r) => String(r.int(1, 8)), unitPrice: '2.50' },
  { what: () => 'Outbound traffic (GB)', quantity: (r) => `${r.int(0, 900)}.${String(r.int(0, 999)).padStart(3, '0')}`, unitPrice: '0.0275' },
  { what: () => 'Premium support', quantity: () => '1', unitPrice: '49.00' },
  { what: () => 'Backup service', quantity: (r) => String(r.int(1, 5)), unitPrice: '7.99' },
];

interface SeedCustomer {
  id: string;
  name: string;
  billingEntityId: string;
  createdAt: string;
}

const day = (at: Date) => at.toISOString().slice(0, 10);
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

/** Days between an invoice's date and its due date, by customer. */
const PAYMENT_TERMS = [14, 30, 30, 45, 60] as const;

function invoicesOf(customer: SeedCustomer, currency: { code: string; decimalPlaces: number }, termsDays: number, numbers: Map<string, number>, random: SeededRandom, now: Date): Invoice[] {
  const months = random.int(12, 18);
  const first = Math.max(Date.parse(customer.createdAt), now.getTime() - months * 31 * DAY_MS);
  const start = new Date(first);
  const invoices: Invoice[] = [];
  const current = monthStart(now.getUTCFullYear(), now.getUTCMonth());
  for (let at = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1); at <= current; at = monthStart(at.getUTCFullYear(), at.getUTCMonth() + 1)) {
    const age = (current.getUTCFullYear() - at.getUTCFullYear()) * 12 + current.getUTCMonth() - at.getUTCMonth();
    const creditNote = age > 1 && random.chance(0.03);
    const status: Invoice['status'] = creditNote
      ? 'CLOSED'
      : age === 0
        ? 'PENDING'
        : age === 1
          ? random.weighted([['UNPAID', 6], ['LOCKED', 3], ['PAID', 4]])
          : random.weighted([['PAID', 85], ['UNPAID', 9], ['VOID', 4], ['CLOSED', 2]]);
    const lines: InvoiceLine[] = [];
    const count = creditNote ? 1 : random.int(2, 6);
    for (let i = 0; i < count; i++) {
      const usage = random.pick(USAGE);
      const quantity = usage.quantity(random);
      lines.push({ description: usage.what(random.int(1, 9)), quantity: creditNote ? `-${quantity}` : quantity, unitPrice: usage.unitPrice });
    }
    if (creditNote) lines[0] = { ...lines[0]!, description: `Credit: ${lines[0]!.description} (service outage)` };
    const sequence = (numbers.get(customer.billingEntityId) ?? 0) + 1;
    numbers.set(customer.billingEntityId, sequence);
    const invoiceDate = day(at);
    const due = new Date(at.getTime() + termsDays * DAY_MS);
    const invoice = buildInvoice({
      id: random.uuid(),
      invoiceNo: `${creditNote ? 'CN' : 'INV'}-${at.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`,
      invoiceDate,
      dueDate: day(due),
      status,
      customer,
      currency,
      taxRate: TAX_RATES[currency.code] ?? '20',
      creditNote,
      lines,
      createdAt: new Date(at.getTime() + 5 * 60_000).toISOString(),
    });
    if (status === 'PAID') {
      const paid = new Date(Math.min(now.getTime(), at.getTime() + random.int(1, 45) * DAY_MS));
      invoice.paidDate = day(paid);
      invoice.paymentReference = random.chance(0.6) ? `BACS ${day(paid).replace(/-/g, '')}-${String(random.int(1, 9999)).padStart(4, '0')}` : null;
      invoice.updatedAt = paid.toISOString();
    } else if (status === 'VOID') {
      invoice.voidReason = random.pick(['Issued twice by mistake.', 'Wrong billing address.', 'Usage disputed and waived.']);
      invoice.updatedAt = due.toISOString();
    }
    invoices.push(invoice);
  }
  return invoices;
}

export const invoicesSeed: SeedStep = {
  name: 'invoices',
  async run(context: SeedContext) {
    const random = context.random('invoices');
    // Its own stream, so the invoices' stream (and every figure drawn from it) stays as it was.
    const terms = context.random('invoices:terms');
    const currencies = new Map(
      (await context.store.platform().repository(billingEntityEntity).findAll({})).map(
        (be) => [be.id, be.currency] as const,
      ),
    );
    const numbers = new Map<string, number>();
    await withIndexesDeferred(context.store, [invoiceEntity], async () => {
      for await (const { rows, done, total } of seededCustomerBatches(context, BATCH)) {
        const invoices: Invoice[] = [];
        for (const row of rows) {
          if (row.status === 'PENDING_APPROVAL') continue;
          const customer = { id: String(row.id), name: String(row.organisation_name), billingEntityId: String(row.billing_entity_id), createdAt: String(row.created_at) };
          const currency = currencies.get(customer.billingEntityId) ?? { code: 'EUR', decimalPlaces: 2 };
          invoices.push(...invoicesOf(customer, currency, terms.pick(PAYMENT_TERMS), numbers, random, context.now));
        }
        await context.store.transaction((tx) => insertRows(tx.db, 'invoices', entityRows(invoiceEntity, invoices)));
        const unpaid = new Map<string, Invoice[]>();
        for (const invoice of invoices.filter(countsInBalance)) unpaid.set(invoice.customerId, [...(unpaid.get(invoice.customerId) ?? []), invoice]);
        await context.store.transaction(async (tx) => {
          for (const [customerId, owed] of unpaid) {
            await tx.repository(customerEntity).update(customerId, (customer) => ({
              ...customer,
              balance: owed.reduce((balance, invoice) => balanceAfter(balance, invoice.totalInc, 'issued'), customer.balance),
            }));
          }
        });
        context.progress('invoices', done, total);
      }
    }, (built, all) => context.progress('invoice indexes', built, all));
  },
};
