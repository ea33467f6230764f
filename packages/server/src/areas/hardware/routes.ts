import { defineArea } from '../area.js';
import { ok } from '../../http/operation.js';
import { applyHardwarePatch, applyNodePatch } from './domain.js';
import { clusterEntity, ipPoolEntity, nodeEntity, storageUnitEntity } from './entity.js';

export const hardwareArea = defineArea('hardware', {
  listClusters: async (ctx) => ok(await ctx.list(clusterEntity)),
  getCluster: async (ctx) => ok(await ctx.repository(clusterEntity).get(ctx.params.clusterId)),
  updateCluster: async (ctx) =>
    ok(await ctx.repository(clusterEntity).update(ctx.params.clusterId, (c) => applyHardwarePatch(c, ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),

  listNodes: async (ctx) => ok(await ctx.list(nodeEntity)),
  getNode: async (ctx) => ok(await ctx.repository(nodeEntity).get(ctx.params.nodeId)),
  updateNode: async (ctx) =>
    ok(await ctx.repository(nodeEntity).update(ctx.params.nodeId, (n) => applyNodePatch(n, ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),

  listStorageUnits: async (ctx) => ok(await ctx.list(storageUnitEntity)),
  getStorageUnit: async (ctx) => ok(await ctx.repository(storageUnitEntity).get(ctx.params.storageUnitId)),
  updateStorageUnit: async (ctx) =>
    ok(await ctx.repository(storageUnitEntity).update(ctx.params.storageUnitId, (s) => applyHardwarePatch(s, ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),

  listIpPools: async (ctx) => ok(await ctx.list(ipPoolEntity)),
  getIpPool: async (ctx) => ok(await ctx.repository(ipPoolEntity).get(ctx.params.ipPoolId)),
  updateIpPool: async (ctx) =>
    ok(await ctx.repository(ipPoolEntity).update(ctx.params.ipPoolId, (p) => applyHardwarePatch(p, ctx.body, ctx.now), { ifMatch: ctx.ifMatch })),
});
