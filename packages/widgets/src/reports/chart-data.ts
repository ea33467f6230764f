/**
 * A report result as chart data, following the result's `chart`: the x axis takes `xColumn`'s values in row order;
 * each series column is a dataset, split per value of `groupColumn` when there is one (a usage series per billing
 * entity, counts per status). Series of different units are not drawn on one axis: a result whose series differ in
 * unit shows one at a time (the widget offers the choice), and a pie always shows one series, summed per x value.
 * Groups beyond the largest few are summed as "Other", so a chart stays readable with a hundred customers.
 * Money is formatted in its currency: the column's (`unit`), or each row's where the rows differ (`currencyColumn`);
 * amounts in different currencies are never added up (not stacked, not summed into one slice or "Other").
 * Everything here is plain data and text formatted for the locale; chart.ts draws it.
 */
import type { Localizer } from '../i18n/localizer.js';
import type { ReportChartType, ReportColumn, ReportResult } from '../api/types.js';

export interface ChartDataset {
  label: string;
  data: (number | null)[];
  /** A value of this dataset at a point (its index), as a tooltip shows it: money in that point's currency. */
  format: (value: number, index: number) => string;
}

export interface ChartData {
  type: ReportChartType;
  labels: string[];
  datasets: ChartDataset[];
  /** Segments of one series per group add up (a column per day, a segment per billing entity). */
  stacked: boolean;
  /** Every value shown counts whole things (signups, servers): the value axis steps by whole numbers. */
  wholeNumbers: boolean;
  /** The value axis' format: money in its currency when every value shown has that one, units, decimals. */
  format: (value: number) => string;
}

/** The most datasets a series is split into; the smaller groups become one "Other". */
export const MAX_GROUPS = 8;

/** `ALL` shows every series at once (when they share a unit); otherwise one series column's key. */
export const ALL = '*';

const numeric = (column: ReportColumn) => column.type === 'INTEGER' || column.type === 'DECIMAL' || column.type === 'MONEY';
const unitOf = (column: ReportColumn) => `${column.type === 'MONEY' ? 'MONEY' : 'NUMBER'}:${column.unit ?? ''}`;

/** The series columns of a result, in order. */
export function seriesColumns(result: ReportResult): ReportColumn[] {
  return result.chart.seriesColumns.map((key) => result.columns.find((c) => c.key === key)).filter((c): c is ReportColumn => !!c && numeric(c));
}

/** Whether the result's series can share one value axis (same type and unit). */
export function seriesShareAxis(result: ReportResult): boolean {
  return new Set(seriesColumns(result).map(unitOf)).size <= 1;
}

/** The series choice a chart starts with: all of them where they share an axis and the chart can show several. */
export function defaultSeries(result: ReportResult, type: ReportChartType): string {
  const columns = seriesColumns(result);
  return type !== 'PIE' && seriesShareAxis(result) ? ALL : (columns[0]?.key ?? ALL);
}

const asNumber = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
};

/** How an x value reads: dates and months in the locale, the rest as the server wrote it. */
export function xLabel(column: ReportColumn | undefined, value: unknown, l: Localizer): string {
  if (value === null || value === undefined) return l.messages.none;
  const text = String(value);
  if (column?.type === 'DATE') return l.date(text);
  if (/^\d{4}-\d{2}$/.test(text)) {
    return new Intl.DateTimeFormat(l.intlTag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${text}-01T00:00:00Z`));
  }
  return text;
}

/** The currency of a MONEY column's value in a row: the column's own, or the row's (`currencyColumn`); else null. */
export function currencyOf(column: ReportColumn, row: ReportResult['rows'][number]): string | null {
  if (column.type !== 'MONEY') return null;
  if (column.unit) return column.unit;
  const currency = column.currencyColumn ? row[column.currencyColumn] : null;
  return typeof currency === 'string' && currency !== '' ? currency : null;
}

/**
 * The number format of a series column's values: money in `currency` (the values' one currency), else the unit
 * after the number (a money column's values in several currencies are plain numbers: no currency fits them all).
 */
export function numberFormat(column: ReportColumn | undefined, l: Localizer, currency: string | null = column?.type === 'MONEY' ? column.unit : null): (value: number) => string {
  if (column?.type === 'MONEY' && currency) return (value) => l.money({ amount: String(value), currency });
  const plain = new Intl.NumberFormat(l.intlTag, { maximumFractionDigits: column?.type === 'INTEGER' ? 0 : 2 });
  return column?.unit && column.type !== 'MONEY' ? (value) => `${plain.format(value)} ${column.unit}` : (value) => plain.format(value);
}

/** The one currency of a list of points' currencies (nulls are points without a value), or null when they differ. */
function oneCurrency(currencies: readonly (string | null | undefined)[]): string | null {
  const distinct = new Set(currencies.filter((c): c is string => !!c));
  return distinct.size === 1 ? [...distinct][0]! : null;
}

/** A dataset's format: each point's value in its own currency (`currencies[index]`), or in the column's format. */
function pointFormat(column: ReportColumn, l: Localizer, currencies: readonly (string | null)[]): ChartDataset['format'] {
  const own = numberFormat(column, l, null);
  const formats = new Map<string, (value: number) => string>();
  return (value, index) => {
    const currency = currencies[index];
    if (!currency) return own(value);
    let format = formats.get(currency);
    if (!format) formats.set(currency, (format = numberFormat(column, l, currency)));
    return format(value);
  };
}

export function chartData(result: ReportResult, type: ReportChartType, series: string, l: Localizer, columnLabel: (column: ReportColumn) => string): ChartData {
  const columns = seriesColumns(result);
  const shown = type === 'PIE' || series !== ALL ? columns.filter((c) => c.key === (series === ALL ? columns[0]?.key : series)) : columns;
  const xColumn = result.columns.find((c) => c.key === result.chart.xColumn);
  const group = result.chart.groupColumn;
  const wholeNumbers = shown.length > 0 && shown.every((c) => c.type === 'INTEGER');

  // x values in row order, each once.
  const xs: string[] = [];
  const xIndex = new Map<string, number>();
  for (const row of result.rows) {
    const x = String(row[result.chart.xColumn] ?? '');
    if (!xIndex.has(x)) {
      xIndex.set(x, xs.length);
      xs.push(x);
    }
  }
  const labels = xs.map((x) => xLabel(xColumn, x === '' ? null : x, l));
  /** The value axis' format, from what the datasets show: one currency for all, or none. */
  const axisFormat = (datasets: readonly { currencies: readonly (string | null)[] }[]) =>
    numberFormat(shown[0], l, oneCurrency(datasets.flatMap((d) => d.currencies)));

  if (type === 'PIE') {
    const column = shown[0];
    if (!column) return { type, labels, datasets: [], stacked: false, wholeNumbers, format: numberFormat(undefined, l) };
    // A slice per x value, summed over its rows; per x value and currency where the amounts' currencies differ.
    const mixed = oneCurrency(result.rows.map((row) => currencyOf(column, row))) === null && result.rows.some((row) => currencyOf(column, row));
    const slices = new Map<string, { label: string; value: number; currency: string | null }>();
    for (const row of result.rows) {
      const x = String(row[result.chart.xColumn] ?? '');
      const currency = currencyOf(column, row);
      const key = mixed ? `${x}\u0000${currency ?? ''}` : x;
      const slice = slices.get(key) ?? { label: mixed && currency ? `${labels[xIndex.get(x)!]} · ${currency}` : labels[xIndex.get(x)!]!, value: 0, currency };
      slice.value += asNumber(row[column.key]) ?? 0;
      slices.set(key, slice);
    }
    const pie = [...slices.values()];
    const currencies = pie.map((slice) => slice.currency);
    return {
      type,
      labels: pie.map((slice) => slice.label),
      datasets: [{ label: columnLabel(column), data: pie.map((slice) => slice.value), format: pointFormat(column, l, currencies) }],
      stacked: false,
      wholeNumbers,
      format: axisFormat([{ currencies }]),
    };
  }

  if (!group) {
    const datasets = shown.map((column) => {
      const data: (number | null)[] = xs.map(() => null);
      const currencies: (string | null)[] = xs.map(() => null);
      for (const row of result.rows) {
        const at = xIndex.get(String(row[result.chart.xColumn] ?? ''))!;
        data[at] = asNumber(row[column.key]);
        currencies[at] = currencyOf(column, row);
      }
      return { label: columnLabel(column), data, format: pointFormat(column, l, currencies), currencies };
    });
    return { type, labels, datasets: datasets.map(({ currencies: _, ...d }) => d), stacked: false, wholeNumbers, format: axisFormat(datasets) };
  }

  // Per group: its values (and their currencies) along x, for each shown series.
  interface Points { data: (number | null)[]; currencies: (string | null)[] }
  const groups = new Map<string, Map<string, Points>>();
  for (const row of result.rows) {
    const name = String(row[group] ?? l.messages.none);
    let bySeries = groups.get(name);
    if (!bySeries) {
      bySeries = new Map(shown.map((c) => [c.key, { data: xs.map(() => null), currencies: xs.map(() => null) }]));
      groups.set(name, bySeries);
    }
    const at = xIndex.get(String(row[result.chart.xColumn] ?? ''))!;
    for (const column of shown) {
      const points = bySeries.get(column.key)!;
      points.data[at] = asNumber(row[column.key]);
      points.currencies[at] = currencyOf(column, row);
    }
  }
  const total = (bySeries: Map<string, Points>) => [...bySeries.values()].flatMap((p) => p.data).reduce<number>((sum, v) => sum + Math.abs(v ?? 0), 0);
  const ranked = [...groups.entries()].sort((a, b) => total(b[1]) - total(a[1]));
  const kept = ranked.slice(0, ranked.length > MAX_GROUPS ? MAX_GROUPS - 1 : MAX_GROUPS);
  const rest = ranked.slice(kept.length);
  const datasets: (ChartDataset & { currencies: (string | null)[] })[] = [];
  for (const column of shown) {
    for (const [name, bySeries] of kept) {
      const { data, currencies } = bySeries.get(column.key)!;
      datasets.push({ label: shown.length > 1 ? `${columnLabel(column)} · ${name}` : name, data, currencies, format: pointFormat(column, l, currencies) });
    }
    if (rest.length > 0) {
      // "Other" adds up the smaller groups' amounts at each x value only where they share a currency.
      const currencies = xs.map((_, i) => oneCurrency(rest.map(([, bySeries]) => bySeries.get(column.key)!.currencies[i])));
      const summable = (i: number) => column.type !== 'MONEY' || currencies[i] !== null || rest.every(([, s]) => !s.get(column.key)!.currencies[i]);
      const data = xs.map((_, i) => (summable(i) ? rest.reduce<number>((sum, [, bySeries]) => sum + (bySeries.get(column.key)!.data[i] ?? 0), 0) : null));
      const other = l.messages.otherGroups(String(rest.length));
      datasets.push({ label: shown.length > 1 ? `${columnLabel(column)} · ${other}` : other, data, currencies, format: pointFormat(column, l, currencies) });
    }
  }
  // One series split by group adds up to that series' total; several series side by side do not, nor do amounts in
  // different currencies.
  const moneyMixed = shown.some((c) => c.type === 'MONEY') && oneCurrency(datasets.flatMap((d) => d.currencies)) === null;
  return {
    type,
    labels,
    datasets: datasets.map(({ currencies: _, ...d }) => d),
    stacked: shown.length === 1 && type !== 'LINE' && !moneyMixed,
    wholeNumbers,
    format: axisFormat(datasets),
  };
}
