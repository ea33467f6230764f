/**
 * Hardware: clusters, nodes, storage units and IP pools. Platform data that no billing entity owns (no scope column):
 * only the `hardware:*` scopes, which BE admins never hold, guard it.
 */
import type { Schema } from '../../spec/types.js';
import { specEntity } from '../../store/spec-entity.js';

export type Cluster = Schema<'Cluster'>;
export type HardwareNode = Schema<'HardwareNode'>;
export type StorageUnit = Schema<'StorageUnit'>;
export type IpPool = Schema<'IpPool'>;

export const clusterEntity = specEntity<Cluster>({
  name: 'cluster', table: 'clusters', listOperation: 'listClusters', scopeField: null,
  defaultOrder: [{ field: 'name', desc: false }],
});

export const nodeEntity = specEntity<HardwareNode>({
  name: 'node', table: 'hardware_nodes', listOperation: 'listNodes', scopeField: null,
  defaultOrder: [{ field: 'name', desc: false }], lookups: ['clusterId'],
});

export const storageUnitEntity = specEntity<StorageUnit>({
  name: 'storage unit', table: 'storage_units', listOperation: 'listStorageUnits', scopeField: null,
  defaultOrder: [{ field: 'name', desc: false }], lookups: ['clusterId'],
});

export const ipPoolEntity = specEntity<IpPool>({
  name: 'IP pool', table: 'ip_pools', listOperation: 'listIpPools', scopeField: null,
  defaultOrder: [{ field: 'name', desc: false }], lookups: ['clusterId'],
});

export const hardwareEntities = [clusterEntity, nodeEntity, storageUnitEntity, ipPoolEntity] as const;
