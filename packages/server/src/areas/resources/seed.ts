/**
 * Demo resources for a bounded number of customers (the first SEEDED_CUSTOMER_LIMIT by id that are not awaiting
 * approval), so a million-customer seed stays fast, plus the platform's own jobs (nodes, clusters, storage, images,
 * billing entities). Runs after the hardware and images steps: servers sit on the demo clusters' nodes and refer to
 * the demo images; the hardware's server counts and free addresses are then brought in line with what was seeded.
 */
import { seededCustomerBatches } from '../../seed/customer-batches.js';
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import { stableId } from '../../seed/random.js';
import { entityRows, insertRows, withIndexesDeferred } from '../../store/bulk.js';
import { demoBillingEntityId, DEMO_BILLING_ENTITIES } from '../billing-entities/seed.js';
import { demoHardware, demoPublicPool, DEMO_CLUSTERS, recordHardwareUsage } from '../hardware/seed.js';
import { buildCustomerResources, DemoWorld, type CustomerResources, type PlatformCluster, type SeedCustomer } from './demo-customer.js';
import {
  deploymentInstanceEntity, deploymentTemplateEntity, diskEntity, firewallTemplateEntity, jobEntity, networkEntity, RESOURCE_KINDS,
  serverEntity, snapshotEntity, sshKeyEntity, vdcEntity, type Job,
} from './entity.js';

const BATCH = 250;
const DAY_MS = 86400_000;

/** Which collection of a customer's resources goes into which table. */
const TABLES: ReadonlyArray<[keyof CustomerResources, (typeof RESOURCE_KINDS)[number]['entity']]> = [
  ['vdcs', vdcEntity], ['networks', networkEntity], ['servers', serverEntity], ['disks', diskEntity], ['snapshots', snapshotEntity],
  ['sshKeys', sshKeyEntity], ['firewallTemplates', firewallTemplateEntity], ['deploymentTemplates', deploymentTemplateEntity],
  ['deploymentInstances', deploymentInstanceEntity], ['jobs', jobEntity],
];

function platformClusters(now: Date): PlatformCluster[] {
  const hardware = demoHardware(now);
  return DEMO_CLUSTERS.map((c, i) => {
    const cluster = hardware.clusters[i]!;
    return {
      id: cluster.id,
      status: cluster.status,
      nodes: hardware.nodes.filter((n) => n.clusterId === cluster.id).map((n) => ({ name: n.name, state: n.state })),
      publicPool: demoPublicPool(c.n),
    };
  });
}

/** Jobs the platform runs for the licensee: about nodes, clusters, storage units, images and billing entities. */
function platformJobs(now: Date): Job[] {
  const hardware = demoHardware(now);
  const licensee = demoBillingEntityId('licensee');
  const at = (daysAgo: number, status: Job['status']) => {
    const created = now.getTime() - daysAgo * DAY_MS;
    const started = status === 'NOT_STARTED' ? null : new Date(created + 5_000).toISOString();
    const ended = ['SUCCESSFUL', 'FAILED', 'CANCELLED'].includes(status) ? new Date(created + 3_600_000).toISOString() : null;
    return { status, startedAt: started, endedAt: ended, createdAt: new Date(created).toISOString(), updatedAt: ended ?? started ?? new Date(created).toISOString() };
  };
  const job = (key: string, fields: Pick<Job, 'name' | 'jobType' | 'itemId' | 'itemType'>, timing: ReturnType<typeof at>, billingEntityId = licensee, errorCode: string | null = null): Job => ({
    id: stableId(`job:platform:${key}`), name: fields.name, billingEntityId, customerId: null, customerName: null, jobType: fields.jobType, status: timing.status,
    itemId: fields.itemId, itemType: fields.itemType, startedAt: timing.startedAt, endedAt: timing.endedAt, errorCode,
    createdAt: timing.createdAt, updatedAt: timing.updatedAt,
  });
  const jobs: Job[] = [];
  for (const node of hardware.nodes) {
    if (node.state === 'MAINTENANCE') jobs.push(job(`node:${node.id}`, { name: `Evacuate ${node.name} for maintenance`, jobType: 'EVACUATE_NODE', itemId: node.id, itemType: 'NODE' }, at(1, 'IN_PROGRESS')));
    if (node.state === 'ERROR') jobs.push(job(`node:${node.id}`, { name: `Health check of ${node.name}`, jobType: 'CHECK_NODE', itemId: node.id, itemType: 'NODE' }, at(2, 'FAILED'), licensee, 'HEALTH_CHECK_FAILED'));
    if (node.state === 'OFFLINE') jobs.push(job(`node:${node.id}`, { name: `Power off ${node.name}`, jobType: 'POWER_OFF_NODE', itemId: node.id, itemType: 'NODE' }, at(9, 'SUCCESSFUL')));
  }
  for (const cluster of hardware.clusters) {
    if (cluster.status === 'MAINTENANCE') jobs.push(job(`cluster:${cluster.id}`, { name: `Upgrade ${cluster.name}`, jobType: 'UPGRADE_CLUSTER', itemId: cluster.id, itemType: 'CLUSTER' }, at(3, 'SUSPENDED')));
    if (cluster.status === 'DISABLED') jobs.push(job(`cluster:${cluster.id}`, { name: `Drain ${cluster.name}`, jobType: 'DRAIN_CLUSTER', itemId: cluster.id, itemType: 'CLUSTER' }, at(20, 'WAITING')));
  }
  for (const unit of hardware.storageUnits) {
    if (unit.state === 'MAINTENANCE') jobs.push(job(`storage:${unit.id}`, { name: `Rebalance ${unit.name}`, jobType: 'REBALANCE_STORAGE_UNIT', itemId: unit.id, itemType: 'STORAGE_UNIT' }, at(1, 'IN_PROGRESS')));
    if (unit.state === 'ERROR') jobs.push(job(`storage:${unit.id}`, { name: `Scrub ${unit.name}`, jobType: 'SCRUB_STORAGE_UNIT', itemId: unit.id, itemType: 'STORAGE_UNIT' }, at(0.5, 'NOT_STARTED')));
  }
  for (const image of ['ubuntu-2404', 'windows-2022', 'freebsd-14']) {
    jobs.push(job(`image:${image}`, { name: `Replicate image ${image} to every cluster`, jobType: 'REPLICATE_IMAGE', itemId: stableId(`image:${image}`), itemType: 'IMAGE' }, at(image === 'freebsd-14' ? 0.2 : 40, image === 'freebsd-14' ? 'CANCELLED' : 'SUCCESSFUL')));
  }
  for (const be of DEMO_BILLING_ENTITIES) {
    const id = demoBillingEntityId(be.key);
    // A billing entity's own jobs are in its admins' scope.
    jobs.push(job(`billing-entity:${be.key}`, { name: `Update billing entity ${be.name}`, jobType: 'UPDATE_BILLING_ENTITY', itemId: id, itemType: 'BILLING_ENTITY' }, at(30, 'SUCCESSFUL'), id));
  }
  return jobs;
}

export const resourcesSeed: SeedStep = {
  name: 'resources',
  async run(context: SeedContext) {
    const world = new DemoWorld(context.random('resources'), platformClusters(context.now), context.now);
    const keyOf = new Map(DEMO_BILLING_ENTITIES.map((be) => [demoBillingEntityId(be.key), be.key] as const));
    await withIndexesDeferred(context.store, TABLES.map(([, entity]) => entity), async () => {
      for await (const { rows, done, total } of seededCustomerBatches(context, BATCH)) {
        const admins = new Map(
          (await context.store.db.selectFrom('users').select(['id', 'customer_id']).where('customer_id', 'in', rows.map((r) => String(r.id))).where('admin', '=', 1).orderBy('created_at').orderBy('id').execute())
            .reverse()
            .map((u) => [String(u.customer_id), String(u.id)] as const),
        );
        const batch = Object.fromEntries(TABLES.map(([key]) => [key, [] as unknown[]])) as unknown as CustomerResources;
        for (const row of rows) {
          // Customers awaiting approval have nothing yet; a few active ones have not built anything either.
          if (row.status === 'PENDING_APPROVAL' || world.random.chance(0.12)) continue;
          const customer: SeedCustomer = {
            id: String(row.id),
            billingEntityId: String(row.billing_entity_id),
            billingEntityKey: keyOf.get(String(row.billing_entity_id)) ?? 'licensee',
            organisationName: String(row.organisation_name),
            status: String(row.status),
            createdAt: String(row.created_at),
            adminUserId: admins.get(String(row.id)) ?? null,
          };
          const made = await buildCustomerResources(world, customer);
          for (const [key] of TABLES) (batch[key] as unknown[]).push(...(made[key] as unknown[]));
        }
        await context.store.transaction(async (tx) => {
          for (const [key, entity] of TABLES) await insertRows(tx.db, entity.table, entityRows(entity, batch[key] as never[]));
        });
        context.progress('resources', done, total);
      }
      await insertRows(context.store.db, 'jobs', entityRows(jobEntity, platformJobs(context.now)));
    }, (built, all) => context.progress('resource indexes', built, all));
    await recordHardwareUsage(context.store.db, world);
  },
};
