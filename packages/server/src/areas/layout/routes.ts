import { defineArea } from '../area.js';
import { ok } from '../../http/operation.js';
import { assertValidTabs } from './domain.js';
import { readLayout, resetLayout, saveLayout } from './store.js';

export const layoutArea = defineArea('layout', {
  getLayout: async (ctx) => {
    const me = ctx.me();
    return ok(await readLayout(ctx.store, me.staff.id, me));
  },
  replaceLayout: async (ctx) => {
    const me = ctx.me();
    assertValidTabs(ctx.body.tabs, me.role);
    return ok(await saveLayout(ctx.store, me.staff.id, me, ctx.body.tabs, ctx.ifMatch, ctx.now));
  },
  resetLayout: async (ctx) => {
    const me = ctx.me();
    return ok(await resetLayout(ctx.store, me.staff.id, me, ctx.ifMatch));
  },
});
