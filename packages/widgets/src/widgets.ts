/** Every widget class of the kit, one line each, in the order of the default layout's tabs. */
export { FcoCustomers } from './customers/customers.js';
export { FcoUsers } from './users/users.js';
export { FcoPendingCustomers } from './pending-customers/pending-customers.js';
export { FcoServers } from './resources/servers.js';
export { FcoDisks } from './resources/disks.js';
export { FcoNetworks } from './resources/networks.js';
export { FcoSnapshots } from './resources/snapshots.js';
export { FcoSshKeys } from './resources/ssh-keys.js';
export { FcoFirewallTemplates } from './resources/firewall-templates.js';
export { FcoDeploymentTemplates } from './resources/deployment-templates.js';
export { FcoDeploymentInstances } from './resources/deployment-instances.js';
export { FcoVdcs } from './resources/vdcs.js';
export { FcoJobs } from './resources/jobs.js';
export { FcoClusters } from './hardware/clusters.js';
export { FcoNodes } from './hardware/nodes.js';
export { FcoStorageUnits } from './hardware/storage-units.js';
export { FcoIpPools } from './hardware/ip-pools.js';
