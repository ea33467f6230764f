/**
 * A report result as chart data, following the result's `chart`: the x axis takes `xColumn`'s values in row order;
 * each series column is a dataset, split per value of `groupColumn` when there is one (a usage series per billing
 * entity, counts per status). Series of different units are not drawn on one axis: a result whose series differ in
 * unit shows one at a time (the widget offers the choice), and a pie always shows one series, summed per x value.
 * Groups beyond the largest few are summed as "Other", so a chart stays readable with a hundred customers.
 * Everything here is plain data and text formatted for the locale; chart.ts draws it.
 */
import type { Localizer } from '../i18n/localizer.js';
import type { ReportChartType, ReportColumn, ReportResult } from '../api/types.js';

export interface ChartData {
  type: ReportChartType;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
  /** Segments of one series per group add up (a column per day, a segment per billing entity). */
  stacked: boolean;
  /** The numbers' format on the value axis and in tooltips (money in its currency, units, decimals). */
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

/** The number format of a series column: money in its currency, else the unit after the number. */
export function numberFormat(column: ReportColumn | undefined, l: Localizer): (value: number) => string {
  if (column?.type === 'MONEY' && column.unit) {
    const money = new Intl.NumberFormat(l.intlTag, { style: 'currency', currency: column.unit });
    return (value) => money.format(value);
  }
  const plain = new Intl.NumberFormat(l.intlTag, { maximumFractionDigits: column?.type === 'INTEGER' ? 0 : 2 });
  return column?.unit ? (value) => `${plain.format(value)} ${column.unit}` : (value) => plain.format(value);
}

export function chartData(result: ReportResult, type: ReportChartType, series: string, l: Localizer, columnLabel: (column: ReportColumn) => string): ChartData {
  const columns = seriesColumns(result);
  const shown = type === 'PIE' || series !== ALL ? columns.filter((c) => c.key === (series === ALL ? columns[0]?.key : series)) : columns;
  const xColumn = result.columns.find((c) => c.key === result.chart.xColumn);
  const group = result.chart.groupColumn;

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
  const format = numberFormat(shown[0], l);

  if (type === 'PIE') {
    const column = shown[0];
    const data = xs.map(() => 0);
    if (column) for (const row of result.rows) data[xIndex.get(String(row[result.chart.xColumn] ?? ''))!]! += asNumber(row[column.key]) ?? 0;
    return { type, labels, datasets: column ? [{ label: columnLabel(column), data }] : [], stacked: false, format };
  }

  if (!group) {
    const datasets = shown.map((column) => {
      const data: (number | null)[] = xs.map(() => null);
      for (const row of result.rows) data[xIndex.get(String(row[result.chart.xColumn] ?? ''))!] = asNumber(row[column.key]);
      return { label: columnLabel(column), data };
    });
    return { type, labels, datasets, stacked: false, format };
  }

  // Per group: its values along x, for each shown series.
  const groups = new Map<string, Map<string, (number | null)[]>>();
  for (const row of result.rows) {
    const name = String(row[group] ?? l.messages.none);
    let bySeries = groups.get(name);
    if (!bySeries) {
      bySeries = new Map(shown.map((c) => [c.key, xs.map(() => null as number | null)]));
      groups.set(name, bySeries);
    }
    const at = xIndex.get(String(row[result.chart.xColumn] ?? ''))!;
    for (const column of shown) bySeries.get(column.key)![at] = asNumber(row[column.key]);
  }
  const total = (bySeries: Map<string, (number | null)[]>) => [...bySeries.values()].flat().reduce<number>((sum, v) => sum + Math.abs(v ?? 0), 0);
  const ranked = [...groups.entries()].sort((a, b) => total(b[1]) - total(a[1]));
  const kept = ranked.slice(0, ranked.length > MAX_GROUPS ? MAX_GROUPS - 1 : MAX_GROUPS);
  const rest = ranked.slice(kept.length);
  const datasets: ChartData['datasets'] = [];
  for (const column of shown) {
    for (const [name, bySeries] of kept) datasets.push({ label: shown.length > 1 ? `${columnLabel(column)} · ${name}` : name, data: bySeries.get(column.key)! });
    if (rest.length > 0) {
      const data = xs.map((_, i) => rest.reduce<number>((sum, [, bySeries]) => sum + (bySeries.get(column.key)![i] ?? 0), 0));
      const other = l.messages.otherGroups(String(rest.length));
      datasets.push({ label: shown.length > 1 ? `${columnLabel(column)} · ${other}` : other, data });
    }
  }
  // One series split by group adds up to that series' total; several series side by side do not.
  return { type, labels, datasets, stacked: shown.length === 1 && type !== 'LINE', format };
}
