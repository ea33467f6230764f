import { listSnapshots } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every disk and server snapshot in the caller's scope, read only.
 *
 * @element fco-snapshots
 */
export class FcoSnapshots extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-snapshots',
    object: 'snapshot',
    scopes: ['resources:read'],
    list: listSnapshots,
    get: 'getSnapshot',
    heading: (item) => item.name,
    columns: ['name', 'type', 'sourceId', 'sizeGb', 'customerName', 'resourceState', 'createdAt', { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'type', 'resourceState', 'sizeGb', 'createdAt'],
    sort: ['createdAt', 'descending'],
    detail: ['clusterId', 'vdcId'],
  });
}
