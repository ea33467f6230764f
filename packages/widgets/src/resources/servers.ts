import { listServers } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every server in the caller's scope, read only (starting, stopping and the like happen in the control panel):
 * status, size, node and customer; the detail lists its disks and network interfaces.
 *
 * @element fco-servers
 */
export class FcoServers extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-servers',
    object: 'server',
    scopes: ['resources:read'],
    list: listServers,
    get: 'getServer',
    heading: (server) => server.name,
    columns: [
      'name',
      'status',
      'cpu',
      'ramMb',
      'customerName',
      'nodeName',
      'resourceState',
      'createdAt',
      { field: 'imageId', hidden: true },
      { field: 'clusterId', hidden: true },
      { field: 'vdcId', hidden: true },
      { field: 'productOfferId', hidden: true },
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', 'customerName', 'status', 'resourceState', 'nodeName', 'createdAt'],
    sort: ['createdAt', 'descending'],
    detail: ['diskIds', 'nics'],
  });
}
