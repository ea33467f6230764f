import { FcoListWidget } from '../widget/list-widget.js';
import { dueColumn, invoiceWidget, moneyColumns } from './invoice-widget.js';

/**
 * Unpaid invoices (status UNPAID); those past their due date are marked overdue. Mark an invoice paid (the date and a payment reference), void it with a reason, download its PDF.
 *
 * @element fco-unpaid-invoices
 */
export class FcoUnpaidInvoices extends FcoListWidget {
  static override definition = invoiceWidget({
    tag: 'fco-unpaid-invoices',
    status: 'UNPAID',
    columns: [
      'invoiceNo',
      'invoiceDate',
      dueColumn,
      'customerName',
      ...moneyColumns,
      { field: 'creditNote', hidden: true },
      { field: 'billingEntityId', hidden: true },
    ],
    filters: ['invoiceNo', 'customerName', 'invoiceDate', 'dueDate', 'totalInc', 'creditNote'],
    sort: ['dueDate', 'ascending'],
  });
}
