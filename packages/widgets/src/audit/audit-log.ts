import { listAuditRecords } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * The audit trail, read only: every write made through the API in the caller's scope (the licensee's admins see
 * everything, a billing entity's admins their own), newest first — when, who, which operation on which object, and
 * how it ended. Filter by outcome, operation, admin and date; a record's detail names the request id (to find it in
 * the server's log) and, for a refused attempt, the problem code. Records cannot be changed.
 *
 * @element fco-audit-log
 */
export class FcoAuditLog extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-audit-log',
    object: 'audit-record',
    scopes: ['audit:read'],
    list: listAuditRecords,
    get: 'getAuditRecord',
    heading: (record) => record.operationId,
    columns: [
      'occurredAt',
      { field: 'actorEmail', width: 'minmax(10rem, 1.5fr)' },
      { field: 'operationId', width: 'minmax(10rem, 1.5fr)' },
      { field: 'objectType', width: '10rem' },
      { field: 'objectId', width: 'minmax(8rem, 1fr)' },
      { field: 'outcome', width: '8rem' },
      { field: 'status', hidden: true },
      { field: 'tokenType', hidden: true },
    ],
    filters: ['outcome', 'operationId', 'actorEmail', 'occurredAt'],
    sort: ['occurredAt', 'descending'],
    detail: ['status', 'problemCode', 'requestId', 'method', 'path', 'tokenType', 'apiKeyId', 'sessionId', 'origin', 'billingEntityId'],
  });
}
