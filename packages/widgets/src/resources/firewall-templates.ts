import { listFirewallTemplates } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every firewall template in the caller's scope, read only; the detail lists its rules in order.
 *
 * @element fco-firewall-templates
 */
export class FcoFirewallTemplates extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-firewall-templates',
    object: 'firewall-template',
    scopes: ['resources:read'],
    list: listFirewallTemplates,
    get: 'getFirewallTemplate',
    heading: (item) => item.name,
    columns: ['name', 'ipVersion', 'defaultInAction', 'defaultOutAction', 'ruleCount', 'customerName', 'createdAt', { field: 'resourceState', hidden: true }, { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'ipVersion', 'defaultInAction', 'defaultOutAction', 'resourceState', 'createdAt'],
    sort: ['name', 'ascending'],
    detail: ['rules'],
  });
}
