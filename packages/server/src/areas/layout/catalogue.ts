/**
 * The widgets the Admin page knows, grouped as the default layout's tabs (the table in the spec's getLayout
 * description). A widget needs the scope that reads its data; a role without it (hardware for a billing entity's
 * admins) can neither get it in the default layout nor add it.
 */
import type { Scope } from '../../identity/scopes.js';

export interface CatalogueTab {
  id: string;
  title: string;
  widgets: readonly string[];
  /** The scope every widget of this tab needs. */
  needs: Scope | null;
}

export const WIDGET_CATALOGUE: readonly CatalogueTab[] = [
  { id: 'customers', title: 'Customers', widgets: ['fco-customers', 'fco-users', 'fco-pending-customers'], needs: null },
  {
    id: 'resources',
    title: 'All Resources',
    widgets: [
      'fco-servers', 'fco-disks', 'fco-networks', 'fco-snapshots', 'fco-ssh-keys', 'fco-firewall-templates',
      'fco-deployment-templates', 'fco-deployment-instances', 'fco-vdcs', 'fco-jobs',
    ],
    needs: null,
  },
  { id: 'images', title: 'Images', widgets: ['fco-images'], needs: null },
  { id: 'billing', title: 'Billing', widgets: ['fco-paid-invoices', 'fco-unpaid-invoices'], needs: null },
  { id: 'platform', title: 'Platform', widgets: ['fco-billing-entities', 'fco-products', 'fco-product-offers'], needs: null },
  { id: 'plugins', title: 'Plugins', widgets: ['fco-fdl-code-blocks', 'fco-configuration-providers'], needs: null },
  { id: 'reports', title: 'Reports', widgets: ['fco-reports'], needs: null },
  { id: 'hardware', title: 'Hardware', widgets: ['fco-clusters', 'fco-nodes', 'fco-storage-units', 'fco-ip-pools'], needs: 'hardware:read' },
];

const NEEDS = new Map<string, Scope | null>(WIDGET_CATALOGUE.flatMap((tab) => tab.widgets.map((w) => [w, tab.needs] as const)));

/** undefined: the Admin page has no such widget; null: anyone may use it; a scope: only roles holding it. */
export function widgetNeeds(type: string): Scope | null | undefined {
  return NEEDS.get(type);
}
