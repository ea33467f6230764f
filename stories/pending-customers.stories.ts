import type { Meta } from '@storybook/web-components-vite';
import { darkGerman, widgetStates, type WidgetStates } from './support/states.js';

// Beta Hosting approves signups by hand, so its admin has customers waiting; Alpha signs customers up at once, so its
// admin's list is really empty.
const config: WidgetStates = { tag: 'fco-pending-customers', listPath: '/v1/customers', populatedAs: 'beta', requires: 'customers:read', emptyAs: 'alpha' };
const states = widgetStates(config);

/**
 * `<fco-pending-customers>`: customers awaiting manual approval; approve, or reject with a reason (these change the
 * story server's data until Storybook restarts). Against the real reference server; language and colour scheme come
 * from the toolbar.
 */
const meta: Meta = {
  title: 'Customers/fco-pending-customers',
  component: 'fco-pending-customers',
};
export default meta;

export const Populated = states.Populated;
export const Loading = states.Loading;
export const Empty = states.Empty;
export const LoadFailed = states.LoadFailed;
export const Forbidden = states.Forbidden;
export const SessionExpired = states.SessionExpired;
export const DarkGerman = darkGerman(config);
