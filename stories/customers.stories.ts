import type { Meta } from '@storybook/web-components-vite';
import { darkGerman, widgetStates, type WidgetStates } from './support/states.js';

const config: WidgetStates = { tag: 'fco-customers', listPath: '/v1/customers', populatedAs: 'licensee', requires: 'customers:read' };
const states = widgetStates(config);

/**
 * `<fco-customers>`: every customer in the principal's scope, with filters, sort, a detail view, editing and status
 * changes. Against the real reference server (`npm run storybook` starts it); language and colour scheme come from the
 * toolbar.
 */
const meta: Meta = {
  title: 'Customers/fco-customers',
  component: 'fco-customers',
};
export default meta;

export const Populated = states.Populated;
/** A billing entity's admin sees only its own customers (and its child billing entity's). */
export const PopulatedBeAdmin = widgetStates({ ...config, populatedAs: 'alpha' }).Populated;
export const Loading = states.Loading;
export const Empty = states.Empty;
export const LoadFailed = states.LoadFailed;
export const Forbidden = states.Forbidden;
export const SessionExpired = states.SessionExpired;
export const DarkGerman = darkGerman(config);
