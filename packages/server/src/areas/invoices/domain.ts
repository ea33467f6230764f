/** Invoice rules: how an invoice is composed from its lines, marking it paid, voiding it. */
import { ApiProblem } from '../../http/problem.js';
import type { Schema } from '../../spec/types.js';
import type { Invoice, InvoiceItem } from './entity.js';
import { formatUnits, lineAmounts, parseDecimal, sumLines, toScale } from './money.js';

export interface InvoiceLine {
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface NewInvoice {
  id: string;
  invoiceNo: string;
  invoiceDate: string;
  dueDate: string;
  status: Invoice['status'];
  customer: { id: string; name: string; billingEntityId: string };
  currency: { code: string; decimalPlaces: number };
  taxRate: string;
  creditNote: boolean;
  lines: readonly InvoiceLine[];
  createdAt: string;
}

/** An invoice whose items and totals are computed from its lines, in exact minor units. */
export function buildInvoice(input: NewInvoice): Invoice {
  const scale = input.currency.decimalPlaces;
  const amounts = input.lines.map((line) => lineAmounts(line.quantity, line.unitPrice, input.taxRate, scale));
  const total = sumLines(amounts);
  const format = (units: bigint) => formatUnits(units, scale);
  const items: InvoiceItem[] = input.lines.map((line, i) => ({
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    totalExc: format(amounts[i]!.totalExc),
    taxAmount: format(amounts[i]!.taxAmount),
    totalInc: format(amounts[i]!.totalInc),
  }));
  return {
    id: input.id,
    invoiceNo: input.invoiceNo,
    invoiceDate: input.invoiceDate,
    dueDate: input.dueDate,
    paidDate: null,
    status: input.status,
    customerId: input.customer.id,
    customerName: input.customer.name,
    billingEntityId: input.customer.billingEntityId,
    currency: input.currency.code,
    totalExc: format(total.totalExc),
    taxAmount: format(total.taxAmount),
    totalInc: format(total.totalInc),
    taxRate: input.taxRate,
    creditNote: input.creditNote,
    itemCount: items.length,
    paymentReference: null,
    voidReason: null,
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    items,
  };
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

export function markPaid(current: Invoice, payment: Schema<'InvoicePayment'>, now: Date): Invoice {
  if (current.status === 'PAID' || current.status === 'VOID' || current.status === 'CLOSED') {
    throw new ApiProblem('invalid_state', { detail: `A ${current.status} invoice cannot be marked paid.` });
  }
  const today = utcDay(now);
  const paidDate = payment.paidDate ?? today;
  const wrong = paidDate < current.invoiceDate ? `before the invoice date ${current.invoiceDate}` : paidDate > today ? 'in the future' : null;
  if (wrong) {
    throw new ApiProblem('validation_failed', {
      detail: `The payment date ${paidDate} is ${wrong}.`,
      errors: [{ location: 'body', pointer: '/paidDate', code: 'out_of_range', message: `must not be ${wrong}` }],
    });
  }
  return { ...current, status: 'PAID', paidDate, paymentReference: payment.reference ?? null, updatedAt: now.toISOString() };
}

const VOIDABLE: ReadonlyArray<Invoice['status']> = ['PENDING', 'LOCKED', 'UNPAID'];

export function voidInvoice(current: Invoice, reason: string, now: Date): Invoice {
  if (!VOIDABLE.includes(current.status)) {
    throw new ApiProblem('invalid_state', {
      detail: `Only PENDING, LOCKED or UNPAID invoices can be voided; this one is ${current.status}${current.status === 'PAID' ? ' (issue a credit note instead)' : ''}.`,
    });
  }
  return { ...current, status: 'VOID', voidReason: reason, updatedAt: now.toISOString() };
}

type Money = Schema<'Money'>;

/**
 * A customer's balance is what its UNPAID invoices leave it owing (a negative amount): an invoice `issued` lowers it
 * by the invoice's total, one `settled` (paid or voided) raises it again. Exact decimals, at the finer of the scales.
 */
export function balanceAfter(balance: Money, invoiceTotal: string, event: 'issued' | 'settled'): Money {
  const a = parseDecimal(balance.amount);
  const b = parseDecimal(invoiceTotal);
  const scale = Math.max(a.scale, b.scale);
  const change = event === 'issued' ? -toScale(b, scale) : toScale(b, scale);
  return { amount: formatUnits(toScale(a, scale) + change, scale), currency: balance.currency };
}

/** Whether an invoice counts in its customer's balance: issued (UNPAID) and not yet settled. */
export const countsInBalance = (invoice: Pick<Invoice, 'status'>): boolean => invoice.status === 'UNPAID';

/** PENDING invoices are still being compiled and have no document yet. */
export function assertPrintable(invoice: Invoice): void {
  if (invoice.status === 'PENDING') {
    throw new ApiProblem('invalid_state', { detail: 'This invoice is still being compiled (PENDING) and has no PDF yet.' });
  }
}
