/**
 * The widgets the Admin page knows, grouped as the default layout's tabs (the table in the spec's getLayout
 * description). A widget may need a scope (hardware: `hardware:read`); a role without it can neither get it in the
 * default layout nor add it. Some widgets are only offered in the add-widget picker, or are in the licensee's default
 * only. What each widget may call is the spec's `x-fco-widgets` table, which has an entry for every widget here.
 */
import type { Role, Scope } from '../../identity/scopes.js';

export interface CatalogueWidget {
  /** The element's tag name; the widget id in a default layout is the tag without `fco-`. */
  type: string;
  /** The scope a role needs to use it at all (null: any admin of the Admin page). */
  needs: Scope | null;
  /** The roles whose default layout shows it (among those that may use it); others can add it from the picker. */
  defaultFor: readonly Role[];
}

export interface CatalogueTab {
  id: string;
  title: string;
  widgets: readonly CatalogueWidget[];
}

const EVERY_ROLE: readonly Role[] = ['LICENSEE_ADMIN', 'BE_ADMIN'];

function widgets(types: readonly string[], options: { needs?: Scope; defaultFor?: readonly Role[] } = {}): CatalogueWidget[] {
  return types.map((type) => ({ type, needs: options.needs ?? null, defaultFor: options.defaultFor ?? EVERY_ROLE }));
}

export const WIDGET_CATALOGUE: readonly CatalogueTab[] = [
  { id: 'customers', title: 'Customers', widgets: widgets(['fco-customers', 'fco-users', 'fco-pending-customers']) },
  {
    id: 'resources',
    title: 'All Resources',
    widgets: widgets([
      'fco-servers', 'fco-disks', 'fco-networks', 'fco-snapshots', 'fco-ssh-keys', 'fco-firewall-templates',
      'fco-deployment-templates', 'fco-deployment-instances', 'fco-vdcs', 'fco-jobs',
    ]),
  },
  { id: 'images', title: 'Images', widgets: widgets(['fco-images']) },
  {
    id: 'billing',
    title: 'Billing',
    // Every status in one list: offered in the picker, not in the default.
    widgets: [...widgets(['fco-paid-invoices', 'fco-unpaid-invoices']), ...widgets(['fco-invoices'], { defaultFor: [] })],
  },
  {
    id: 'platform',
    title: 'Platform',
    widgets: [
      ...widgets(['fco-billing-entities', 'fco-products', 'fco-product-offers']),
      // Billing entity admins read their own trail too, but add it themselves.
      ...widgets(['fco-audit-log'], { needs: 'audit:read', defaultFor: ['LICENSEE_ADMIN'] }),
    ],
  },
  { id: 'plugins', title: 'Plugins', widgets: widgets(['fco-fdl-code-blocks', 'fco-configuration-providers']) },
  { id: 'reports', title: 'Reports', widgets: widgets(['fco-reports']) },
  { id: 'hardware', title: 'Hardware', widgets: widgets(['fco-clusters', 'fco-nodes', 'fco-storage-units', 'fco-ip-pools'], { needs: 'hardware:read' }) },
];

const BY_TYPE = new Map<string, CatalogueWidget>(WIDGET_CATALOGUE.flatMap((tab) => tab.widgets.map((w) => [w.type, w] as const)));

/** Every widget type of the catalogue. */
export const WIDGET_TYPES: readonly string[] = [...BY_TYPE.keys()];

/** undefined: the Admin page has no such widget; null: anyone may use it; a scope: only roles holding it. */
export function widgetNeeds(type: string): Scope | null | undefined {
  return BY_TYPE.get(type)?.needs;
}
