import { defineArea } from '../area.js';
import { ok, type OperationContext } from '../../http/operation.js';
import { etagOf } from '../../store/crypto.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { customerEntity } from '../customers/entity.js';
import { assertPrintable, balanceAfter, countsInBalance, markPaid, voidInvoice } from './domain.js';
import { invoiceEntity, invoiceSummaryEntity, type Invoice } from './entity.js';
import { renderInvoicePdf } from './pdf.js';

/**
 * Pays or voids an invoice, and settles what an UNPAID one counted in its customer's balance, in one transaction.
 * A customer deleted since keeps its balance as it was.
 */
async function settle(ctx: OperationContext<'markInvoicePaid' | 'voidInvoice'>, change: (current: Invoice) => Invoice): Promise<Invoice> {
  return ctx.store.transaction(async (tx) => {
    let counted = false;
    const next = await tx.repository(invoiceEntity).update(ctx.params.invoiceId, (current) => {
      counted = countsInBalance(current);
      return change(current);
    }, { ifMatch: ctx.ifMatch });
    const customers = tx.repository(customerEntity);
    if (counted && !countsInBalance(next) && (await customers.find(next.customerId))) {
      await customers.update(next.customerId, (customer) => ({ ...customer, balance: balanceAfter(customer.balance, next.totalInc, 'settled') }));
    }
    return next;
  });
}

export const invoicesArea = defineArea('invoices', {
  listInvoices: async (ctx) => ok(await ctx.list(invoiceSummaryEntity)),
  getInvoice: async (ctx) => ok(await ctx.repository(invoiceEntity).get(ctx.params.invoiceId)),
  markInvoicePaid: async (ctx) => ok(await settle(ctx, (i) => markPaid(i, ctx.body, ctx.now))),
  voidInvoice: async (ctx) => ok(await settle(ctx, (i) => voidInvoice(i, ctx.body.reason, ctx.now))),
  downloadInvoicePdf: async (ctx) => {
    const invoice = await ctx.repository(invoiceEntity).get(ctx.params.invoiceId);
    assertPrintable(invoice);
    const billingEntity = await ctx.repository(billingEntityEntity).get(invoice.billingEntityId);
    // The customer may have been deleted since; the invoice still prints with the name it was issued to.
    const customer = (await ctx.repository(customerEntity).find(invoice.customerId)) ?? null;
    const parties = { billingEntity, customer };
    const bytes = await renderInvoicePdf(invoice, parties);
    return {
      status: 200,
      file: {
        contentType: 'application/pdf',
        bytes,
        headers: {
          ETag: await etagOf({ invoice, billingEntity, customer }),
          'Content-Disposition': `attachment; filename="${invoice.invoiceNo}.pdf"`,
        },
      },
    };
  },
});
