import { FcoListWidget } from '../widget/list-widget.js';
import { invoiceWidget, moneyColumns } from './invoice-widget.js';

/**
 * Paid invoices (status PAID): when each was paid and with which reference; download its PDF.
 *
 * @element fco-paid-invoices
 */
export class FcoPaidInvoices extends FcoListWidget {
  static override definition = invoiceWidget({
    tag: 'fco-paid-invoices',
    status: 'PAID',
    columns: [
      'invoiceNo',
      'invoiceDate',
      'paidDate',
      'customerName',
      ...moneyColumns,
      { field: 'paymentReference', hidden: true },
      { field: 'creditNote', hidden: true },
      { field: 'billingEntityId', hidden: true },
    ],
    filters: ['invoiceNo', 'customerName', 'invoiceDate', 'paidDate', 'totalInc', 'creditNote'],
    sort: ['paidDate', 'descending'],
  });
}
