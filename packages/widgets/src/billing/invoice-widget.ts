/**
 * What the invoice widgets share: columns with money in each invoice's own currency, overdue marked, the detail's
 * items and totals, and the actions — mark paid, void with a reason, download the PDF under the server's file name.
 * `fco-paid-invoices`, `fco-unpaid-invoices` and `fco-invoices` differ in their fixed filter and a few columns.
 */
import { html, type TemplateResult } from 'lit';
import { filenameOf, filter } from '@fco-admin/sdk';
import { listInvoices, markInvoicePaidBody, voidInvoiceBody } from '@fco-admin/sdk/metadata';
import { defineListWidget, type ColumnSpec, type FilterSpec } from '../widget/definition.js';
import { saveFile } from '../widget/download.js';
import { isolate } from '../i18n/bidi.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Invoice, InvoiceStatus } from '../api/types.js';
import { scrollRegion } from '../widget/scroll-region.js';

type Row = Pick<Invoice, 'currency'>;
const money = (field: 'totalExc' | 'taxAmount' | 'totalInc' | 'unitPrice') => (row: Row & Partial<Record<typeof field, string>>, l: Localizer) =>
  l.money({ amount: row[field] ?? '0', currency: row.currency });

/** Today as the server's dates are written (`YYYY-MM-DD`, UTC). */
const today = () => new Date().toISOString().slice(0, 10);
export const isOverdue = (invoice: Pick<Invoice, 'status' | 'dueDate'>) => invoice.status === 'UNPAID' && invoice.dueDate < today();

const dueColumn: ColumnSpec<typeof listInvoices> = {
  field: 'dueDate',
  // The longest date ("30. September 2025") and the overdue badge beside it, whole, in either language.
  width: '16rem',
  render: (invoice, l) =>
    isOverdue(invoice)
      ? html`${l.date(invoice.dueDate)} <span class="status" data-value="OVERDUE">${l.messages.overdue}</span>`
      : l.date(invoice.dueDate),
};

function items(invoice: Invoice, l: Localizer): TemplateResult {
  const t = l.messages;
  const cell = (value: string) => l.money({ amount: value, currency: invoice.currency });
  return scrollRegion(
    'nested-scroll',
    t.fields.items,
    html`<table class="nested" aria-label=${t.fields.items}>
      <thead>
        <tr>
          <th scope="col">${t.fields.description}</th>
          <th scope="col">${t.fields.quantity}</th>
          <th scope="col">${t.fields.unitPrice}</th>
          <th scope="col">${t.fields.totalExc}</th>
          <th scope="col">${t.fields.taxAmount}</th>
          <th scope="col">${t.fields.totalInc}</th>
        </tr>
      </thead>
      <tbody>
        ${invoice.items.map(
          (item) => html`<tr>
            <td>${item.description}</td>
            <td class="number">${l.decimal(item.quantity)}</td>
            <td class="number">${cell(item.unitPrice)}</td>
            <td class="number">${cell(item.totalExc)}</td>
            <td class="number">${cell(item.taxAmount)}</td>
            <td class="number">${cell(item.totalInc)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

const voidable: readonly InvoiceStatus[] = ['PENDING', 'LOCKED', 'UNPAID'];

export function invoiceWidget(options: {
  tag: 'fco-invoices' | 'fco-paid-invoices' | 'fco-unpaid-invoices';
  status?: InvoiceStatus;
  columns: readonly ColumnSpec<typeof listInvoices>[];
  filters: readonly FilterSpec<typeof listInvoices>[];
  sort: readonly [(typeof listInvoices)['sortable'][number], 'ascending' | 'descending'];
}) {
  return defineListWidget({
    tag: options.tag,
    object: 'invoice',
    scopes: ['invoices:read'],
    list: listInvoices,
    // The list shows summaries; their changes are the invoices'.
    kind: 'Invoice',
    get: 'getInvoice',
    heading: (invoice) => html`${invoice.invoiceNo} · <bdi>${invoice.customerName}</bdi>`,
    ...(options.status ? { baseFilter: filter.eq('status', options.status).toString() } : {}),
    columns: options.columns,
    filters: options.filters,
    sort: options.sort,
    detail: ['items', 'taxRate', 'paymentReference', 'voidReason'],
    detailRender: { items: (invoice, l) => items(invoice as Invoice, l) },
    actions: (action) => [
      action({
        id: 'invoice-mark-paid',
        label: (t) => t.markPaid,
        scope: 'invoices:write',
        when: (invoice) => invoice.status === 'UNPAID',
        form: { body: markInvoicePaidBody, fields: ['paidDate', 'reference'], initial: () => ({ paidDate: today() }) },
        run: ({ client, item, body }) => client.invoices.markPaid({ invoiceId: item.id, ifMatch: item, body: body ?? {} }),
      }),
      action({
        id: 'invoice-void',
        label: (t) => t.voidInvoice,
        scope: 'invoices:write',
        danger: true,
        when: (invoice) => voidable.includes(invoice.status),
        form: { body: voidInvoiceBody, fields: [{ field: 'reason', multiline: true }] },
        confirm: (t, invoice) => t.confirmVoid(isolate(invoice.invoiceNo)),
        run: ({ client, item, body }) => client.invoices.void({ invoiceId: item.id, ifMatch: item, body: body as { reason: string } }),
      }),
      action({
        id: 'invoice-download',
        label: (t) => t.downloadPdf,
        scope: 'invoices:read',
        when: (invoice) => invoice.status !== 'PENDING',
        run: async ({ client, item }) => {
          let name: string | undefined;
          const pdf = await client.invoices.downloadPdf({ invoiceId: item.id, onResponse: (response) => (name = filenameOf(response)) });
          // Without the server's name (a proxy dropped the header) a name of its own, so a missing header shows.
          saveFile(pdf, name ?? `invoice-${item.invoiceNo}.pdf`);
          return item;
        },
      }),
    ],
  });
}

export const moneyColumns: ColumnSpec<typeof listInvoices>[] = [
  { field: 'totalExc', render: money('totalExc') },
  { field: 'taxAmount', render: money('taxAmount'), hidden: true },
  { field: 'totalInc', render: money('totalInc') },
];
export { dueColumn };
