import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FcoReports } from '@fco-admin/widgets';
import { sessionOf } from './support/api.js';
import { DEMO_PERIOD } from './support/faults.js';
import { waitFor } from './support/play.js';
import { inProvider, lookOf } from './support/render.js';

/**
 * `<fco-reports>` showing each report of the catalogue as the licensee, with its chart and table, over a period of
 * the demo data (which is dated around a fixed day). The states every widget shows are in Reports/fco-reports.
 */
const meta: Meta = { title: 'Reports/fco-reports, each report', component: 'fco-reports' };
export default meta;

type Story = StoryObj;

function report(id: string, description: string, chartType?: string): Story {
  // Inputs the report has no input for are ignored: one preset serves every report.
  const inputs = { period: DEMO_PERIOD, asOf: DEMO_PERIOD.to };
  return {
    render: (_args, context) =>
      inProvider(lookOf(context.globals), { fetchSessionToken: sessionOf('licensee') }, html`<fco-reports report=${id} .inputs=${inputs}></fco-reports>`),
    parameters: { docs: { description: { story: description } } },
    ...(chartType
      ? {
          play: async ({ canvasElement }) => {
            const widget = await waitFor(() => canvasElement.querySelector<FcoReports>('fco-reports'), 'the widget');
            const button = await waitFor(() => widget.shadowRoot?.querySelector<HTMLButtonElement>(`[data-chart-type="${chartType}"]`), chartType);
            button.click();
          },
        }
      : {}),
  };
}

export const UnitUsage = report('unit-usage', 'Units used per day per billing entity, one measured value at a time (their units differ), stacked by billing entity.');
export const UnitUsageAsArea = report('unit-usage', 'The same as an area chart (the play function switches the chart type).', 'AREA');
export const Revenue = report('revenue', 'Paid and unpaid invoice totals per billing entity and currency.');
export const RevenueAsPie = report('revenue', 'Revenue as a pie of one series (paid), chosen beside the chart type.', 'PIE');
export const ResourceCounts = report('resource-counts', 'Resources by type, stacked by status.');
export const CustomerSignups = report('customer-signups', 'Signups per month with how many were approved or rejected.');
export const InvoiceAgeing = report('invoice-ageing', 'Unpaid totals per billing entity by days past due, as horizontal bars.');
