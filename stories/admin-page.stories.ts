import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { embedSessionOf, revokedSessionOf, sessionOf, type Admin } from './support/api.js';
import { clientThrough, failingUntilRetry, hanging } from './support/faults.js';
import { waitFor } from './support/play.js';
import { inProvider, lookOf, type Session } from './support/render.js';

/**
 * `<fco-admin-page>`: the tab container. It shows the signed-in admin's layout (`GET /v1/layout`: the role's default
 * until customised) and lets them customise it. Against the real reference server; layouts saved here last until
 * Storybook restarts. Language and colour scheme come from the toolbar.
 */
const meta: Meta = {
  title: 'Container/fco-admin-page',
  component: 'fco-admin-page',
};
export default meta;

type Story = StoryObj;

function page(session: () => Session, story: string): Story {
  return {
    render: (_args, context) => inProvider(lookOf(context.globals), session(), html`<fco-admin-page></fco-admin-page>`),
    parameters: { docs: { description: { story } } },
  };
}
const signedIn = (admin: Admin) => () => ({ fetchSessionToken: sessionOf(admin) });

export const LicenseeAdmin = page(signedIn('licensee'),
  'The default layout of the licensee admin: every tab, Hardware included; the Customers tab counts customers awaiting approval.');

export const BillingEntityAdmin = page(signedIn('alpha'),
  "The default layout of a billing entity's admin (admin@alpha.demo): no Hardware tab, only the billing entity's own data.");

export const Customising: Story = {
  ...page(signedIn('beta'), 'admin@beta.demo with the customisation toolbar open (the play function presses “Customise”): add, rename, reorder and delete tabs and widgets, then save or cancel.'),
  play: async ({ canvasElement }) => {
    const pageElement = await waitFor(() => canvasElement.querySelector('fco-admin-page'), 'the page');
    const button = await waitFor(() => pageElement.shadowRoot?.querySelector<HTMLButtonElement>('button[data-action="customise"]'), 'Customise');
    button.click();
  },
};

export const ReadOnlyLayout = page(() => ({ fetchSessionToken: embedSessionOf('alpha', ['layout:read', 'customers:read', 'users:read']) }),
  'A real embed session without `layout:write`: the layout shows, but there is nothing to customise.');

export const Loading = page(() => ({ client: clientThrough('licensee', hanging(['/v1/layout'])) }),
  'The session is real; `GET /v1/layout` is held by a fetch wrapper and never answers.');

export const LoadFailed = page(() => ({ client: clientThrough('licensee', failingUntilRetry(['/v1/layout'])) }),
  '`GET /v1/layout` answers 500 (injected by a fetch wrapper) until Retry is pressed; Retry goes to the real server.');

export const Forbidden = page(() => ({ fetchSessionToken: embedSessionOf('alpha', ['customers:read']) }),
  'A real embed session without `layout:read`: the container calls nothing and says which permission is missing.');

export const SessionExpired = page(() => ({ fetchSessionToken: revokedSessionOf('licensee') }),
  'The first token was revoked on the server and the host cannot give another: the session-expired state.');
