/**
 * The demo platform's hardware: three clusters on different hypervisors (one ACTIVE, one in MAINTENANCE, one legacy
 * cluster DISABLED and being drained), their nodes, storage units and IP pools, covering every state. Ids are stable
 * (`demoClusterId(n)`), so other seed steps place their resources on these clusters. The server counts and free
 * addresses are filled in by the resources step once servers and networks exist (`recordHardwareUsage`).
 */
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import { stableId } from '../../seed/random.js';
import { entityRows, insertRows } from '../../store/bulk.js';
import type { Db } from '../../store/database.js';
import { addressCount, ipv4ToNumber } from './addresses.js';
import { clusterEntity, ipPoolEntity, nodeEntity, storageUnitEntity, type Cluster, type HardwareNode, type IpPool, type StorageUnit } from './entity.js';

const DAY_MS = 86400_000;

export const demoClusterId = (n: number) => stableId(`cluster:${n}`);

interface DemoCluster {
  n: number;
  name: string;
  hostPrefix: string;
  hypervisor: Cluster['hypervisor'];
  status: Cluster['status'];
  description: string | null;
  ageDays: number;
  nodes: Array<{ state: HardwareNode['state']; cpuCores: number; ramGb: number; description?: string }>;
  storage: Array<Pick<StorageUnit, 'name' | 'type' | 'state' | 'capacityGb'> & { used: number; description?: string }>;
  pools: Array<Pick<IpPool, 'name' | 'networkType' | 'ipVersion' | 'cidr' | 'rangeStart' | 'rangeEnd' | 'gateway'> & { used: number }>;
}

export const DEMO_CLUSTERS: readonly DemoCluster[] = [
  {
    n: 1, name: 'Edinburgh KVM', hostPrefix: 'kvm-edi', hypervisor: 'KVM', status: 'ACTIVE', description: null, ageDays: 1000,
    nodes: [
      { state: 'RUNNING', cpuCores: 64, ramGb: 512 }, { state: 'RUNNING', cpuCores: 64, ramGb: 512 },
      { state: 'RUNNING', cpuCores: 64, ramGb: 512 }, { state: 'RUNNING', cpuCores: 96, ramGb: 768 },
      { state: 'MAINTENANCE', cpuCores: 64, ramGb: 512, description: 'Memory replacement on 2026-11-24.' },
      { state: 'ERROR', cpuCores: 48, ramGb: 384, description: 'Fails health checks since 2026-10-30; vendor ticket open.' },
    ],
    storage: [
      { name: 'Edinburgh Ceph A', type: 'CEPH', state: 'RUNNING', capacityGb: 400_000, used: 0.62 },
      { name: 'Edinburgh Ceph B', type: 'CEPH', state: 'MAINTENANCE', capacityGb: 200_000, used: 0.41, description: 'Rebalancing after two new OSD hosts.' },
      { name: 'Edinburgh local SSD', type: 'LOCAL', state: 'RUNNING', capacityGb: 24_000, used: 0.18 },
    ],
    pools: [
      { name: 'Edinburgh public IPv4', networkType: 'PUBLIC', ipVersion: 'IPV4', cidr: '198.18.0.0/16', rangeStart: '198.18.0.8', rangeEnd: '198.18.255.254', gateway: '198.18.0.1', used: 0 },
      { name: 'Edinburgh public IPv6', networkType: 'PUBLIC', ipVersion: 'IPV6', cidr: '2001:db8:100::/48', rangeStart: '2001:db8:100::100', rangeEnd: '2001:db8:100:ffff:ffff:ffff:ffff:ffff', gateway: '2001:db8:100::1', used: 0.000001 },
      { name: 'Edinburgh private', networkType: 'PRIVATE', ipVersion: 'IPV4', cidr: '10.16.0.0/12', rangeStart: '10.16.0.1', rangeEnd: '10.31.255.254', gateway: null, used: 0.05 },
      { name: 'Edinburgh service network', networkType: 'SERVICE', ipVersion: 'IPV4', cidr: '100.64.0.0/22', rangeStart: '100.64.0.10', rangeEnd: '100.64.3.250', gateway: '100.64.0.1', used: 0.3 },
    ],
  },
  {
    n: 2, name: 'London VMware', hostPrefix: 'esx-lon', hypervisor: 'VMWARE', status: 'MAINTENANCE', ageDays: 700,
    description: 'vSphere upgrade to 8.0 U3 in progress: existing servers keep running, new ones go to Edinburgh.',
    nodes: [
      { state: 'RUNNING', cpuCores: 48, ramGb: 384 }, { state: 'RUNNING', cpuCores: 48, ramGb: 384 },
      { state: 'RUNNING', cpuCores: 48, ramGb: 384 },
      { state: 'OFFLINE', cpuCores: 48, ramGb: 384, description: 'Powered off for the vSphere upgrade.' },
    ],
    storage: [
      { name: 'London iSCSI SAN', type: 'ISCSI', state: 'RUNNING', capacityGb: 150_000, used: 0.71 },
      { name: 'London NFS backups', type: 'NFS', state: 'ERROR', capacityGb: 80_000, used: 0.93, description: 'Filer reports a degraded RAID group.' },
    ],
    pools: [
      { name: 'London public IPv4', networkType: 'PUBLIC', ipVersion: 'IPV4', cidr: '198.19.0.0/17', rangeStart: '198.19.0.8', rangeEnd: '198.19.127.254', gateway: '198.19.0.1', used: 0 },
      { name: 'London interworking', networkType: 'INTERWORKING', ipVersion: 'IPV4', cidr: '172.20.0.0/24', rangeStart: '172.20.0.10', rangeEnd: '172.20.0.250', gateway: '172.20.0.1', used: 0.4 },
      { name: 'London private', networkType: 'PRIVATE', ipVersion: 'IPV4', cidr: '10.32.0.0/12', rangeStart: '10.32.0.1', rangeEnd: '10.47.255.254', gateway: null, used: 0.02 },
    ],
  },
  {
    n: 3, name: 'Amsterdam Xen', hostPrefix: 'xen-ams', hypervisor: 'XEN4', status: 'DISABLED', ageDays: 1400,
    description: 'Legacy Xen 4 cluster, being drained into Edinburgh KVM; takes no new resources.',
    nodes: [
      { state: 'RUNNING', cpuCores: 24, ramGb: 192 }, { state: 'RUNNING', cpuCores: 24, ramGb: 192 },
      { state: 'OFFLINE', cpuCores: 24, ramGb: 192, description: 'Decommissioned.' },
    ],
    storage: [
      { name: 'Amsterdam local disks', type: 'LOCAL', state: 'RUNNING', capacityGb: 12_000, used: 0.55 },
      { name: 'Amsterdam NFS', type: 'NFS', state: 'OFFLINE', capacityGb: 40_000, used: 0.2, description: 'Emptied; awaiting removal.' },
    ],
    pools: [
      { name: 'Amsterdam public IPv4', networkType: 'PUBLIC', ipVersion: 'IPV4', cidr: '198.19.128.0/17', rangeStart: '198.19.128.8', rangeEnd: '198.19.255.254', gateway: '198.19.128.1', used: 0 },
      { name: 'Amsterdam routed IP', networkType: 'IP', ipVersion: 'IPV4', cidr: '192.0.2.0/24', rangeStart: '192.0.2.16', rangeEnd: '192.0.2.239', gateway: '192.0.2.1', used: 0.5 },
    ],
  },
];

export const demoNodeName = (cluster: DemoCluster, index: number) => `${cluster.hostPrefix}-${String(index + 1).padStart(2, '0')}.hosts.licensee.demo`;
const nodeId = (cluster: DemoCluster, index: number) => stableId(`node:${cluster.n}:${index + 1}`);
export const demoPublicPoolId = (clusterN: number) => stableId(`ip-pool:${clusterN}:public-ipv4`);

/** The public IPv4 pool of a demo cluster: customer PUBLIC networks get their subnets from it. */
export function demoPublicPool(clusterN: number) {
  const pool = DEMO_CLUSTERS.find((c) => c.n === clusterN)!.pools.find((p) => p.networkType === 'PUBLIC' && p.ipVersion === 'IPV4')!;
  return { id: demoPublicPoolId(clusterN), start: ipv4ToNumber(pool.rangeStart), end: ipv4ToNumber(pool.rangeEnd) };
}

function poolId(cluster: DemoCluster, pool: DemoCluster['pools'][number]) {
  return pool.networkType === 'PUBLIC' && pool.ipVersion === 'IPV4' ? demoPublicPoolId(cluster.n) : stableId(`ip-pool:${cluster.n}:${pool.name}`);
}

export function demoHardware(now: Date) {
  const clusters: Cluster[] = [];
  const nodes: HardwareNode[] = [];
  const storageUnits: StorageUnit[] = [];
  const ipPools: IpPool[] = [];
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  for (const c of DEMO_CLUSTERS) {
    const createdAt = at(c.ageDays);
    const updatedAt = at(c.n * 3);
    clusters.push({
      id: demoClusterId(c.n), name: c.name, description: c.description, hypervisor: c.hypervisor, status: c.status,
      nodeCount: c.nodes.length, serverCount: 0, createdAt, updatedAt,
    });
    c.nodes.forEach((node, i) => nodes.push({
      id: nodeId(c, i), name: demoNodeName(c, i), description: node.description ?? null, clusterId: demoClusterId(c.n),
      state: node.state, ipAddress: `10.${c.n}.0.${11 + i}`, cpuCores: node.cpuCores, ramMb: node.ramGb * 1024, serverCount: 0,
      createdAt: at(c.ageDays - i * 20), updatedAt: node.description ? at(i + 1) : updatedAt,
    }));
    c.storage.forEach((unit, i) => storageUnits.push({
      id: stableId(`storage-unit:${c.n}:${i + 1}`), name: unit.name, description: unit.description ?? null, clusterId: demoClusterId(c.n),
      type: unit.type, state: unit.state, capacityGb: unit.capacityGb, usedGb: Math.round(unit.capacityGb * unit.used),
      createdAt: at(c.ageDays - 1), updatedAt: at(i),
    }));
    for (const pool of c.pools) {
      const { used, ...fields } = pool;
      const total = addressCount(pool.rangeStart, pool.rangeEnd);
      ipPools.push({
        id: poolId(c, pool), ...fields, description: null, clusterId: demoClusterId(c.n),
        totalAddresses: total, freeAddresses: total - Math.round(total * used),
        createdAt: at(c.ageDays - 2), updatedAt: updatedAt,
      });
    }
  }
  return { clusters, nodes, storageUnits, ipPools };
}

export const hardwareSeed: SeedStep = {
  name: 'hardware',
  async run(context: SeedContext) {
    const hardware = demoHardware(context.now);
    await context.store.transaction(async (tx) => {
      await insertRows(tx.db, 'clusters', entityRows(clusterEntity, hardware.clusters));
      await insertRows(tx.db, 'hardware_nodes', entityRows(nodeEntity, hardware.nodes));
      await insertRows(tx.db, 'storage_units', entityRows(storageUnitEntity, hardware.storageUnits));
      await insertRows(tx.db, 'ip_pools', entityRows(ipPoolEntity, hardware.ipPools));
    });
    context.progress('hardware', 1, 1);
  },
};

export interface HardwareUsage {
  serversByCluster: Map<string, number>;
  serversByNodeName: Map<string, number>;
  /** Addresses handed out of a pool to customer networks. */
  addressesByPool: Map<string, number>;
}

/** Records what the seeded resources use, so hardware counts agree with them. */
export async function recordHardwareUsage(db: Db, usage: HardwareUsage): Promise<void> {
  for (const [id, count] of usage.serversByCluster) await db.updateTable('clusters').set({ server_count: count }).where('id', '=', id).execute();
  for (const [name, count] of usage.serversByNodeName) await db.updateTable('hardware_nodes').set({ server_count: count }).where('name', '=', name).execute();
  for (const [id, count] of usage.addressesByPool) {
    const row = await db.selectFrom('ip_pools').select('total_addresses').where('id', '=', id).executeTakeFirst();
    if (row) await db.updateTable('ip_pools').set({ free_addresses: Math.max(0, Number(row.total_addresses) - count) }).where('id', '=', id).execute();
  }
}
