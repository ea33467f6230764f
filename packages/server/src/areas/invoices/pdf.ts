/**
 * Renders an invoice as a PDF document with pdf-lib (runtime-agnostic: no Node imports). Deterministic: the same
 * invoice, billing entity and customer always give the same bytes (fixed metadata dates), so the ETag is stable.
 */
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Schema } from '../../spec/types.js';
import type { Invoice } from './entity.js';

export interface InvoiceParties {
  billingEntity: Pick<Schema<'BillingEntity'>, 'name' | 'address' | 'vatNumber'>;
  customer: { organisationName: string; address: Schema<'Customer'>['address']; vatNumber: string | null } | null;
}

// Characters the standard fonts' WinAnsi encoding has beyond Latin-1; anything else prints as '?'.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard fonts can draw: other characters become '?', control characters spaces. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.8, 0.8, 0.82);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Shortens text with an ellipsis until it fits `width` points. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  let value = printable(text);
  if (font.widthOfTextAtSize(value, size) <= width) return value;
  while (value.length > 1 && font.widthOfTextAtSize(`${value}…`, size) > width) value = value.slice(0, -1);
  return `${value}…`;
}

function addressLines(address: Record<string, unknown> | undefined): string[] {
  if (!address) return [];
  const a = address as Record<string, string | undefined>;
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.region, a.country].filter((l): l is string => Boolean(l));
}

export async function renderInvoicePdf(invoice: Invoice, parties: InvoiceParties): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const at = new Date(`${invoice.invoiceDate}T00:00:00Z`);
  doc.setTitle(`${invoice.creditNote ? 'Credit note' : 'Invoice'} ${invoice.invoiceNo}`);
  doc.setSubject(invoice.invoiceNo);
  doc.setAuthor(printable(parties.billingEntity.name));
  doc.setProducer('FCO Admin Kit');
  doc.setCreator('FCO Admin Kit');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const money = (amount: string) => `${invoice.currency} ${amount}`;

  let page = doc.addPage(A4);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;
  const text = (value: string, x: number, size = 10, font = fonts.regular, color = INK, maxWidth = width) => {
    page.drawText(fit(value, font, size, maxWidth), { x, y, size, font, color });
  };
  const right = (value: string, xRight: number, size = 10, font = fonts.regular) => {
    const printed = printable(value);
    page.drawText(printed, { x: xRight - font.widthOfTextAtSize(printed, size), y, size, font, color: INK });
  };

  // Header: the issuing billing entity on the left, the document title and number on the right.
  text(parties.billingEntity.name, MARGIN, 14, fonts.bold, INK, width / 2);
  right(invoice.creditNote ? 'CREDIT NOTE' : 'INVOICE', MARGIN + width, 18, fonts.bold);
  y -= 18;
  const issuer = [...addressLines(parties.billingEntity.address), ...(parties.billingEntity.vatNumber ? [`VAT ${parties.billingEntity.vatNumber}`] : [])];
  const facts: Array<[string, string]> = [
    ['Number', invoice.invoiceNo],
    ['Date', invoice.invoiceDate],
    ['Due', invoice.dueDate],
    ['Status', invoice.status],
    ...(invoice.paidDate ? ([['Paid', invoice.paidDate]] as Array<[string, string]>) : []),
  ];
  for (let i = 0; i < Math.max(issuer.length, facts.length); i++) {
    if (issuer[i]) text(issuer[i]!, MARGIN, 9, fonts.regular, MUTED, width / 2);
    const fact = facts[i];
    if (fact) {
      text(`${fact[0]}:`, MARGIN + width - 190, 9, fonts.regular, MUTED, 60);
      right(fact[1], MARGIN + width, 9, fonts.bold);
    }
    y -= 13;
  }

  // Bill to.
  y -= 14;
  text('Bill to', MARGIN, 9, fonts.regular, MUTED);
  y -= 14;
  text(invoice.customerName, MARGIN, 11, fonts.bold);
  y -= 13;
  for (const line of [...addressLines(parties.customer?.address), ...(parties.customer?.vatNumber ? [`VAT ${parties.customer.vatNumber}`] : [])]) {
    text(line, MARGIN, 9, fonts.regular, MUTED);
    y -= 12;
  }

  // Items table.
  // Right edges of the number columns; the description takes what is left of them.
  const columns = { quantity: MARGIN + 265, unitPrice: MARGIN + 335, tax: MARGIN + 405, amount: MARGIN + width };
  const tableHeader = () => {
    y -= 20;
    text('Description', MARGIN, 9, fonts.bold);
    right('Qty', columns.quantity, 9, fonts.bold);
    right('Unit price', columns.unitPrice, 9, fonts.bold);
    right('Tax', columns.tax, 9, fonts.bold);
    right(`Net (${invoice.currency})`, columns.amount, 9, fonts.bold);
    y -= 6;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.7, color: RULE });
    y -= 13;
  };
  tableHeader();
  for (const item of invoice.items) {
    if (y < MARGIN + 110) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      text(`${invoice.invoiceNo} (continued)`, MARGIN, 9, fonts.regular, MUTED);
      tableHeader();
    }
    text(item.description, MARGIN, 9, fonts.regular, INK, 200);
    right(item.quantity, columns.quantity, 9);
    right(item.unitPrice, columns.unitPrice, 9);
    right(item.taxAmount, columns.tax, 9);
    right(item.totalExc, columns.amount, 9);
    y -= 14;
  }
  page.drawLine({ start: { x: MARGIN, y: y + 6 }, end: { x: MARGIN + width, y: y + 6 }, thickness: 0.7, color: RULE });

  // Totals.
  y -= 8;
  const totals: Array<[string, string, PDFFont]> = [
    ['Total excluding tax', money(invoice.totalExc), fonts.regular],
    [`Tax (${invoice.taxRate} %)`, money(invoice.taxAmount), fonts.regular],
    ['Total', money(invoice.totalInc), fonts.bold],
  ];
  for (const [label, amount, font] of totals) {
    text(label, MARGIN + width - 230, 10, font, INK, 130);
    right(amount, MARGIN + width, 10, font);
    y -= 15;
  }
  if (invoice.paymentReference) {
    y -= 6;
    text(`Payment reference: ${invoice.paymentReference}`, MARGIN, 9, fonts.regular, MUTED);
    y -= 12;
  }
  if (invoice.voidReason) {
    y -= 6;
    text(`Voided: ${invoice.voidReason}`, MARGIN, 9, fonts.regular, MUTED);
  }

  // A stamp across the first page for settled or cancelled invoices.
  const stamp = invoice.status === 'PAID' ? 'PAID' : invoice.status === 'VOID' ? 'VOID' : null;
  if (stamp) drawStamp(doc.getPage(0), stamp, fonts.bold);
  return doc.save({ useObjectStreams: false });
}

function drawStamp(page: PDFPage, label: string, font: PDFFont): void {
  const size = 72;
  const color = label === 'PAID' ? rgb(0.1, 0.55, 0.25) : rgb(0.75, 0.1, 0.1);
  const textWidth = font.widthOfTextAtSize(label, size);
  page.drawText(label, {
    x: A4[0] / 2 - (textWidth / 2) * Math.cos(Math.PI / 6),
    y: A4[1] / 2 - (textWidth / 2) * Math.sin(Math.PI / 6),
    size,
    font,
    color,
    opacity: 0.25,
    rotate: degrees(30),
  });
}
