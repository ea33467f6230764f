/**
 * The report catalogue (fixed) and the checking of a run's inputs against a report's input definitions: defaults
 * filled in, unknown keys, missing required inputs and wrong shapes answer 422 naming the input, and billing
 * entities or customers outside the caller's scope answer 404.
 */
import { ApiProblem, type FieldError } from '../../http/problem.js';
import type { Schema } from '../../spec/types.js';

export type Report = Schema<'Report'>;
export type ReportInput = Schema<'ReportInput'>;
export type ReportInputValue = Schema<'ReportInputValue'>;

const period: ReportInput = { key: 'period', name: 'Period', type: 'DATE_RANGE', required: false, defaultValue: null, options: [] };
const billingEntity: ReportInput = { key: 'billingEntityId', name: 'Billing entity', type: 'BILLING_ENTITY', required: false, defaultValue: null, options: [] };
const customer: ReportInput = { key: 'customerId', name: 'Customer', type: 'CUSTOMER', required: false, defaultValue: null, options: [] };

export const REPORTS: readonly Report[] = [
  {
    id: 'customer-signups',
    name: 'Customer signups',
    description: 'Customers who signed up in each day or month of the period, and where they stand now: approved (automatically or by an admin), still awaiting approval, or rejected.',
    inputs: [
      period,
      billingEntity,
      { key: 'interval', name: 'Interval', type: 'ENUM', required: false, defaultValue: 'month', options: [{ value: 'day', label: 'Day' }, { value: 'month', label: 'Month' }] },
    ],
    chartTypes: ['COLUMN', 'LINE', 'AREA'],
    defaultChartType: 'COLUMN',
  },
  {
    id: 'invoice-ageing',
    name: 'Invoice ageing',
    description: 'Unpaid invoice totals (including tax) per billing entity and currency, by days past the due date on the given date: current, 1–30, 31–60, 61–90 and over 90 days.',
    inputs: [{ key: 'asOf', name: 'As of', type: 'DATE', required: false, defaultValue: null, options: [] }, billingEntity],
    chartTypes: ['BAR', 'COLUMN'],
    defaultChartType: 'BAR',
  },
  {
    id: 'resource-counts',
    name: 'Resource counts',
    description: 'Resources (servers, disks, networks, snapshots, SSH keys, templates, deployments, VDCs, images) by type and status.',
    inputs: [billingEntity],
    chartTypes: ['BAR', 'COLUMN', 'PIE'],
    defaultChartType: 'BAR',
  },
  {
    id: 'revenue',
    name: 'Revenue',
    description: 'Invoiced revenue (totals including tax, credit notes excluded) per billing entity and currency for invoices dated in the period: paid vs unpaid.',
    inputs: [period, billingEntity],
    chartTypes: ['COLUMN', 'BAR', 'PIE'],
    defaultChartType: 'COLUMN',
  },
  {
    id: 'unit-usage',
    name: 'Unit usage',
    description: 'Units used per day, per billing entity or per customer, by measured value (CPU core-hours, RAM GB-hours, storage GB-days, bandwidth GB).',
    inputs: [
      period,
      billingEntity,
      customer,
      { key: 'groupBy', name: 'Group by', type: 'ENUM', required: false, defaultValue: 'billing-entity', options: [{ value: 'billing-entity', label: 'Billing entity' }, { value: 'customer', label: 'Customer' }] },
    ],
    chartTypes: ['COLUMN', 'LINE', 'AREA'],
    defaultChartType: 'COLUMN',
  },
];

export function findReport(id: string): Report {
  const report = REPORTS.find((r) => r.id === id);
  if (!report) throw ApiProblem.notFound('report');
  return report;
}

export interface DateRange {
  from: string;
  to: string;
}

/** The inputs a run uses, checked and with defaults filled in. */
export interface ResolvedInputs {
  values: Record<string, ReportInputValue>;
  period: DateRange | null;
  date: string | null;
  billingEntityId: string | null;
  customerId: string | null;
  option(key: string): string | null;
}

const DAY_MS = 86400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function validDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(d.getTime()) && isoDay(d) === value;
}

export function resolveInputs(report: Report, given: Record<string, ReportInputValue>, now: Date): ResolvedInputs {
  const errors: FieldError[] = [];
  const fail = (key: string, code: string, message: string) => errors.push({ location: 'body', pointer: `/inputs/${key}`, code, message });
  for (const key of Object.keys(given)) {
    if (!report.inputs.some((i) => i.key === key)) fail(key, 'unknown_input', `The report ${report.id} has no input "${key}".`);
  }
  const values: Record<string, ReportInputValue> = {};
  for (const input of report.inputs) {
    const value = given[input.key] ?? input.defaultValue;
    if (value === null || value === undefined) {
      if (input.required) fail(input.key, 'required', `"${input.key}" is required.`);
      else if (input.type === 'DATE_RANGE') values[input.key] = { from: isoDay(new Date(now.getTime() - 29 * DAY_MS)), to: isoDay(now) };
      else if (input.type === 'DATE') values[input.key] = isoDay(now);
      continue;
    }
    switch (input.type) {
      case 'DATE_RANGE':
        if (typeof value !== 'object' || !validDate(value.from) || !validDate(value.to)) fail(input.key, 'invalid_type', `"${input.key}" must be {from, to} dates.`);
        else if (value.from > value.to) fail(input.key, 'invalid_range', `"${input.key}": from is after to.`);
        else if (Date.parse(value.to) - Date.parse(value.from) > 3660 * DAY_MS) fail(input.key, 'invalid_range', `"${input.key}" may span at most ten years.`);
        else values[input.key] = value;
        break;
      case 'DATE':
        if (typeof value !== 'string' || !validDate(value)) fail(input.key, 'invalid_type', `"${input.key}" must be a date (YYYY-MM-DD).`);
        else values[input.key] = value;
        break;
      case 'BILLING_ENTITY':
      case 'CUSTOMER':
        if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) fail(input.key, 'invalid_type', `"${input.key}" must be an id.`);
        else values[input.key] = value.toLowerCase();
        break;
      case 'ENUM':
        if (typeof value !== 'string' || !input.options.some((o) => o.value === value)) {
          fail(input.key, 'invalid_value', `"${input.key}" must be one of ${input.options.map((o) => o.value).join(', ')}.`);
        } else values[input.key] = value;
        break;
      case 'INTEGER':
        if (typeof value !== 'number') fail(input.key, 'invalid_type', `"${input.key}" must be an integer.`);
        else values[input.key] = value;
        break;
      case 'STRING':
        if (typeof value !== 'string') fail(input.key, 'invalid_type', `"${input.key}" must be text.`);
        else values[input.key] = value;
        break;
    }
  }
  if (errors.length) throw new ApiProblem('validation_failed', { detail: 'Some report inputs are not valid.', errors });
  const ofType = (type: ReportInput['type']) => {
    const input = report.inputs.find((i) => i.type === type);
    return input ? values[input.key] : undefined;
  };
  return {
    values,
    period: (ofType('DATE_RANGE') as DateRange | undefined) ?? null,
    date: (ofType('DATE') as string | undefined) ?? null,
    billingEntityId: (ofType('BILLING_ENTITY') as string | undefined) ?? null,
    customerId: (ofType('CUSTOMER') as string | undefined) ?? null,
    option: (key) => (typeof values[key] === 'string' ? (values[key] as string) : null),
  };
}
