/**
 * Invoices: one table, two views of it. Lists return the summary (no items); reads and writes use the full invoice
 * with its items. Money totals that lists sort and filter on are stored as order-preserving decimal keys.
 */
import { ApiProblem } from '../../http/problem.js';
import type { Schema } from '../../spec/types.js';
import { defineEntity, type ColumnDefinition } from '../../store/entity.js';
import { decimalFromSortKey, decimalSortKey } from './money.js';

export type Invoice = Schema<'Invoice'>;
export type InvoiceSummary = Schema<'InvoiceSummary'>;
export type InvoiceItem = Schema<'InvoiceItem'>;

const money: ColumnDefinition['codec'] = {
  toColumn(value) {
    try {
      return decimalSortKey(String(value));
    } catch {
      throw new ApiProblem('invalid_filter', { detail: `"${String(value)}" is not a decimal amount (write it quoted, e.g. "100.00").` });
    }
  },
  fromColumn: (stored) => decimalFromSortKey(String(stored)),
};

const columns = {
  id: { column: 'id', type: 'text' },
  billingEntityId: { column: 'billing_entity_id', type: 'text' },
  customerId: { column: 'customer_id', type: 'text' },
  customerName: { column: 'customer_name', type: 'text' },
  invoiceNo: { column: 'invoice_no', type: 'text' },
  invoiceDate: { column: 'invoice_date', type: 'text' },
  dueDate: { column: 'due_date', type: 'text' },
  paidDate: { column: 'paid_date', type: 'text', emptyMeansNull: true },
  status: { column: 'status', type: 'text' },
  currency: { column: 'currency', type: 'text' },
  totalExc: { column: 'total_exc', type: 'text', codec: money },
  totalInc: { column: 'total_inc', type: 'text', codec: money },
  creditNote: { column: 'credit_note', type: 'boolean' },
  createdAt: { column: 'created_at', type: 'timestamp' },
} satisfies Record<string, ColumnDefinition>;

const summaryFields = [
  'id', 'invoiceNo', 'invoiceDate', 'dueDate', 'paidDate', 'status', 'customerId', 'customerName', 'billingEntityId',
  'currency', 'totalExc', 'taxAmount', 'totalInc', 'taxRate', 'creditNote', 'itemCount', 'paymentReference',
  'voidReason', 'createdAt', 'updatedAt',
] as const;

/** What both views share: the table, its columns and tenancy. */
const invoiceTable = {
  name: 'invoice',
  table: 'invoices',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns,
  defaultOrder: [{ field: 'invoiceDate', desc: true }],
} as const;

export const invoiceEntity = defineEntity<Invoice>({ ...invoiceTable, defaultOrder: [...invoiceTable.defaultOrder], fieldOrder: [...summaryFields, 'items'] });

/** The list view: the same rows without their items. Read-only (writing through it would drop the items). */
export const invoiceSummaryEntity = defineEntity<InvoiceSummary>({ ...invoiceTable, defaultOrder: [...invoiceTable.defaultOrder], fieldOrder: summaryFields });
