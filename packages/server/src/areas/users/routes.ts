import { defineArea } from '../area.js';
import { created, noContent, ok } from '../../http/operation.js';
import { userEntity } from './entity.js';
import { createUser, deleteUser, setLocked, updateUser } from './domain.js';

export const usersArea = defineArea('users', {
  listUsers: async (ctx) => ok(await ctx.list(userEntity)),
  getUser: async (ctx) => ok(await ctx.repository(userEntity).get(ctx.params.userId)),
  createUser: async (ctx) => {
    const user = await createUser(ctx.store, ctx.body, ctx.now);
    return created(user, `/v1/users/${user.id}`);
  },
  updateUser: async (ctx) => ok(await updateUser(ctx.store, ctx.params.userId, ctx.body, ctx.ifMatch, ctx.now)),
  deleteUser: async (ctx) => {
    await deleteUser(ctx.store, ctx.params.userId, ctx.ifMatch, ctx.now);
    return noContent();
  },
  lockUser: async (ctx) =>
    ok(await ctx.repository(userEntity).update(ctx.params.userId, (u) => setLocked(u, true, ctx.now), { ifMatch: ctx.ifMatch })),
  unlockUser: async (ctx) =>
    ok(await ctx.repository(userEntity).update(ctx.params.userId, (u) => setLocked(u, false, ctx.now), { ifMatch: ctx.ifMatch })),
});
