import { listIpPools, updateIpPoolBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { clusterChoices } from '../widget/choices.js';
import type { IpPool } from '../api/types.js';
import { editNameAndDescription } from './edit.js';

/**
 * The platform's IP address pools (licensee only): network type, version, range and how many addresses are still
 * free. Edit the name and description.
 *
 * @element fco-ip-pools
 */
export class FcoIpPools extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-ip-pools',
    object: 'ip-pool',
    scopes: ['hardware:read'],
    list: listIpPools,
    get: 'getIpPool',
    heading: (pool) => pool.name,
    columns: [
      'name',
      { field: 'clusterId', label: (t) => t.fields.clusterName, names: clusterChoices, width: 'minmax(10rem, 1fr)' },
      'networkType',
      'ipVersion',
      'cidr',
      { field: 'rangeStart', label: (t) => t.fields.range, width: 'minmax(14rem, 2fr)', render: (pool) => `${pool.rangeStart} – ${pool.rangeEnd}` },
      'gateway',
      {
        field: 'freeAddresses',
        width: '11rem',
        render: (pool, l) => l.messages.ofTotal(l.number(pool.freeAddresses), l.number(pool.totalAddresses)),
      },
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', { field: 'clusterId', label: (t) => t.fields.clusterName, choices: clusterChoices }, 'networkType', 'ipVersion', 'cidr'],
    sort: ['name', 'ascending'],
    detail: ['description', 'rangeEnd', 'totalAddresses', 'createdAt'],
    actions: () => [
      editNameAndDescription<IpPool>(updateIpPoolBody, (client, record, body) => client.hardware.updateIpPool({ ipPoolId: record.id, ifMatch: record, body })),
    ],
  });
}
