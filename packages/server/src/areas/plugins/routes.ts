import { defineArea } from '../area.js';
import { created, noContent, ok, type OperationContext } from '../../http/operation.js';
import { listRequest } from '../../http/list.js';
import { fixField } from '../../store/filter/evaluate.js';
import { ApiProblem } from '../../http/problem.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { apiKeyEntity } from '../identity/entity.js';
import { referenced } from '../references.js';
import { configurationProviderEntity, configurationSecrets, fdlCodeBlockEntity, type FdlCodeBlock } from './entity.js';
import {
  applyFdlCodeBlockPatch, applyValuesPatch, assertEditable, checkFdlCode, discardDeletes, mayEdit, discardDraft, newFdlCodeBlock, newProvider,
  providerDefinitions, redefineProvider, revertFdlCodeBlock, signFdlCodeBlock,
} from './domain.js';

/** Makes the block's configuration providers match what its signed code defines (inside the caller's transaction). */
export async function syncProviders(store: TenantStore, block: FdlCodeBlock, now: Date, newId: () => string = () => crypto.randomUUID()): Promise<void> {
  const providers = store.repository(configurationProviderEntity);
  const existing = await providers.findAll({ fdlCodeBlockId: block.id }, { internal: true });
  const definitions = providerDefinitions(block.signedCode);
  for (const provider of existing) {
    const definition = definitions.find((d) => d.functionName === provider.functionName);
    if (definition) await providers.update(provider.id, (current) => redefineProvider(current, definition, now));
    else await deleteProvider(store, provider.id);
  }
  for (const definition of definitions) {
    if (existing.some((provider) => provider.functionName === definition.functionName)) continue;
    await providers.insert({ ...newProvider(newId(), block, definition, now), functionName: definition.functionName });
  }
}

async function deleteProvider(store: TenantStore, id: string): Promise<void> {
  await store.records(configurationSecrets).delete({ provider_id: id });
  await store.repository(configurationProviderEntity).delete(id);
}

/** Deletes a block with its providers (and their secrets), in one transaction. */
async function deleteBlock(ctx: OperationContext, id: string, check?: (block: FdlCodeBlock) => void): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    await tx.repository(fdlCodeBlockEntity).delete(id, { ifMatch: ctx.ifMatch }, (block) => {
      assertEditable(asSeenBy(ctx)(block));
      check?.(block);
    });
    for (const provider of await tx.repository(configurationProviderEntity).findAll({ fdlCodeBlockId: id })) await deleteProvider(tx, provider.id);
  });
}

/** Who signs: the admin's email, or the API key's name. */
async function signerOf(ctx: OperationContext): Promise<string> {
  const me = ctx.me();
  if (me.apiKeyId) {
    const key = await ctx.repository(apiKeyEntity).find(me.apiKeyId);
    if (key) return key.name;
  }
  return me.staff.email;
}

/** A block as the caller sees it: `editable` is computed for the caller (the stored column is true for every block). */
function asSeenBy(ctx: OperationContext): (block: FdlCodeBlock) => FdlCodeBlock {
  const editable = mayEdit(ctx.me().scopes);
  return (block) => (block.editable === editable ? block : { ...block, editable });
}

export const pluginsArea = defineArea('plugins', {
  listFdlCodeBlocks: async (ctx) => {
    const request = await listRequest(ctx.op, ctx.query);
    // A filter on `editable` means it as the caller sees it, which is the same for all of the caller's blocks.
    if (request.filter) request.filter = fixField(request.filter, 'editable', mayEdit(ctx.me().scopes));
    const page = await ctx.repository(fdlCodeBlockEntity).list(request);
    return ok({ ...page, items: page.items.map(asSeenBy(ctx)) });
  },
  getFdlCodeBlock: async (ctx) => ok(asSeenBy(ctx)(await ctx.repository(fdlCodeBlockEntity).get(ctx.params.fdlCodeBlockId))),
  checkFdlCode: async (ctx) => ok(checkFdlCode(ctx.body.code)),
  createFdlCodeBlock: async (ctx) => {
    const me = ctx.me();
    const billingEntity = ctx.body.billingEntityId
      ? await referenced(ctx.repository(billingEntityEntity), ctx.body.billingEntityId, '/billingEntityId', 'billing entity')
      : me.billingEntity;
    const block = await ctx.repository(fdlCodeBlockEntity).insert(newFdlCodeBlock(crypto.randomUUID(), ctx.body, billingEntity, ctx.now));
    return created(block, `/v1/fdl-code-blocks/${block.id}`);
  },
  updateFdlCodeBlock: async (ctx) =>
    ok(await ctx.repository(fdlCodeBlockEntity).update(ctx.params.fdlCodeBlockId, (b) => applyFdlCodeBlockPatch(asSeenBy(ctx)(b), ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),
  deleteFdlCodeBlock: async (ctx) => {
    await deleteBlock(ctx, ctx.params.fdlCodeBlockId);
    return noContent();
  },
  revertFdlCodeBlock: async (ctx) =>
    ok(await ctx.repository(fdlCodeBlockEntity).update(ctx.params.fdlCodeBlockId, (b) => revertFdlCodeBlock(asSeenBy(ctx)(b), ctx.now), { ifMatch: ctx.ifMatch })),
  discardFdlCodeBlock: async (ctx) => {
    const id = ctx.params.fdlCodeBlockId;
    const current = await ctx.repository(fdlCodeBlockEntity).get(id);
    if (discardDeletes(current)) {
      // Re-checked inside the delete's transaction, so a block signed in between is not deleted.
      await deleteBlock(ctx, id, (block) => {
        if (!discardDeletes(block)) throw new ApiProblem('conflict', { detail: 'The block was signed meanwhile; discard again.' });
      });
      return noContent();
    }
    return ok(await ctx.repository(fdlCodeBlockEntity).update(id, (b) => discardDraft(asSeenBy(ctx)(b), ctx.now), { ifMatch: ctx.ifMatch }));
  },
  signFdlCodeBlock: async (ctx) => {
    const signer = await signerOf(ctx);
    const signed = await ctx.store.transaction(async (tx) => {
      const block = await tx.repository(fdlCodeBlockEntity).update(ctx.params.fdlCodeBlockId, (b) => signFdlCodeBlock(b, signer, ctx.now), { ifMatch: ctx.ifMatch });
      await syncProviders(tx, block, ctx.now);
      return block;
    });
    return ok(signed);
  },

  listConfigurationProviders: async (ctx) => ok(await ctx.list(configurationProviderEntity)),
  getConfigurationProvider: async (ctx) => ok(await ctx.repository(configurationProviderEntity).get(ctx.params.configurationProviderId)),
  updateConfigurationProvider: async (ctx) => {
    const id = ctx.params.configurationProviderId;
    const provider = await ctx.store.transaction(async (tx) => {
      let secrets: { set: Map<string, string>; clear: string[] } = { set: new Map(), clear: [] };
      const next = await tx.repository(configurationProviderEntity).update(id, (current) => {
        const change = applyValuesPatch(current, ctx.body, ctx.now);
        secrets = { set: change.setSecrets, clear: change.clearSecrets };
        return change.next;
      }, { ifMatch: ctx.ifMatch });
      const keys = [...secrets.set.keys(), ...secrets.clear];
      const stored = tx.records(configurationSecrets);
      if (keys.length) await stored.delete({ provider_id: id, value_key: keys });
      for (const [key, value] of secrets.set) await stored.insert({ provider_id: id, value_key: key, value });
      return next;
    });
    return ok(provider);
  },
});
