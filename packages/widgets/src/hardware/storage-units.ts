import { html } from 'lit';
import { listStorageUnits, updateStorageUnitBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { clusterChoices } from '../widget/choices.js';
import type { StorageUnit } from '../api/types.js';
import { editNameAndDescription } from './edit.js';

/**
 * The platform's storage units (licensee only): type, state, and how full each is, as a meter of used against
 * capacity. Edit the name and description.
 *
 * @element fco-storage-units
 */
export class FcoStorageUnits extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-storage-units',
    object: 'storage-unit',
    scopes: ['hardware:read'],
    list: listStorageUnits,
    get: 'getStorageUnit',
    heading: (unit) => unit.name,
    columns: [
      'name',
      { field: 'clusterId', label: (t) => t.fields.clusterName, names: clusterChoices, width: 'minmax(10rem, 1fr)' },
      'type',
      'state',
      {
        field: 'usedGb',
        label: (t) => t.fields.usage,
        width: '16rem',
        render: (unit, l) => {
          const share = unit.capacityGb > 0 ? unit.usedGb / unit.capacityGb : 0;
          const text = l.messages.ofTotal(l.number(unit.usedGb), `${l.number(unit.capacityGb)} GB`);
          return html`<meter min="0" max=${unit.capacityGb} value=${unit.usedGb} high=${unit.capacityGb * 0.85} aria-label=${`${text} (${l.messages.used(l.percent(share))})`}></meter>
            <span>${text}</span>`;
        },
      },
      'capacityGb',
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', { field: 'clusterId', label: (t) => t.fields.clusterName, choices: clusterChoices }, 'type', 'state'],
    sort: ['name', 'ascending'],
    detail: ['description', 'createdAt'],
    actions: () => [
      editNameAndDescription<StorageUnit>(updateStorageUnitBody, (client, record, body) => client.hardware.updateStorageUnit({ storageUnitId: record.id, ifMatch: record, body })),
    ],
  });
}
