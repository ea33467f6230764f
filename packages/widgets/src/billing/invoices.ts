import { FcoListWidget } from '../widget/list-widget.js';
import { dueColumn, invoiceWidget, moneyColumns } from './invoice-widget.js';

/**
 * Every invoice in the caller's scope, of every status (filter by it); overdue ones marked. Offered in the add-widget picker. Mark paid, void, download the PDF.
 *
 * @element fco-invoices
 */
export class FcoInvoices extends FcoListWidget {
  static override definition = invoiceWidget({
    tag: 'fco-invoices',
    columns: [
      'invoiceNo',
      'status',
      'invoiceDate',
      dueColumn,
      { field: 'paidDate', hidden: true },
      'customerName',
      ...moneyColumns,
      { field: 'creditNote', hidden: true },
      { field: 'billingEntityId', hidden: true },
    ],
    filters: ['invoiceNo', 'status', 'customerName', 'invoiceDate', 'dueDate', 'totalInc', 'creditNote'],
    sort: ['invoiceDate', 'descending'],
  });
}
