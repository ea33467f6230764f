/**
 * @fco-admin/widgets: the FCO Admin Kit elements as side-effect-free classes. Importing this module registers
 * nothing; import `@fco-admin/widgets/define-all.js`, call `defineWidgets(...)`, or call `customElements.define`
 * with your own names.
 */
export { FcoAdminProvider, type FetchSessionToken } from './provider/admin-provider.js';
export { FcoAdminPage } from './page/admin-page.js';
export { FcoDataTable, MAX_SCROLL_HEIGHT, ROW_HEIGHT } from './table/data-table.js';
export { FcoTreeGrid } from './table/tree-grid.js';
export * from './widgets.js';
export { widgetRegistry, type RegisteredWidget, type WidgetTag } from './registry.js';
export { FcoWidget } from './base/widget-base.js';
export { FcoListWidget } from './widget/list-widget.js';
export { defineListWidget, defineAction, type ListWidgetDefinition, type ActionSpec, type ColumnSpec, type FilterSpec } from './widget/definition.js';
export { adminContext, type AdminContext, type SessionStatus } from './context/admin-context.js';
export { Localizer, resolveLocale, type MoneyValue } from './i18n/localizer.js';
export { en, locales, loadCatalogue, type Locale, type Messages } from './i18n/messages.js';
export { applyAppearance, appearanceProperties, palettes, type Appearance } from './theme/appearance.js';
export { defineElement, defineWidgets } from './define-element.js';
export type { ColumnDef, FilterDef, FilterOption, FetchPage, PageQuery, SortState } from './table/types.js';
export * from './events.js';
