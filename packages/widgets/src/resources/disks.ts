import { listDisks } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every disk in the caller's scope, read only: size, whether it is attached (and to which server), ISO images.
 *
 * @element fco-disks
 */
export class FcoDisks extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-disks',
    object: 'disk',
    scopes: ['resources:read'],
    list: listDisks,
    get: 'getDisk',
    heading: (item) => item.name,
    columns: ['name', 'status', 'sizeGb', 'serverId', 'iso', 'customerName', 'resourceState', 'createdAt', { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'status', 'resourceState', 'iso', 'sizeGb', 'createdAt'],
    sort: ['createdAt', 'descending'],
    detail: ['clusterId', 'vdcId', 'productOfferId'],
  });
}
