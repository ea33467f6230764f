import { defineArea } from '../area.js';
import { ok } from '../../http/operation.js';
import { etagOf } from '../../store/crypto.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { customerEntity } from '../customers/entity.js';
import { assertPrintable, markPaid, voidInvoice } from './domain.js';
import { invoiceEntity, invoiceSummaryEntity } from './entity.js';
import { renderInvoicePdf } from './pdf.js';

export const invoicesArea = defineArea('invoices', {
  listInvoices: async (ctx) => ok(await ctx.list(invoiceSummaryEntity)),
  getInvoice: async (ctx) => ok(await ctx.repository(invoiceEntity).get(ctx.params.invoiceId)),
  markInvoicePaid: async (ctx) =>
    ok(await ctx.repository(invoiceEntity).update(ctx.params.invoiceId, (i) => markPaid(i, ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),
  voidInvoice: async (ctx) =>
    ok(await ctx.repository(invoiceEntity).update(ctx.params.invoiceId, (i) => voidInvoice(i, ctx.body.reason, ctx.now), { ifMatch: ctx.ifMatch })),
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
