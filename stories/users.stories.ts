import type { Meta } from '@storybook/web-components-vite';
import { darkGerman, widgetStates, type WidgetStates } from './support/states.js';

const config: WidgetStates = { tag: 'fco-users', listPath: '/v1/users', populatedAs: 'alpha', requires: 'users:read' };
const states = widgetStates(config);

/**
 * `<fco-users>`: the users of the customers in scope; lock, unlock, admin flag. Against the real reference server;
 * language and colour scheme come from the toolbar.
 */
const meta: Meta = {
  title: 'Customers/fco-users',
  component: 'fco-users',
};
export default meta;

export const Populated = states.Populated;
/** The licensee admin sees the users of every billing entity. */
export const PopulatedLicensee = widgetStates({ ...config, populatedAs: 'licensee' }).Populated;
export const Loading = states.Loading;
export const Empty = states.Empty;
export const LoadFailed = states.LoadFailed;
export const Forbidden = states.Forbidden;
export const SessionExpired = states.SessionExpired;
export const DarkGerman = darkGerman(config);
