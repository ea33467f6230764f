/**
 * Exact decimal arithmetic for money: decimal strings are parsed into scaled BigInts (value × 10^scale), so no
 * amount ever passes through a binary float. Amounts are rounded half away from zero to the currency's minor unit.
 */

/** A decimal number: `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string): Decimal {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole! + fraction);
  return { units: sign ? -units : units, scale: fraction.length };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** The value in units of 10^-scale, rounded half away from zero. */
export function toScale(value: Decimal, scale: number): bigint {
  if (scale >= value.scale) return value.units * pow10(scale - value.scale);
  const divisor = pow10(value.scale - scale);
  const magnitude = value.units < 0n ? -value.units : value.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return value.units < 0n ? -quotient : quotient;
}

/** Minor units → decimal string with exactly `scale` fraction digits (`12345n, 2` → `"123.45"`). */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = scale ? digits.slice(0, -scale) : digits;
  const fraction = scale ? `.${digits.slice(-scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Parses an amount that must be exact at `scale` (a money value in the currency's minor unit). */
export function toMinorUnits(text: string, scale: number): bigint {
  const value = parseDecimal(text);
  if (value.scale > scale && value.units % pow10(value.scale - scale) !== 0n) {
    throw new RangeError(`"${text}" has more than ${scale} decimal places`);
  }
  return toScale(value, scale);
}

export interface LineAmounts {
  totalExc: bigint;
  taxAmount: bigint;
  totalInc: bigint;
}

/**
 * One invoice line: quantity × unit price rounded to the minor unit, tax on that rounded total at `taxRate` percent
 * (rounded too), and their sum. Rounding per line keeps every printed line self-consistent.
 */
export function lineAmounts(quantity: string, unitPrice: string, taxRatePercent: string, scale: number): LineAmounts {
  const totalExc = toScale(multiply(parseDecimal(quantity), parseDecimal(unitPrice)), scale);
  const rate = parseDecimal(taxRatePercent);
  // totalExc × rate / 100: divide by 100 by adding two to the scale.
  const taxAmount = toScale({ units: totalExc * rate.units, scale: scale + rate.scale + 2 }, scale);
  return { totalExc, taxAmount, totalInc: totalExc + taxAmount };
}

/** Invoice totals: the sums of its lines, so items always add up to the header. */
export function sumLines(lines: readonly LineAmounts[]): LineAmounts {
  return lines.reduce(
    (sum, line) => ({ totalExc: sum.totalExc + line.totalExc, taxAmount: sum.taxAmount + line.taxAmount, totalInc: sum.totalInc + line.totalInc }),
    { totalExc: 0n, taxAmount: 0n, totalInc: 0n },
  );
}

/**
 * An order-preserving text key for a decimal (what a sortable money column stores): sign letter then 22 digits at
 * six fraction places, negatives complemented, so byte order equals numeric order in SQLite and PostgreSQL alike.
 */
const KEY_SCALE = 6;
const KEY_DIGITS = 22;
const KEY_LIMIT = 10n ** BigInt(KEY_DIGITS);

export function decimalSortKey(text: string): string {
  const units = toScale(parseDecimal(text), KEY_SCALE);
  if (units >= KEY_LIMIT || -units >= KEY_LIMIT) throw new RangeError(`"${text}" is out of range`);
  return units < 0n ? `N${(KEY_LIMIT + units).toString().padStart(KEY_DIGITS, '0')}` : `P${units.toString().padStart(KEY_DIGITS, '0')}`;
}

/** The decimal a sort key stands for, with at least `minScale` fraction digits (trailing zeros beyond trimmed). */
export function decimalFromSortKey(key: string, minScale = 2): string {
  const digits = BigInt(key.slice(1));
  const units = key[0] === 'N' ? digits - KEY_LIMIT : digits;
  let text = formatUnits(units, KEY_SCALE);
  const keep = text.length - KEY_SCALE + minScale;
  text = text.replace(/0+$/, '');
  if (text.length < keep) text = text.padEnd(keep, '0');
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
