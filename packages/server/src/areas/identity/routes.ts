import { defineArea } from '../area.js';
import { created, noContent, ok } from '../../http/operation.js';
import { principalRepresentation } from '../../identity/principal.js';
import { apiKeyEntity } from './entity.js';
import { createApiKey, createEmbedSession, logIn, logOut } from './domain.js';

export const identityArea = defineArea('identity', {
  createSession: async (ctx) =>
    created(
      await logIn(ctx.store, {
        signer: ctx.services.signer,
        now: ctx.now,
        ttlSeconds: ctx.services.sessionTtlSeconds,
        tree: ctx.services.billingTree,
        beginSignIn: (email) => ctx.services.beginSignIn(email, ctx.services.clientAddress(ctx.hono), ctx.now),
      }, ctx.body),
    ),
  deleteCurrentSession: async (ctx) => {
    await logOut(ctx.store, ctx.me());
    return noContent();
  },
  getMe: async (ctx) => ok(principalRepresentation(ctx.me())),
  listApiKeys: async (ctx) => ok(await ctx.list(apiKeyEntity)),
  createApiKey: async (ctx) => {
    const result = await createApiKey(ctx.store, ctx.me(), ctx.now, ctx.body);
    return created(result, `/v1/api-keys/${result.apiKey.id}`);
  },
  getApiKey: async (ctx) => ok(await ctx.repository(apiKeyEntity).get(ctx.params.apiKeyId)),
  revokeApiKey: async (ctx) => {
    await ctx.repository(apiKeyEntity).update(ctx.params.apiKeyId, (key) => ({ ...key, revoked: true }), { ifMatch: ctx.ifMatch });
    return noContent();
  },
  createEmbedSession: async (ctx) => created(await createEmbedSession(ctx.store, ctx.services.signer, ctx.me(), ctx.now, ctx.body)),
});
