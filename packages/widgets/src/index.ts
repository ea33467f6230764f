/**
 * @fco-admin/widgets: the FCO Admin Kit elements as side-effect-free classes. Importing this module registers
 * nothing; import `@fco-admin/widgets/define-all.js` (or one widget's `define.js`), or call `customElements.define`
 * with your own names.
 */
export { FcoAdminProvider, type FetchSessionToken } from './provider/admin-provider.js';
export { FcoAdminPage } from './page/admin-page.js';
export { FcoDataTable, MAX_SCROLL_HEIGHT, ROW_HEIGHT } from './table/data-table.js';
export { FcoCustomers } from './customers/customers.js';
export { FcoUsers } from './users/users.js';
export { FcoPendingCustomers } from './pending-customers/pending-customers.js';
export { FcoWidget } from './base/widget-base.js';
export { adminContext, type AdminContext, type SessionStatus } from './context/admin-context.js';
export { Localizer, resolveLocale, type MoneyValue } from './i18n/localizer.js';
export { en, de, locales, type Locale, type Messages } from './i18n/messages.js';
export { applyAppearance, appearanceProperties, palettes, type Appearance } from './theme/appearance.js';
export { defineElement } from './define-element.js';
export type { ColumnDef, FilterDef, FilterOption, FetchPage, PageQuery, SortState } from './table/types.js';
export * from './events.js';
