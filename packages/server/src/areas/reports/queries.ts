/**
 * The reports' aggregation queries. Each runs in SQL (GROUP BY over the stored rows, the same Kysely query on both
 * dialects) under the caller's billing entities, and returns its columns, rows and chart. `limit` caps the rows
 * fetched: callers ask for one more than they show to learn whether the result was truncated.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { BillingTree } from '../../identity/billing-tree.js';
import type { Schema } from '../../spec/types.js';
import type { EntityDefinition } from '../../store/entity.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { customerEntity } from '../customers/entity.js';
import { imageEntity } from '../images/entity.js';
import { invoiceEntity } from '../invoices/entity.js';
import { RESOURCE_KINDS } from '../resources/entity.js';
import type { ResolvedInputs } from './catalogue.js';
import { USAGE_MEASURES, usageTable } from './migration.js';

export type ReportColumn = Schema<'ReportColumn'>;
export type ReportRow = Schema<'ReportRow'>;
export type ReportChart = Schema<'ReportChart'>;

export interface ReportQueryResult {
  columns: ReportColumn[];
  rows: ReportRow[];
  chart: ReportChart;
}

export interface ReportQueryContext {
  /** The store under the billing entities the report covers (the caller's scope, or the one billing entity asked for). */
  store: TenantStore;
  tree: BillingTree;
  inputs: ResolvedInputs;
  limit: number;
}

type Query = SelectQueryBuilder<any, any, any>;

const DAY_MS = 86400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const bigintOf = (value: unknown): bigint => BigInt(String(value ?? 0).replace(/\.0+$/, ''));

/** Thousandths → a decimal string with three places. */
export function formatMilli(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
}

/** Millionths (invoice amount keys) → money with two places, rounded half away from zero. */
export function formatMoneyMicro(value: bigint): string {
  const negative = value < 0n;
  const cents = ((negative ? -value : value) + 5000n) / 10000n;
  return `${negative ? '-' : ''}${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

const nameOf = (tree: BillingTree, id: string) => tree.get(id)?.name ?? id;

/** The amount of a money sort key (`P` + 22 digits at six places) in millionths; credit notes are never summed. */
const positiveAmountMicro = (column: string) => sql`sum(cast(substr(${sql.ref(column)}, 2) as bigint))`;

export async function unitUsage(ctx: ReportQueryContext): Promise<ReportQueryResult> {
  const { from, to } = ctx.inputs.period!;
  const byCustomer = ctx.inputs.option('groupBy') === 'customer';
  let query: Query = ctx.store.aggregate(usageTable, 'u').where('u.day', '>=', from).where('u.day', '<=', to);
  if (ctx.inputs.customerId) query = query.where('u.customer_id', '=', ctx.inputs.customerId);
  for (const m of USAGE_MEASURES) query = query.select(sql`sum(${sql.ref(`u.${m.column}`)})`.as(m.key));
  if (byCustomer) {
    query = query
      .innerJoin('customers as c', 'c.id', 'u.customer_id')
      .select(['u.day as day', 'u.customer_id as groupId', 'c.organisation_name as groupName'])
      .groupBy(['u.day', 'u.customer_id', 'c.organisation_name'])
      .orderBy('u.day').orderBy('c.organisation_name').orderBy('u.customer_id');
  } else {
    query = query.select(['u.day as day', 'u.billing_entity_id as groupId']).groupBy(['u.day', 'u.billing_entity_id']).orderBy('u.day').orderBy('u.billing_entity_id');
  }
  const rows = (await query.limit(ctx.limit).execute()) as Array<Record<string, unknown>>;
  const groupKey = byCustomer ? 'customer' : 'billingEntity';
  return {
    columns: [
      { key: 'date', label: 'Date', type: 'DATE', unit: null },
      { key: groupKey, label: byCustomer ? 'Customer' : 'Billing entity', type: 'STRING', unit: null },
      ...USAGE_MEASURES.map((m): ReportColumn => ({ key: m.key, label: m.label, type: 'DECIMAL', unit: m.unit })),
    ],
    rows: rows.map((r) => {
      const row: ReportRow = { date: String(r.day), [groupKey]: byCustomer ? String(r.groupName) : nameOf(ctx.tree, String(r.groupId)) };
      for (const m of USAGE_MEASURES) row[m.key] = formatMilli(bigintOf(r[m.key]));
      return row;
    }),
    chart: { type: 'COLUMN', xColumn: 'date', seriesColumns: USAGE_MEASURES.map((m) => m.key), groupColumn: groupKey },
  };
}

/** Rows per (billing entity, currency) built from grouped sums; one pass that pivots `bucket` into columns. */
function pivotMoney(
  rows: Array<Record<string, unknown>>,
  tree: BillingTree,
  buckets: readonly string[],
): Array<{ billingEntity: string; currency: string; sums: Map<string, bigint>; count: number }> {
  const byKey = new Map<string, { billingEntity: string; currency: string; sums: Map<string, bigint>; count: number }>();
  for (const r of rows) {
    const key = `${r.billingEntityId}\u0000${r.currency}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { billingEntity: nameOf(tree, String(r.billingEntityId)), currency: String(r.currency), sums: new Map(buckets.map((b) => [b, 0n])), count: 0 };
      byKey.set(key, entry);
    }
    entry.sums.set(String(r.bucket), (entry.sums.get(String(r.bucket)) ?? 0n) + bigintOf(r.micro));
    entry.count += Number(r.n);
  }
  return [...byKey.values()].sort((a, b) => (a.billingEntity < b.billingEntity ? -1 : a.billingEntity > b.billingEntity ? 1 : a.currency < b.currency ? -1 : 1));
}

/** MONEY in the one currency the rows share; otherwise MONEY in each row's currency (the `currency` column). */
function moneyColumn(key: string, label: string, currencies: Set<string>): ReportColumn {
  return currencies.size === 1 ? { key, label, type: 'MONEY', unit: [...currencies][0]! } : { key, label, type: 'MONEY', unit: null, currencyColumn: 'currency' };
}

export async function revenue(ctx: ReportQueryContext): Promise<ReportQueryResult> {
  const { from, to } = ctx.inputs.period!;
  const query: Query = ctx.store
    .aggregate(invoiceEntity, 'invoices')
    .select(['billing_entity_id as billingEntityId', 'currency', 'status as bucket'])
    .select((eb) => [eb.fn.countAll().as('n'), positiveAmountMicro('total_inc').as('micro')])
    .where('invoice_date', '>=', from)
    .where('invoice_date', '<=', to)
    .where('credit_note', '=', 0)
    .where('status', 'in', ['PAID', 'UNPAID'])
    .where(sql`substr(total_inc, 1, 1)`, '=', 'P')
    .groupBy(['billing_entity_id', 'currency', 'status']);
  const pivoted = pivotMoney((await query.execute()) as Array<Record<string, unknown>>, ctx.tree, ['PAID', 'UNPAID']).slice(0, ctx.limit);
  const currencies = new Set(pivoted.map((p) => p.currency));
  return {
    columns: [
      { key: 'billingEntity', label: 'Billing entity', type: 'STRING', unit: null },
      { key: 'currency', label: 'Currency', type: 'STRING', unit: null },
      moneyColumn('paid', 'Paid', currencies),
      moneyColumn('unpaid', 'Unpaid', currencies),
      { key: 'invoices', label: 'Invoices', type: 'INTEGER', unit: null },
    ],
    rows: pivoted.map((p) => ({
      billingEntity: p.billingEntity,
      currency: p.currency,
      paid: formatMoneyMicro(p.sums.get('PAID')!),
      unpaid: formatMoneyMicro(p.sums.get('UNPAID')!),
      invoices: p.count,
    })),
    chart: { type: 'COLUMN', xColumn: 'billingEntity', seriesColumns: ['paid', 'unpaid'], groupColumn: 'currency' },
  };
}

const AGEING_BUCKETS = [
  { key: 'current', label: 'Current' },
  { key: 'days1to30', label: '1–30 days' },
  { key: 'days31to60', label: '31–60 days' },
  { key: 'days61to90', label: '61–90 days' },
  { key: 'over90', label: 'Over 90 days' },
] as const;

/** Unpaid invoices issued by `asOf`, by days past due on `asOf`. */
export async function invoiceAgeing(ctx: ReportQueryContext): Promise<ReportQueryResult> {
  const asOf = ctx.inputs.date!;
  const bucket = sql<string>`case
    when due_date >= ${asOf} then 'current'
    when due_date >= ${addDays(asOf, -30)} then 'days1to30'
    when due_date >= ${addDays(asOf, -60)} then 'days31to60'
    when due_date >= ${addDays(asOf, -90)} then 'days61to90'
    else 'over90' end`;
  const query: Query = ctx.store
    .aggregate(invoiceEntity, 'invoices')
    .select(['billing_entity_id as billingEntityId', 'currency', bucket.as('bucket')])
    .select((eb) => [eb.fn.countAll().as('n'), positiveAmountMicro('total_inc').as('micro')])
    .where('status', '=', 'UNPAID')
    .where('credit_note', '=', 0)
    .where('invoice_date', '<=', asOf)
    .where(sql`substr(total_inc, 1, 1)`, '=', 'P')
    // By the output alias: PostgreSQL would not match a parameterised CASE in GROUP BY with the one selected.
    .groupBy(['billing_entity_id', 'currency', sql.ref('bucket')]);
  const keys = AGEING_BUCKETS.map((b) => b.key);
  const pivoted = pivotMoney((await query.execute()) as Array<Record<string, unknown>>, ctx.tree, keys).slice(0, ctx.limit);
  const currencies = new Set(pivoted.map((p) => p.currency));
  return {
    columns: [
      { key: 'billingEntity', label: 'Billing entity', type: 'STRING', unit: null },
      { key: 'currency', label: 'Currency', type: 'STRING', unit: null },
      ...AGEING_BUCKETS.map((b) => moneyColumn(b.key, b.label, currencies)),
      moneyColumn('total', 'Total unpaid', currencies),
      { key: 'invoices', label: 'Invoices', type: 'INTEGER', unit: null },
    ],
    rows: pivoted.map((p) => {
      const row: ReportRow = { billingEntity: p.billingEntity, currency: p.currency };
      let total = 0n;
      for (const key of keys) {
        row[key] = formatMoneyMicro(p.sums.get(key)!);
        total += p.sums.get(key)!;
      }
      row.total = formatMoneyMicro(total);
      row.invoices = p.count;
      return row;
    }),
    chart: { type: 'BAR', xColumn: 'billingEntity', seriesColumns: [...keys], groupColumn: 'currency' },
  };
}

/** The kinds of resource counted: every resource list's table, and images (owned ones). */
function countedKinds(): Array<{ type: string; entity: EntityDefinition<any> }> {
  return [
    ...RESOURCE_KINDS.filter((k) => k.entity.table !== 'jobs').map((k) => ({ type: k.entity.name, entity: k.entity })),
    { type: imageEntity.name, entity: imageEntity },
  ].map((k) => ({ ...k, type: k.type.toUpperCase().replace(/[^A-Z0-9]+/g, '_') }));
}

export async function resourceCounts(ctx: ReportQueryContext): Promise<ReportQueryResult> {
  const rows: ReportRow[] = [];
  const kinds = countedKinds()
    .filter((k) => k.entity.scopeColumn)
    .sort((a, b) => (a.type < b.type ? -1 : 1));
  for (const { type, entity } of kinds) {
    const status = (entity.columns as Record<string, { column: string } | undefined>).status?.column;
    let query: Query = ctx.store.aggregate(entity, entity.table).select((eb) => eb.fn.countAll().as('n'));
    if (status) query = query.select(`${entity.table}.${status} as status`).groupBy(`${entity.table}.${status}`).orderBy(`${entity.table}.${status}`);
    for (const r of (await query.execute()) as Array<Record<string, unknown>>) {
      if (Number(r.n) > 0) rows.push({ type, status: status ? String(r.status) : null, count: Number(r.n) });
    }
  }
  return {
    columns: [
      { key: 'type', label: 'Type', type: 'STRING', unit: null },
      { key: 'status', label: 'Status', type: 'STRING', unit: null },
      { key: 'count', label: 'Count', type: 'INTEGER', unit: null },
    ],
    rows: rows.slice(0, ctx.limit),
    chart: { type: 'BAR', xColumn: 'type', seriesColumns: ['count'], groupColumn: 'status' },
  };
}

export async function customerSignups(ctx: ReportQueryContext): Promise<ReportQueryResult> {
  const { from, to } = ctx.inputs.period!;
  const monthly = ctx.inputs.option('interval') !== 'day';
  const bucket = sql<string>`substr(created_at, 1, ${sql.lit(monthly ? 7 : 10)})`;
  const rejectionReason = ctx.store.dialect === 'postgres' ? sql`(cast(data as jsonb) ->> 'rejectionReason')` : sql`json_extract(data, '$.rejectionReason')`;
  const query: Query = ctx.store
    .aggregate(customerEntity, 'customers')
    .select(bucket.as('bucket'))
    .select((eb) => [
      eb.fn.countAll().as('signups'),
      sql`sum(case when status = 'PENDING_APPROVAL' then 1 else 0 end)`.as('pending'),
      sql`sum(case when status = 'CLOSED' and ${rejectionReason} is not null then 1 else 0 end)`.as('rejected'),
    ])
    .where('created_at', '>=', `${from}T00:00:00`)
    .where('created_at', '<', `${addDays(to, 1)}T00:00:00`)
    .groupBy(sql.ref('bucket'))
    .orderBy(sql.ref('bucket'));
  const rows = (await query.limit(ctx.limit).execute()) as Array<Record<string, unknown>>;
  return {
    columns: [
      { key: 'period', label: monthly ? 'Month' : 'Day', type: monthly ? 'STRING' : 'DATE', unit: null },
      { key: 'signups', label: 'Signups', type: 'INTEGER', unit: null },
      { key: 'approved', label: 'Approved', type: 'INTEGER', unit: null },
      { key: 'pendingApproval', label: 'Awaiting approval', type: 'INTEGER', unit: null },
      { key: 'rejected', label: 'Rejected', type: 'INTEGER', unit: null },
    ],
    rows: rows.map((r) => {
      const signups = Number(r.signups);
      const pending = Number(r.pending);
      const rejected = Number(r.rejected);
      return { period: String(r.bucket), signups, approved: signups - pending - rejected, pendingApproval: pending, rejected };
    }),
    chart: { type: 'COLUMN', xColumn: 'period', seriesColumns: ['signups', 'approved', 'pendingApproval', 'rejected'], groupColumn: null },
  };
}

export const REPORT_QUERIES: Record<string, (ctx: ReportQueryContext) => Promise<ReportQueryResult>> = {
  'unit-usage': unitUsage,
  revenue,
  'invoice-ageing': invoiceAgeing,
  'resource-counts': resourceCounts,
  'customer-signups': customerSignups,
};
