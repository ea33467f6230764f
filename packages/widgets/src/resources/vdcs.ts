import { listVdcs } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every virtual data centre in the caller's scope, read only, with its servers, disks and networks counted.
 *
 * @element fco-vdcs
 */
export class FcoVdcs extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-vdcs',
    object: 'vdc',
    scopes: ['resources:read'],
    list: listVdcs,
    get: 'getVdc',
    heading: (item) => item.name,
    columns: ['name', 'serverCount', 'diskCount', 'networkCount', 'customerName', 'createdAt', { field: 'resourceState', hidden: true }, { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'resourceState', 'createdAt'],
    sort: ['name', 'ascending'],
    detail: ['clusterId'],
  });
}
