import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FcoReports } from '@fco-admin/widgets';
import { sessionOf } from './support/api.js';
import { clientThrough, DEMO_PERIOD, failing, hanging, postsTo } from './support/faults.js';
import { inShadow, waitFor } from './support/play.js';
import { inProvider, lookOf, type Session } from './support/render.js';

/**
 * `<fco-reports>` in the states of a run, as the licensee against the real reference server: rows cut by the server,
 * inputs the server refuses, a run under way, a run or an export that failed (the last three through a fetch wrapper
 * around the report's calls, as the descriptions say). Each report's chart is in Reports/fco-reports, each report.
 */
const meta: Meta = { title: 'Reports/fco-reports, states', component: 'fco-reports' };
export default meta;

type Story = StoryObj;

function story(session: () => Session, report: string, inputs: NonNullable<FcoReports['inputs']>, description: string, extra: Partial<Story> = {}): Story {
  return {
    render: (_args, context) => inProvider(lookOf(context.globals), session(), html`<fco-reports report=${report} .inputs=${inputs}></fco-reports>`),
    parameters: { docs: { description: { story: description } } },
    ...extra,
  };
}
const licensee = () => ({ fetchSessionToken: sessionOf('licensee') });
const period = { period: DEMO_PERIOD };

export const TruncatedRows = story(licensee, 'unit-usage', { period: { from: '2026-05-01', to: DEMO_PERIOD.to }, groupBy: 'customer' },
  'Usage per customer per day over half a year: more rows than a result holds, so the server cuts them and the banner says so (the chart shows the largest customers and the rest as one).');

export const InputErrors = story(licensee, 'unit-usage', { period: { from: DEMO_PERIOD.to, to: DEMO_PERIOD.from } },
  'A period that ends before it starts: the real server refuses the run (422) and its message shows on the period input.');

export const RunInProgress = story(() => ({ client: clientThrough('licensee', hanging(postsTo('/run'))) }), 'revenue', period,
  'The session is real; the run (`POST /v1/reports/revenue/run`) is held by a fetch wrapper and never answers: the run is shown under way.');

export const RunFailed = story(() => ({ client: clientThrough('licensee', failing(postsTo('/run'))) }), 'revenue', period,
  'The run answers 500 (injected by a fetch wrapper, not sent to the server): the failure is said beside the form.');

export const ExportFailed = story(() => ({ client: clientThrough('licensee', failing(postsTo('/export'))) }), 'revenue', period,
  'The run goes to the real server; Export CSV (pressed by the play function) answers 500, injected by a fetch wrapper: the failure is said, the result stays.',
  {
    play: async ({ canvasElement }) => {
      const widget = await waitFor(() => canvasElement.querySelector<HTMLElement>('fco-reports'), 'the widget');
      const exportButton = await waitFor(() => inShadow<HTMLButtonElement>(widget, '[data-action="export"]:not([disabled])'), 'a result to export');
      exportButton.click();
    },
  });
