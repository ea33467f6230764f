/**
 * Money arithmetic of invoices: exact decimal strings, half-away-from-zero rounding, sortable keys.
 *
 * @sqlite-only Money arithmetic: pure functions, no database involved.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildInvoice } from '../src/areas/invoices/domain.js';
import {
  decimalFromSortKey, decimalSortKey, formatUnits, lineAmounts, parseDecimal, sumLines, toMinorUnits, toScale,
} from '../src/areas/invoices/money.js';

describe('invoice money', () => {
  it('parses and formats decimal strings exactly', () => {
    assert.deepEqual(parseDecimal('0.0125'), { units: 125n, scale: 4 });
    assert.deepEqual(parseDecimal('-12.50'), { units: -1250n, scale: 2 });
    assert.throws(() => parseDecimal('1e3'), RangeError);
    assert.throws(() => parseDecimal('12.'), RangeError);
    assert.equal(formatUnits(12345n, 2), '123.45');
    assert.equal(formatUnits(5n, 2), '0.05');
    assert.equal(formatUnits(-5n, 2), '-0.05');
    assert.equal(formatUnits(7n, 0), '7');
    assert.equal(toMinorUnits('10.1', 2), 1010n);
    assert.equal(toMinorUnits('10.100', 2), 1010n);
    assert.throws(() => toMinorUnits('10.105', 2), RangeError);
  });

  it('rounds half away from zero', () => {
    assert.equal(toScale(parseDecimal('2.345'), 2), 235n);
    assert.equal(toScale(parseDecimal('2.344'), 2), 234n);
    assert.equal(toScale(parseDecimal('-2.345'), 2), -235n);
    assert.equal(toScale(parseDecimal('0.005'), 2), 1n);
    assert.equal(toScale(parseDecimal('0.0049999'), 2), 0n);
  });

  it('computes lines where floats would drift', () => {
    // 0.1 × 3 is 0.30000000000000004 in binary floating point.
    assert.deepEqual(lineAmounts('3', '0.1', '20', 2), { totalExc: 30n, taxAmount: 6n, totalInc: 36n });
    // The spec's example lines.
    assert.deepEqual(lineAmounts('720', '0.0125', '20', 2), { totalExc: 900n, taxAmount: 180n, totalInc: 1080n });
    assert.deepEqual(lineAmounts('500', '0.1828', '20', 2), { totalExc: 9140n, taxAmount: 1828n, totalInc: 10968n });
    // A fractional tax rate: 146.24 × 8.875 % = 12.9788 → 12.98.
    assert.deepEqual(lineAmounts('800', '0.1828', '8.875', 2), { totalExc: 14624n, taxAmount: 1298n, totalInc: 15922n });
    // Credit lines are negative and round symmetrically.
    assert.deepEqual(lineAmounts('-1', '0.125', '20', 2), { totalExc: -13n, taxAmount: -3n, totalInc: -16n });
  });

  it('builds invoices whose items add up to the totals', () => {
    const lines = [
      { description: 'CPU hours', quantity: '720', unitPrice: '0.0125' },
      { description: 'Disk', quantity: '500', unitPrice: '0.1828' },
      { description: 'Traffic', quantity: '847.094', unitPrice: '0.0275' },
    ];
    const invoice = buildInvoice({
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', invoiceNo: 'INV-1', invoiceDate: '2026-11-01', dueDate: '2026-12-01',
      status: 'UNPAID', customer: { id: 'c', name: 'Northwind', billingEntityId: 'b' }, currency: { code: 'GBP', decimalPlaces: 2 },
      taxRate: '20', creditNote: false, lines, createdAt: '2026-11-01T00:05:00.000Z',
    });
    assert.deepEqual(invoice.items.map((i) => i.totalExc), ['9.00', '91.40', '23.30']);
    assert.equal(invoice.totalExc, '123.70');
    assert.equal(invoice.taxAmount, '24.74');
    assert.equal(invoice.totalInc, '148.44');
    const sum = sumLines(invoice.items.map((i) => ({ totalExc: toMinorUnits(i.totalExc, 2), taxAmount: toMinorUnits(i.taxAmount, 2), totalInc: toMinorUnits(i.totalInc, 2) })));
    assert.equal(formatUnits(sum.totalInc, 2), invoice.totalInc);
    // A currency without minor units.
    const yen = buildInvoice({ ...invoiceInput(), currency: { code: 'JPY', decimalPlaces: 0 }, lines: [{ description: 'x', quantity: '3', unitPrice: '333.5' }] });
    assert.equal(yen.totalExc, '1001');
  });

  it('sort keys order like the numbers they stand for and round-trip', () => {
    const values = ['-1000.50', '-2.00', '-0.01', '0.00', '0.01', '2.00', '10.00', '100.40', '99999999.99'];
    const keys = values.map(decimalSortKey);
    assert.deepEqual([...keys].sort(), keys);
    for (const value of values) assert.equal(decimalFromSortKey(decimalSortKey(value)), value);
    assert.equal(decimalSortKey('100.4'), decimalSortKey('100.40'));
    assert.equal(decimalFromSortKey(decimalSortKey('0.0125')), '0.0125');
    assert.throws(() => decimalSortKey('abc'), RangeError);
  });
});

function invoiceInput() {
  return {
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', invoiceNo: 'INV-2', invoiceDate: '2026-11-01', dueDate: '2026-12-01',
    status: 'UNPAID' as const, customer: { id: 'c', name: 'Northwind', billingEntityId: 'b' }, currency: { code: 'GBP', decimalPlaces: 2 },
    taxRate: '20', creditNote: false, lines: [], createdAt: '2026-11-01T00:05:00.000Z',
  };
}
