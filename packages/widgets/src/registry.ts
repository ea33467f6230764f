/**
 * Every widget of FCO Admin Kit, in one list. Registration (`defineWidgets`, define-all), the package's exports, the
 * tab container's titles and add-widget picker, the Storybook stories and the shared browser tests (states, axe,
 * hostile data) all read it: a widget exists by being listed here (and titled in the message catalogues).
 */
import type { Scope } from './api/types.js';
import type { Messages } from './i18n/messages.js';
import { FcoCustomers } from './customers/customers.js';
import { FcoUsers } from './users/users.js';
import { FcoPendingCustomers } from './pending-customers/pending-customers.js';
import { FcoServers } from './resources/servers.js';
import { FcoDisks } from './resources/disks.js';
import { FcoNetworks } from './resources/networks.js';
import { FcoSnapshots } from './resources/snapshots.js';
import { FcoSshKeys } from './resources/ssh-keys.js';
import { FcoFirewallTemplates } from './resources/firewall-templates.js';
import { FcoDeploymentTemplates } from './resources/deployment-templates.js';
import { FcoDeploymentInstances } from './resources/deployment-instances.js';
import { FcoVdcs } from './resources/vdcs.js';
import { FcoJobs } from './resources/jobs.js';
import { FcoClusters } from './hardware/clusters.js';
import { FcoNodes } from './hardware/nodes.js';
import { FcoStorageUnits } from './hardware/storage-units.js';
import { FcoIpPools } from './hardware/ip-pools.js';

export {
  FcoCustomers,
  FcoUsers,
  FcoPendingCustomers,
  FcoServers,
  FcoDisks,
  FcoNetworks,
  FcoSnapshots,
  FcoSshKeys,
  FcoFirewallTemplates,
  FcoDeploymentTemplates,
  FcoDeploymentInstances,
  FcoVdcs,
  FcoJobs,
  FcoClusters,
  FcoNodes,
  FcoStorageUnits,
  FcoIpPools,
};

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
}

/** In the order of the default layout's tabs. */
export const widgetRegistry: readonly RegisteredWidget[] = [
  FcoCustomers,
  FcoUsers,
  FcoPendingCustomers,
  FcoServers,
  FcoDisks,
  FcoNetworks,
  FcoSnapshots,
  FcoSshKeys,
  FcoFirewallTemplates,
  FcoDeploymentTemplates,
  FcoDeploymentInstances,
  FcoVdcs,
  FcoJobs,
  FcoClusters,
  FcoNodes,
  FcoStorageUnits,
  FcoIpPools,
];

declare global {
  interface HTMLElementTagNameMap {
    'fco-customers': FcoCustomers;
    'fco-users': FcoUsers;
    'fco-pending-customers': FcoPendingCustomers;
    'fco-servers': FcoServers;
    'fco-disks': FcoDisks;
    'fco-networks': FcoNetworks;
    'fco-snapshots': FcoSnapshots;
    'fco-ssh-keys': FcoSshKeys;
    'fco-firewall-templates': FcoFirewallTemplates;
    'fco-deployment-templates': FcoDeploymentTemplates;
    'fco-deployment-instances': FcoDeploymentInstances;
    'fco-vdcs': FcoVdcs;
    'fco-jobs': FcoJobs;
    'fco-clusters': FcoClusters;
    'fco-nodes': FcoNodes;
    'fco-storage-units': FcoStorageUnits;
    'fco-ip-pools': FcoIpPools;
  }
}
