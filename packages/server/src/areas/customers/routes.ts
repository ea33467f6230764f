import { defineArea } from '../area.js';
import { created, noContent, ok } from '../../http/operation.js';
import { customerEntity } from './entity.js';
import { approve, changeStatus, createCustomer, deleteCustomer, reject, signUp, updateCustomer } from './domain.js';

export const customersArea = defineArea('customers', {
  listCustomers: async (ctx) => ok(await ctx.list(customerEntity)),
  getCustomer: async (ctx) => ok(await ctx.repository(customerEntity).get(ctx.params.customerId)),
  createCustomer: async (ctx) => {
    const me = ctx.me();
    const customer = await createCustomer(ctx.store, me.billingEntity.id, ctx.body, ctx.now);
    return created(customer, `/v1/customers/${customer.id}`);
  },
  updateCustomer: async (ctx) =>
    ok(await updateCustomer(ctx.store, ctx.params.customerId, ctx.body, ctx.ifMatch, ctx.now)),
  deleteCustomer: async (ctx) => {
    await deleteCustomer(ctx.store, ctx.params.customerId, ctx.ifMatch, ctx.now);
    return noContent();
  },
  changeCustomerStatus: async (ctx) =>
    ok(await ctx.repository(customerEntity).update(ctx.params.customerId, (c) => changeStatus(c, ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),
  approveCustomer: async (ctx) =>
    ok(await ctx.repository(customerEntity).update(ctx.params.customerId, (c) => approve(c, ctx.now), { ifMatch: ctx.ifMatch })),
  rejectCustomer: async (ctx) =>
    ok(await ctx.repository(customerEntity).update(ctx.params.customerId, (c) => reject(c, ctx.body.reason, ctx.now), { ifMatch: ctx.ifMatch })),
  signUpCustomer: async (ctx) => created(await signUp(ctx.store, ctx.params.billingEntityId, ctx.body, ctx.now)),
});
