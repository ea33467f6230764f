import { listNodes, updateNodeBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { clusterChoices } from '../widget/choices.js';
import { isolate } from '../i18n/bidi.js';
import type { HardwareNode } from '../api/types.js';
import { editNameAndDescription } from './edit.js';

/**
 * The platform's compute nodes (licensee only), by cluster: state, address, cores, memory and servers. Put a node
 * into maintenance (it takes no new servers) and bring it back, with confirmation; the server refuses it for
 * OFFLINE and ERROR nodes and says why. Edit the name and description.
 *
 * @element fco-nodes
 */
export class FcoNodes extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-nodes',
    object: 'node',
    scopes: ['hardware:read'],
    list: listNodes,
    get: 'getNode',
    heading: (node) => node.name,
    columns: [
      'name',
      { field: 'clusterId', label: (t) => t.fields.clusterName, names: clusterChoices, width: 'minmax(10rem, 1fr)' },
      'state',
      'ipAddress',
      'cpuCores',
      'ramMb',
      'serverCount',
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', { field: 'clusterId', label: (t) => t.fields.clusterName, choices: clusterChoices }, 'state', 'ipAddress'],
    sort: ['name', 'ascending'],
    detail: ['description', 'createdAt'],
    actions: (action) => [
      action({
        id: 'node-maintenance',
        label: (t) => t.maintenance,
        scope: 'hardware:write',
        when: (node) => node.state !== 'MAINTENANCE',
        confirm: (t, node) => t.confirmMaintenance(isolate(node.name)),
        run: ({ client, item }) => client.hardware.updateNode({ nodeId: item.id, ifMatch: item, body: { state: 'MAINTENANCE' } }),
      }),
      action({
        id: 'node-resume',
        label: (t) => t.resume,
        scope: 'hardware:write',
        when: (node) => node.state === 'MAINTENANCE',
        confirm: (t, node) => t.confirmResume(isolate(node.name)),
        run: ({ client, item }) => client.hardware.updateNode({ nodeId: item.id, ifMatch: item, body: { state: 'RUNNING' } }),
      }),
      editNameAndDescription<HardwareNode>(updateNodeBody, (client, record, body) => client.hardware.updateNode({ nodeId: record.id, ifMatch: record, body })),
    ],
  });
}
