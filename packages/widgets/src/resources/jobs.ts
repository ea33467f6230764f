import { listJobs } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every job in the caller's scope, read only: what it did to which object, when, and how it ended.
 *
 * @element fco-jobs
 */
export class FcoJobs extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-jobs',
    object: 'job',
    scopes: ['resources:read'],
    list: listJobs,
    get: 'getJob',
    heading: (item) => item.name,
    columns: ['name', 'jobType', 'status', 'itemType', 'itemId', 'startedAt', 'endedAt', 'errorCode', { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'jobType', 'status', 'itemType', 'errorCode', 'startedAt'],
    sort: ['startedAt', 'descending'],
    detail: ['customerName', 'createdAt'],
  });
}
