import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { SEED_NOW } from '../src/seed/seed.js';
import { ADMINS, assertProblem, startTestServer, type TestServer } from './harness.js';

const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');
const MISSING = '00000000-0000-4000-8000-000000000000';

const cents = (amount: string) => {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const units = BigInt(whole! + fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -units : units;
};

/** The text a PDF's pages draw (pdf-lib writes standard-font text as hex strings in Flate streams). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  let text = '';
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFRawStream ? [contents] : (contents as any)?.asArray?.().map((ref: any) => doc.context.lookup(ref)) ?? [];
    for (const stream of streams as PDFRawStream[]) {
      const raw = Buffer.from(inflateSync(stream.getContents())).toString('latin1');
      for (const match of raw.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text += Buffer.from(match[1]!, 'hex').toString('latin1') + '\n';
    }
  }
  return text;
}

describe('invoices', () => {
  let t: TestServer;
  const first = async (token: string, filter: string) => {
    const result = await t.call('listInvoices', { token, query: { filter, pageSize: 1 } });
    assert.equal(result.status, 200);
    assert.ok(result.body.items.length, `no invoice for ${filter}`);
    return result.body.items[0];
  };
  before(async () => {
    t = await startTestServer({ customers: 80 });
  });
  after(() => t.close());

  it('lists invoices in scope only, over twelve months and more, in the customer BE currency', async () => {
    const all = await t.call('listInvoices', { token: t.tokens.licensee, query: { pageSize: 500 } });
    assert.equal(all.status, 200);
    assert.ok(all.body.totalSize > 200, `only ${all.body.totalSize} invoices`);
    const alpha = await t.call('listInvoices', { token: t.tokens.alpha, query: { pageSize: 500 } });
    const beta = await t.call('listInvoices', { token: t.tokens.beta, query: { pageSize: 500 } });
    assert.ok(alpha.body.totalSize > 0 && beta.body.totalSize > 0);
    assert.ok(alpha.body.totalSize + beta.body.totalSize < all.body.totalSize);
    for (const invoice of alpha.body.items) {
      assert.ok([ALPHA, ALPHA_KIDS].includes(invoice.billingEntityId));
      assert.equal(invoice.currency, 'GBP');
    }
    for (const invoice of beta.body.items) {
      assert.equal(invoice.billingEntityId, BETA);
      assert.equal(invoice.currency, 'USD');
    }
    // A filter never widens the scope.
    const sneaky = await t.call('listInvoices', { token: t.tokens.beta, query: { filter: `billingEntityId = "${ALPHA}"` } });
    assert.equal(sneaky.body.totalSize, 0);
    const oldest = await t.call('listInvoices', { token: t.tokens.licensee, query: { orderBy: 'invoiceDate', pageSize: 1 } });
    const yearBefore = new Date(SEED_NOW.getTime() - 365 * 86400_000).toISOString().slice(0, 10);
    assert.ok(oldest.body.items[0].invoiceDate <= yearBefore, `oldest invoice ${oldest.body.items[0].invoiceDate}`);
    assert.equal(all.body.items[0].items, undefined, 'lists carry no items');
  });

  it('filters paid and unpaid, overdue, statuses and credit notes', async () => {
    const paid = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'status = PAID', pageSize: 200 } });
    assert.ok(paid.body.totalSize > 0);
    for (const invoice of paid.body.items) {
      assert.equal(invoice.status, 'PAID');
      assert.match(invoice.paidDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(invoice.paidDate >= invoice.invoiceDate);
    }
    const unpaid = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'status = UNPAID', pageSize: 200 } });
    assert.ok(unpaid.body.totalSize > 0);
    for (const invoice of unpaid.body.items) assert.equal(invoice.paidDate, null);
    const overdue = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: `status = UNPAID AND dueDate < "${SEED_NOW.toISOString().slice(0, 10)}"` } });
    assert.ok(overdue.body.totalSize > 0, 'some unpaid invoices are overdue');
    for (const status of ['PENDING', 'VOID', 'LOCKED']) {
      const result = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: `status = ${status}` } });
      assert.ok(result.body.totalSize > 0, `no ${status} invoice`);
    }
    const credit = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'creditNote = true' } });
    for (const invoice of credit.body.items) assert.ok(invoice.totalInc.startsWith('-'));
    const paidDateNull = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'paidDate = null AND status = PAID' } });
    assert.equal(paidDateNull.body.totalSize, 0);
  });

  it('balances are what unpaid invoices leave owing; some are overdue, some not yet; paying or voiding settles them', async () => {
    const owing = async () => {
      const invoices: any[] = [];
      let pageToken: string | undefined;
      do {
        const page = await t.call('listInvoices', { token: t.tokens.alpha, query: { filter: 'status = UNPAID', pageSize: 500, pageToken } });
        invoices.push(...page.body.items);
        pageToken = page.body.nextPageToken ?? undefined;
      } while (pageToken);
      const byCustomer = new Map<string, bigint>();
      for (const invoice of invoices) byCustomer.set(invoice.customerId, (byCustomer.get(invoice.customerId) ?? 0n) + cents(invoice.totalInc));
      return { invoices, byCustomer };
    };
    const balances = async () => {
      const customers = await t.call('listCustomers', { token: t.tokens.alpha, query: { pageSize: 500 } });
      return new Map<string, any>(customers.body.items.map((c: any) => [c.id, c.balance]));
    };
    const { invoices, byCustomer } = await owing();
    const before = await balances();
    assert.ok(byCustomer.size >= 3, 'customers with unpaid invoices');
    for (const [id, balance] of before) assert.equal(cents(balance.amount), -(byCustomer.get(id) ?? 0n), `customer ${id}`);
    // Overdue means UNPAID past its due date; customers' payment terms differ, so not every recent one is.
    const seedDay = SEED_NOW.toISOString().slice(0, 10);
    assert.ok(invoices.some((i) => i.dueDate < seedDay) && invoices.some((i) => i.dueDate >= seedDay), 'overdue and not yet due');
    assert.ok(new Set(invoices.map((i) => Date.parse(i.dueDate) - Date.parse(i.invoiceDate))).size > 1, 'several payment terms');

    const [paying, voiding] = invoices.filter((i) => !i.creditNote);
    const paid = await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: paying.id }, body: {} });
    assert.equal(paid.status, 200);
    const voided = await t.call('voidInvoice', { token: t.tokens.alpha, params: { invoiceId: voiding.id }, body: { reason: 'Usage disputed and waived.' } });
    assert.equal(voided.status, 200);
    const locked = await first(t.tokens.alpha, 'status = LOCKED');
    assert.equal((await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: locked.id }, body: {} })).status, 200);
    const after = await balances();
    const raised = (id: string) => cents(after.get(id).amount) - cents(before.get(id).amount);
    if (paying.customerId === voiding.customerId) assert.equal(raised(paying.customerId), cents(paying.totalInc) + cents(voiding.totalInc));
    else {
      assert.equal(raised(paying.customerId), cents(paying.totalInc));
      assert.equal(raised(voiding.customerId), cents(voiding.totalInc));
    }
    // A LOCKED invoice was never issued, so it never counted.
    if (![paying.customerId, voiding.customerId].includes(locked.customerId)) assert.equal(raised(locked.customerId), 0n);
    const owedAfter = (await owing()).byCustomer;
    for (const [id, balance] of after) assert.equal(cents(balance.amount), -(owedAfter.get(id) ?? 0n), `customer ${id} after`);
  });

  it('sorts and filters money by value, not as text', async () => {
    const sorted = await t.call('listInvoices', { token: t.tokens.licensee, query: { orderBy: 'totalInc desc', pageSize: 200 } });
    const amounts = sorted.body.items.map((i: any) => cents(i.totalInc));
    for (let i = 1; i < amounts.length; i++) assert.ok(amounts[i - 1] >= amounts[i], `${amounts[i - 1]} before ${amounts[i]}`);
    const big = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'totalExc > "100"', pageSize: 200 } });
    assert.ok(big.body.totalSize > 0);
    for (const invoice of big.body.items) assert.ok(cents(invoice.totalExc) > 10000n);
    const exact = big.body.items[0];
    const same = await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: `totalExc = "${exact.totalExc}0" AND customerId = "${exact.customerId}"` } });
    assert.ok(same.body.items.some((i: any) => i.id === exact.id), 'equal values match whatever their trailing zeros');
    // Paging by money keeps working past page one.
    const page2 = await t.call('listInvoices', { token: t.tokens.licensee, query: { orderBy: 'totalInc desc', pageSize: 200, pageToken: sorted.body.nextPageToken } });
    assert.ok(cents(page2.body.items[0].totalInc) <= amounts[amounts.length - 1]);
    assertProblem(await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'totalExc > "lots"' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listInvoices', { token: t.tokens.licensee, query: { filter: 'status = SETTLED' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listInvoices', { token: t.tokens.licensee, query: { orderBy: 'taxRate' } }), 400, 'invalid_order_by');
  });

  it('reads an invoice with items that add up to its totals', async () => {
    const page = await t.call('listInvoices', { token: t.tokens.licensee, query: { pageSize: 40 } });
    for (const summary of page.body.items) {
      const invoice = (await t.call('getInvoice', { token: t.tokens.licensee, params: { invoiceId: summary.id } })).body;
      assert.equal(invoice.itemCount, invoice.items.length);
      assert.ok(invoice.items.length > 0);
      let exc = 0n, tax = 0n, inc = 0n;
      for (const item of invoice.items) {
        assert.equal(cents(item.totalExc) + cents(item.taxAmount), cents(item.totalInc), `${invoice.invoiceNo}: ${JSON.stringify(item)}`);
        exc += cents(item.totalExc);
        tax += cents(item.taxAmount);
        inc += cents(item.totalInc);
      }
      assert.equal(exc, cents(invoice.totalExc), invoice.invoiceNo);
      assert.equal(tax, cents(invoice.taxAmount), invoice.invoiceNo);
      assert.equal(inc, cents(invoice.totalInc), invoice.invoiceNo);
      assert.equal(cents(invoice.totalExc) + cents(invoice.taxAmount), cents(invoice.totalInc));
      const { items: _items, ...rest } = invoice;
      assert.deepEqual(rest, summary, 'the summary is the invoice without items');
    }
  });

  it('keeps other tenants and anonymous callers out', async () => {
    const alphaInvoice = await first(t.tokens.alpha, 'status = UNPAID');
    for (const [op, extra] of [['getInvoice', {}], ['markInvoicePaid', { body: {} }], ['voidInvoice', { body: { reason: 'x' } }], ['downloadInvoicePdf', {}]] as const) {
      assertProblem(await t.call(op, { token: t.tokens.beta, params: { invoiceId: alphaInvoice.id }, ...extra }), 404, 'not_found');
      assertProblem(await t.call(op, { params: { invoiceId: alphaInvoice.id }, ...extra }), 401, 'unauthenticated');
    }
    assertProblem(await t.call('getInvoice', { token: t.tokens.licensee, params: { invoiceId: MISSING } }), 404, 'not_found');
    assertProblem(await t.call('getInvoice', { token: t.tokens.licensee, params: { invoiceId: 'not-a-uuid' } }), 400, 'invalid_parameter');
    assertProblem(await t.call('listInvoices', {}), 401, 'unauthenticated');
    // Gamma's Admin page is off: its admin cannot even log in.
    assertProblem(await t.call('createSession', { body: { email: ADMINS.gamma, password: 'demo-password' } }), 403, 'forbidden');
    const untouched = await t.call('getInvoice', { token: t.tokens.alpha, params: { invoiceId: alphaInvoice.id } });
    assert.equal(untouched.body.status, 'UNPAID');
  });

  it('marks invoices paid, with date rules, If-Match and state rules', async () => {
    const invoice = await first(t.tokens.alpha, 'status = UNPAID');
    const read = await t.call('getInvoice', { token: t.tokens.alpha, params: { invoiceId: invoice.id } });
    const etag = read.headers.get('etag')!;
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    assertProblem(await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: invoice.id }, body: { paidDate: tomorrow } }), 422, 'validation_failed');
    assertProblem(await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: invoice.id }, body: { paidDate: '2001-01-01' } }), 422, 'validation_failed');
    assertProblem(await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: invoice.id }, body: { paidDate: 'yesterday' } }), 422, 'validation_failed');
    assertProblem(await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: invoice.id }, headers: { 'if-match': '"stale"' }, body: {} }), 412, 'precondition_failed');
    const paid = await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: invoice.id }, headers: { 'if-match': etag }, body: { reference: 'BACS 42' } });
    assert.equal(paid.status, 200);
    assert.equal(paid.body.status, 'PAID');
    assert.equal(paid.body.paidDate, new Date().toISOString().slice(0, 10));
    assert.equal(paid.body.paymentReference, 'BACS 42');
    assert.notEqual(paid.headers.get('etag'), etag);
    assertProblem(await t.call('markInvoicePaid', { token: t.tokens.alpha, params: { invoiceId: invoice.id }, body: {} }), 409, 'invalid_state');
    const listed = await t.call('listInvoices', { token: t.tokens.alpha, query: { filter: `status = PAID AND invoiceNo = "${invoice.invoiceNo}" AND billingEntityId = "${invoice.billingEntityId}"` } });
    assert.equal(listed.body.totalSize, 1);

    // An explicit payment date on the invoice date is fine.
    const other = await first(t.tokens.beta, 'status = UNPAID');
    const onTime = await t.call('markInvoicePaid', { token: t.tokens.beta, params: { invoiceId: other.id }, body: { paidDate: other.invoiceDate } });
    assert.equal(onTime.body.paidDate, other.invoiceDate);
    for (const status of ['VOID', 'CLOSED']) {
      const settled = await first(t.tokens.licensee, `status = ${status}`);
      assertProblem(await t.call('markInvoicePaid', { token: t.tokens.licensee, params: { invoiceId: settled.id }, body: {} }), 409, 'invalid_state');
    }
  });

  it('voids unpaid invoices only', async () => {
    for (const status of ['UNPAID', 'LOCKED', 'PENDING']) {
      const invoice = await first(t.tokens.licensee, `status = ${status}`);
      const voided = await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: invoice.id }, body: { reason: 'Issued twice by mistake.' } });
      assert.equal(voided.status, 200, JSON.stringify(voided.body));
      assert.equal(voided.body.status, 'VOID');
      assert.equal(voided.body.voidReason, 'Issued twice by mistake.');
      assertProblem(await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: invoice.id }, body: { reason: 'again' } }), 409, 'invalid_state');
    }
    for (const status of ['PAID', 'CLOSED']) {
      const invoice = await first(t.tokens.licensee, `status = ${status}`);
      assertProblem(await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: invoice.id }, body: { reason: 'no' } }), 409, 'invalid_state');
    }
    const unpaid = await first(t.tokens.licensee, 'status = UNPAID');
    assertProblem(await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: unpaid.id }, body: {} }), 422, 'validation_failed');
    assertProblem(await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: unpaid.id }, body: { reason: 'x', status: 'VOID' } }), 422, 'read_only_field');
    assertProblem(await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: unpaid.id }, body: { reason: 'x', colour: 'red' } }), 422, 'unknown_field');
    assertProblem(await t.call('voidInvoice', { token: t.tokens.licensee, params: { invoiceId: unpaid.id }, rawBody: '{"reason":', contentType: 'application/json' }), 400, 'invalid_json');
  });

  it('renders a real PDF, with a stamp once paid or void, and none while PENDING', async () => {
    const invoice = await first(t.tokens.alpha, 'status = PAID');
    const pdf = await t.call<Uint8Array>('downloadInvoicePdf', { token: t.tokens.alpha, params: { invoiceId: invoice.id } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="${invoice.invoiceNo}.pdf"`);
    assert.ok(pdf.body instanceof Uint8Array);
    assert.equal(Buffer.from(pdf.body.slice(0, 5)).toString('latin1'), '%PDF-');
    assert.ok(pdf.body.length > 1500 && pdf.body.length < 200_000, `${pdf.body.length} bytes`);
    const doc = await PDFDocument.load(pdf.body);
    assert.equal(doc.getTitle(), `Invoice ${invoice.invoiceNo}`);
    const text = await pdfText(pdf.body);
    const full = (await t.call('getInvoice', { token: t.tokens.alpha, params: { invoiceId: invoice.id } })).body;
    for (const expected of [invoice.invoiceNo, 'Alpha', invoice.invoiceDate, invoice.paidDate, `GBP ${invoice.totalInc}`, `GBP ${invoice.totalExc}`, 'PAID', full.items[0].totalExc]) {
      assert.ok(text.includes(expected), `the PDF shows ${expected}:\n${text}`);
    }
    // Same invoice, same document, same ETag.
    const again = await t.call<Uint8Array>('downloadInvoicePdf', { token: t.tokens.alpha, params: { invoiceId: invoice.id } });
    assert.equal(again.headers.get('etag'), pdf.headers.get('etag'));
    assert.deepEqual(again.body, pdf.body);

    const voided = await first(t.tokens.licensee, 'status = VOID');
    const voidPdf = await t.call<Uint8Array>('downloadInvoicePdf', { token: t.tokens.licensee, params: { invoiceId: voided.id } });
    assert.ok((await pdfText(voidPdf.body)).includes('VOID'));
    const pending = await first(t.tokens.licensee, 'status = PENDING');
    assertProblem(await t.call('downloadInvoicePdf', { token: t.tokens.licensee, params: { invoiceId: pending.id } }), 409, 'invalid_state');
  });
});
