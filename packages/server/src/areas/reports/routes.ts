import { defineArea } from '../area.js';
import { ok, type OperationContext } from '../../http/operation.js';
import { listRequest } from '../../http/list.js';
import { ApiProblem } from '../../http/problem.js';
import { listInMemory } from '../../store/memory-list.js';
import { inScope, tenantScope } from '../../store/scope.js';
import { customerEntity } from '../customers/entity.js';
import { referenced } from '../references.js';
import { findReport, REPORTS, resolveInputs, type Report, type ReportInputValue } from './catalogue.js';
import { csvLine } from './csv.js';
import { REPORT_QUERIES, type ReportQueryResult } from './queries.js';

/** Rows a run shows; an export writes up to EXPORT_ROWS. */
const RUN_ROWS = 10_000;
const EXPORT_ROWS = 1_000_000;

interface Run {
  report: Report;
  inputs: Record<string, ReportInputValue>;
  result: ReportQueryResult;
  truncated: boolean;
}

async function runReport(ctx: OperationContext, reportId: string, inputs: Record<string, ReportInputValue>, maxRows: number): Promise<Run> {
  const report = findReport(reportId);
  const resolved = resolveInputs(report, inputs, ctx.now);
  const me = ctx.me();
  const inputPointer = (type: 'BILLING_ENTITY' | 'CUSTOMER') => `/inputs/${report.inputs.find((i) => i.type === type)!.key}`;
  if (resolved.billingEntityId && (!inScope(me.tenancy, resolved.billingEntityId) || !me.tree.get(resolved.billingEntityId))) {
    throw ApiProblem.unknownReference(inputPointer('BILLING_ENTITY'), 'billing entity');
  }
  if (resolved.customerId) {
    const customer = await referenced(ctx.repository(customerEntity), resolved.customerId, inputPointer('CUSTOMER'), 'customer');
    if (resolved.billingEntityId && customer.billingEntityId !== resolved.billingEntityId) {
      throw new ApiProblem('validation_failed', {
        detail: 'The customer does not belong to the billing entity.',
        errors: [{ location: 'body', pointer: '/inputs/customerId', code: 'mismatch', message: 'not a customer of billingEntityId' }],
      });
    }
  }
  // A billing entity asked for narrows the caller's scope to it (checked in scope above).
  const store = resolved.billingEntityId ? ctx.store.withScope(tenantScope([resolved.billingEntityId])) : ctx.store;
  const result = await REPORT_QUERIES[report.id]!({
    store,
    tree: me.tree,
    inputs: resolved,
    limit: maxRows + 1,
  });
  const truncated = result.rows.length > maxRows;
  return { report, inputs: resolved.values, result: { ...result, rows: result.rows.slice(0, maxRows) }, truncated };
}

function csvOf(run: Run): string {
  const { columns, rows } = run.result;
  const numeric = columns.map((c) => c.type !== 'STRING' && c.type !== 'DATE');
  let text = csvLine(columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label)));
  for (const row of rows) text += csvLine(columns.map((c) => row[c.key] ?? null), numeric);
  return text;
}

export const reportsArea = defineArea('reports', {
  listReports: async (ctx) => ok(await listInMemory(REPORTS, await listRequest(ctx.op, ctx.query), ctx.store.pageTokens, [{ field: 'id', desc: false }])),
  getReport: async (ctx) => ok(findReport(ctx.params.reportId)),
  runReport: async (ctx) => {
    const run = await runReport(ctx, ctx.params.reportId, ctx.body.inputs, RUN_ROWS);
    return ok({
      reportId: run.report.id,
      inputs: run.inputs,
      columns: run.result.columns,
      rows: run.result.rows,
      truncated: run.truncated,
      chart: run.result.chart,
      chartTypes: run.report.chartTypes,
      generatedAt: ctx.now.toISOString(),
    });
  },
  exportReport: async (ctx) => {
    const run = await runReport(ctx, ctx.params.reportId, ctx.body.inputs, EXPORT_ROWS);
    return {
      status: 200,
      file: {
        contentType: 'text/csv; charset=utf-8',
        bytes: new TextEncoder().encode(csvOf(run)),
        headers: { 'Content-Disposition': `attachment; filename="${run.report.id}-${ctx.now.toISOString().slice(0, 10)}.csv"` },
      },
    };
  },
});
