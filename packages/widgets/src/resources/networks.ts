import { listNetworks } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every network in the caller's scope, read only; the detail lists its subnets.
 *
 * @element fco-networks
 */
export class FcoNetworks extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-networks',
    object: 'network',
    scopes: ['resources:read'],
    list: listNetworks,
    get: 'getNetwork',
    heading: (item) => item.name,
    columns: ['name', 'networkType', 'customerName', 'resourceState', 'createdAt', { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'networkType', 'resourceState', 'createdAt'],
    sort: ['createdAt', 'descending'],
    detail: ['clusterId', 'vdcId', 'subnets'],
  });
}
