import { listClusters, updateClusterBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import type { Cluster } from '../api/types.js';
import { editNameAndDescription } from './edit.js';

/**
 * The platform's clusters (licensee only): hypervisor, status, how many nodes and servers; edit the name and
 * description.
 *
 * @element fco-clusters
 */
export class FcoClusters extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-clusters',
    object: 'cluster',
    scopes: ['hardware:read'],
    list: listClusters,
    get: 'getCluster',
    heading: (cluster) => cluster.name,
    columns: ['name', 'hypervisor', 'status', 'nodeCount', 'serverCount', { field: 'createdAt', hidden: true }, { field: 'updatedAt', hidden: true }],
    filters: ['name', 'hypervisor', 'status'],
    sort: ['name', 'ascending'],
    detail: ['description'],
    actions: () => [
      editNameAndDescription<Cluster>(updateClusterBody, (client, record, body) => client.hardware.updateCluster({ clusterId: record.id, ifMatch: record, body })),
    ],
  });
}
