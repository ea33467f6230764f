import { listDeploymentTemplates } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every deployment template in the caller's scope, read only, with how many servers, networks and instances it has.
 *
 * @element fco-deployment-templates
 */
export class FcoDeploymentTemplates extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-deployment-templates',
    object: 'deployment-template',
    scopes: ['resources:read'],
    list: listDeploymentTemplates,
    get: 'getDeploymentTemplate',
    heading: (item) => item.name,
    columns: ['name', 'serverCount', 'networkCount', 'instanceCount', 'customerName', 'createdAt', { field: 'resourceState', hidden: true }, { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'resourceState', 'createdAt'],
    sort: ['name', 'ascending'],
    detail: ['description'],
  });
}
