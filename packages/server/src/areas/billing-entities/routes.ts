import { defineArea } from '../area.js';
import { created, noContent, ok } from '../../http/operation.js';
import { billingEntityEntity } from './entity.js';
import { createBillingEntity, deleteBillingEntity, updateBillingEntity } from './domain.js';

export const billingEntitiesArea = defineArea('billing-entities', {
  listBillingEntities: async (ctx) => ok(await ctx.list(billingEntityEntity)),
  getBillingEntity: async (ctx) => ok(await ctx.repository(billingEntityEntity).get(ctx.params.billingEntityId)),
  createBillingEntity: async (ctx) => {
    const billingEntity = await createBillingEntity(ctx.store, ctx.me(), ctx.body, ctx.now);
    return created(billingEntity, `/v1/billing-entities/${billingEntity.id}`);
  },
  updateBillingEntity: async (ctx) =>
    ok(await updateBillingEntity(ctx.store, ctx.me(), ctx.params.billingEntityId, ctx.body, ctx.ifMatch, ctx.now)),
  deleteBillingEntity: async (ctx) => {
    await deleteBillingEntity(ctx.store, ctx.params.billingEntityId, ctx.ifMatch);
    return noContent();
  },
});
