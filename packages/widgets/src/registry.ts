/**
 * Every widget of FCO Admin Kit, in one list. Registration (`defineWidgets`, define-all), the package's exports, the
 * tab container's titles and add-widget picker, the Storybook stories and the shared browser tests (states, axe,
 * hostile data) all read it: a widget exists by being exported from widgets.ts (and titled in the catalogues).
 */
import type { ListMetadata, OperationId } from '@fco-admin/sdk';
import type { Scope } from './api/types.js';
import type { Messages } from './i18n/messages.js';
import * as widgets from './widgets.js';

/** A widget type of the registry: `fco-servers`. */
export type WidgetTag = keyof Messages['widgetTitles'];

export interface RegisteredWidget {
  new (): HTMLElement;
  /** The default tag, which is also the layout's widget type. */
  readonly tag: string;
  /** Scopes without which it shows the forbidden state (and the picker does not offer it). */
  readonly scopes: readonly Scope[];
  /** It reports a count for its tab's badge (`fco-count-changed`), so it starts before its tab is first shown. */
  readonly showsCount?: boolean;
  /**
   * The lists whose first answer it shows (a list widget's own list; the reports' catalogue): their calls decide its
   * loading, empty and error states, which the shared tests and stories produce by holding, emptying or failing them.
   */
  readonly lists: readonly ListMetadata[];
  /**
   * Operations it calls that no list definition states (a view or control of its own: the reports' runs, the code
   * editor's check). With a list widget's definition this is every operation it may call: the spec's x-fco-widgets
   * table, which limits embed tokens, is tested against the two (widget-operations.test.ts).
   */
  readonly calls?: readonly OperationId[];
}

// Marked pure: a host's bundler that finds the registry unused drops the call, and with it every widget only it names,
// so a page that registers one widget (the package's index exports them from widgets.ts) ships that one.
/** Every widget class, in the order of widgets.ts. */
export const widgetRegistry: readonly RegisteredWidget[] = /* @__PURE__ */ Object.values(widgets);

declare global {
  interface HTMLElementTagNameMap {
    'fco-customers': widgets.FcoCustomers;
    'fco-users': widgets.FcoUsers;
    'fco-pending-customers': widgets.FcoPendingCustomers;
    'fco-servers': widgets.FcoServers;
    'fco-disks': widgets.FcoDisks;
    'fco-networks': widgets.FcoNetworks;
    'fco-snapshots': widgets.FcoSnapshots;
    'fco-ssh-keys': widgets.FcoSshKeys;
    'fco-firewall-templates': widgets.FcoFirewallTemplates;
    'fco-deployment-templates': widgets.FcoDeploymentTemplates;
    'fco-deployment-instances': widgets.FcoDeploymentInstances;
    'fco-vdcs': widgets.FcoVdcs;
    'fco-jobs': widgets.FcoJobs;
    'fco-images': widgets.FcoImages;
    'fco-paid-invoices': widgets.FcoPaidInvoices;
    'fco-unpaid-invoices': widgets.FcoUnpaidInvoices;
    'fco-invoices': widgets.FcoInvoices;
    'fco-billing-entities': widgets.FcoBillingEntities;
    'fco-products': widgets.FcoProducts;
    'fco-product-offers': widgets.FcoProductOffers;
    'fco-fdl-code-blocks': widgets.FcoFdlCodeBlocks;
    'fco-configuration-providers': widgets.FcoConfigurationProviders;
    'fco-reports': widgets.FcoReports;
    'fco-clusters': widgets.FcoClusters;
    'fco-nodes': widgets.FcoNodes;
    'fco-storage-units': widgets.FcoStorageUnits;
    'fco-ip-pools': widgets.FcoIpPools;
    'fco-audit-log': widgets.FcoAuditLog;
  }
}
