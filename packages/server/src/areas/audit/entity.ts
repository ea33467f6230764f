/**
 * Audit records: owned by the billing entity of the admin who acted, newest first. Written only by the operation
 * pipeline (http/operation.ts); no operation updates or deletes them.
 */
import { specEntity } from '../../store/spec-entity.js';
import type { AuditRecord } from './record.js';

export const auditRecordEntity = specEntity<AuditRecord>({
  name: 'audit record',
  table: 'audit_records',
  listOperation: 'listAuditRecords',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'occurredAt', desc: true }],
  // What a trail is searched by: one request, one object, one admin.
  lookups: ['requestId', 'objectId', 'actorUserId'],
});
