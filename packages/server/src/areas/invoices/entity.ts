/**
 * Invoices: one table, two views of it. Lists return the summary (no items); reads and writes use the full invoice
 * with its items. Money totals that lists sort and filter on are stored as order-preserving decimal keys.
 */
import { ApiProblem } from '../../problem.js';
import type { Schema } from '../../spec/types.js';
import type { Codec } from '../../store/columns.js';
import { specEntity, type SpecEntityOptions } from '../../store/spec-entity.js';
import { decimalFromSortKey, decimalSortKey } from './money.js';

export type Invoice = Schema<'Invoice'>;
export type InvoiceSummary = Schema<'InvoiceSummary'>;
export type InvoiceItem = Schema<'InvoiceItem'>;

const money: Codec = {
  name: 'decimal-sort-key',
  toColumn(value) {
    try {
      return decimalSortKey(String(value));
    } catch {
      throw new ApiProblem('invalid_filter', { detail: `"${String(value)}" is not a decimal amount (write it quoted, e.g. "100.00").` });
    }
  },
  fromColumn: (stored) => decimalFromSortKey(String(stored)),
};

/** What both views share: the table, its columns and tenancy. */
const invoiceTable: SpecEntityOptions<InvoiceSummary> = {
  name: 'invoice',
  table: 'invoices',
  listOperation: 'listInvoices',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'invoiceDate', desc: true }],
  codecs: { totalExc: money, totalInc: money },
  lookups: ['customerId'],
  large: true,
  // Invoice numbers are unique within a billing entity.
  unique: [{ name: 'number', fields: ['billingEntityId', 'invoiceNo'] }],
};

export const invoiceEntity = specEntity<Invoice>({ ...(invoiceTable as SpecEntityOptions<Invoice>), representation: 'Invoice' });

/** The list view: the same rows without their items. Read-only (writing through it would drop the items). */
export const invoiceSummaryEntity = specEntity<InvoiceSummary>(invoiceTable);
