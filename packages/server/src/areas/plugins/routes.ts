import { defineArea } from '../area.js';
import { created, noContent, ok, type OperationContext } from '../../http/operation.js';
import { listRequest } from '../../http/list.js';
import { fixField } from '../../store/filter/evaluate.js';
import { ApiProblem } from '../../http/problem.js';
import type { Store } from '../../store/store.js';
import type { TenantScope } from '../../store/scope.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { referenced } from '../references.js';
import { configurationProviderEntity, fdlCodeBlockEntity, type FdlCodeBlock } from './entity.js';
import {
  applyFdlCodeBlockPatch, applyValuesPatch, assertEditable, checkFdlCode, discardDeletes, mayEdit, discardDraft, newFdlCodeBlock, newProvider,
  providerDefinitions, redefineProvider, revertFdlCodeBlock, signFdlCodeBlock,
} from './domain.js';

/** Makes the block's configuration providers match what its signed code defines (inside the caller's transaction). */
export async function syncProviders(
  store: Store,
  scope: TenantScope,
  block: FdlCodeBlock,
  now: Date,
  newId: () => string = () => crypto.randomUUID(),
): Promise<void> {
  const providers = store.repository(configurationProviderEntity, scope);
  const existing = await store.db
    .selectFrom('configuration_providers')
    .select(['id', 'function_name'])
    .where('fdl_code_block_id', '=', block.id)
    .execute();
  const definitions = providerDefinitions(block.signedCode);
  for (const row of existing) {
    const definition = definitions.find((d) => d.functionName === row.function_name);
    if (definition) await providers.update(String(row.id), (current) => redefineProvider(current, definition, now));
    else await deleteProviders(store, [String(row.id)]);
  }
  for (const definition of definitions) {
    if (existing.some((row) => row.function_name === definition.functionName)) continue;
    await providers.insert(newProvider(newId(), block, definition, now), { function_name: definition.functionName });
  }
}

async function deleteProviders(store: Store, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await store.db.deleteFrom('configuration_secrets').where('provider_id', 'in', ids).execute();
  await store.db.deleteFrom('configuration_providers').where('id', 'in', ids).execute();
}

/** Deletes a block with its providers (and their secrets), in one transaction. */
async function deleteBlock(ctx: OperationContext, id: string, check?: (block: FdlCodeBlock) => void): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    await tx.repository(fdlCodeBlockEntity, ctx.me().tenancy).delete(id, { ifMatch: ctx.ifMatch }, (block) => {
      assertEditable(asSeenBy(ctx)(block));
      check?.(block);
    });
    const providers = await tx.db.selectFrom('configuration_providers').select('id').where('fdl_code_block_id', '=', id).execute();
    await deleteProviders(tx, providers.map((p) => String(p.id)));
  });
}

/** Who signs: the admin's email, or the API key's name. */
async function signerOf(ctx: OperationContext): Promise<string> {
  const me = ctx.me();
  if (me.apiKeyId) {
    const key = await ctx.store.db.selectFrom('api_keys').select('name').where('id', '=', me.apiKeyId).executeTakeFirst();
    if (key) return String(key.name);
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
    const billingEntityId = ctx.body.billingEntityId
      ? (await referenced(ctx.repository(billingEntityEntity), ctx.body.billingEntityId, '/billingEntityId', 'billing entity')).id
      : me.billingEntity.id;
    const block = await ctx.repository(fdlCodeBlockEntity).insert(newFdlCodeBlock(crypto.randomUUID(), ctx.body, billingEntityId, ctx.now));
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
      const scope = ctx.me().tenancy;
      const block = await tx.repository(fdlCodeBlockEntity, scope).update(ctx.params.fdlCodeBlockId, (b) => signFdlCodeBlock(b, signer, ctx.now), { ifMatch: ctx.ifMatch });
      await syncProviders(tx, scope, block, ctx.now);
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
      const next = await tx.repository(configurationProviderEntity, ctx.me().tenancy).update(id, (current) => {
        const change = applyValuesPatch(current, ctx.body, ctx.now);
        secrets = { set: change.setSecrets, clear: change.clearSecrets };
        return change.next;
      }, { ifMatch: ctx.ifMatch });
      const keys = [...secrets.set.keys(), ...secrets.clear];
      if (keys.length) await tx.db.deleteFrom('configuration_secrets').where('provider_id', '=', id).where('value_key', 'in', keys).execute();
      for (const [key, value] of secrets.set) await tx.db.insertInto('configuration_secrets').values({ provider_id: id, value_key: key, value }).execute();
      return next;
    });
    return ok(provider);
  },
});
