import { defineArea } from '../area.js';
import { ok } from '../../http/operation.js';
import { auditRecordEntity } from './entity.js';

export const auditArea = defineArea('audit', {
  listAuditRecords: async (ctx) => ok(await ctx.list(auditRecordEntity)),
  getAuditRecord: async (ctx) => ok(await ctx.repository(auditRecordEntity).get(ctx.params.auditRecordId)),
});
