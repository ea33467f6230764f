import { listDeploymentInstances } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every deployment instance in the caller's scope, read only; its status follows its servers'.
 *
 * @element fco-deployment-instances
 */
export class FcoDeploymentInstances extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-deployment-instances',
    object: 'deployment-instance',
    scopes: ['resources:read'],
    list: listDeploymentInstances,
    get: 'getDeploymentInstance',
    heading: (item) => item.name,
    columns: ['name', 'status', 'deploymentTemplateId', 'serverCount', 'customerName', 'createdAt', { field: 'resourceState', hidden: true }, { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'status', 'resourceState', 'createdAt'],
    sort: ['createdAt', 'descending'],
    detail: ['clusterId', 'vdcId', 'serverIds', 'networkIds'],
  });
}
