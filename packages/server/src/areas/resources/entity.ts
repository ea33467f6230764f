/**
 * The ten read-only kinds of customer resources on the All Resources tab. Each is owned by the billing entity of its
 * customer (the tenancy column); its real columns are the fields its list filters and sorts on (see store/spec-entity.ts).
 */
import type { OperationId, Schema } from '../../spec/types.js';
import type { EntityDefinition } from '../../store/entity.js';
import { customerNameOf, specEntity } from '../../store/spec-entity.js';
import { customerEntity } from '../customers/entity.js';

export type Server = Schema<'Server'>;
export type Disk = Schema<'Disk'>;
export type Network = Schema<'Network'>;
export type Snapshot = Schema<'Snapshot'>;
export type SshKey = Schema<'SshKey'>;
export type FirewallTemplate = Schema<'FirewallTemplate'>;
export type DeploymentTemplate = Schema<'DeploymentTemplate'>;
export type DeploymentInstance = Schema<'DeploymentInstance'>;
export type Vdc = Schema<'Vdc'>;
export type Job = Schema<'Job'>;

const newestFirst = [{ field: 'createdAt' as const, desc: true }];

function resource<T extends { id: string; billingEntityId: string; customerName: string | null; createdAt: string }>(
  name: string,
  table: string,
  listOperation: OperationId,
  lookups: ReadonlyArray<keyof T & string> = [],
): EntityDefinition<T> {
  // Rows name their customer as it is called now: joined when read, never copied into the row.
  const computed = { customerName: customerNameOf(() => customerEntity) } as EntityDefinition<T>['computed'];
  return specEntity<T>({ name, table, listOperation, scopeField: 'billingEntityId', defaultOrder: newestFirst, lookups, computed });
}

export const serverEntity = resource<Server>('server', 'servers', 'listServers', ['customerId', 'productOfferId']);
export const diskEntity = resource<Disk>('disk', 'disks', 'listDisks', ['customerId', 'serverId', 'productOfferId']);
export const networkEntity = resource<Network>('network', 'networks', 'listNetworks', ['customerId']);
export const snapshotEntity = resource<Snapshot>('snapshot', 'snapshots', 'listSnapshots', ['customerId', 'sourceId']);
export const sshKeyEntity = resource<SshKey>('SSH key', 'ssh_keys', 'listSshKeys', ['customerId']);
export const firewallTemplateEntity = resource<FirewallTemplate>('firewall template', 'firewall_templates', 'listFirewallTemplates', ['customerId']);
export const deploymentTemplateEntity = resource<DeploymentTemplate>('deployment template', 'deployment_templates', 'listDeploymentTemplates', ['customerId']);
export const deploymentInstanceEntity = resource<DeploymentInstance>('deployment instance', 'deployment_instances', 'listDeploymentInstances', ['customerId', 'deploymentTemplateId']);
export const vdcEntity = resource<Vdc>('VDC', 'vdcs', 'listVdcs', ['customerId']);
export const jobEntity = resource<Job>('job', 'jobs', 'listJobs', ['customerId', 'itemId']);

/** Every kind with its get operation; the routes and the migration walk this list. */
export const RESOURCE_KINDS: ReadonlyArray<{ entity: EntityDefinition<any>; getOperation: OperationId }> = [
  { entity: serverEntity, getOperation: 'getServer' },
  { entity: diskEntity, getOperation: 'getDisk' },
  { entity: networkEntity, getOperation: 'getNetwork' },
  { entity: snapshotEntity, getOperation: 'getSnapshot' },
  { entity: sshKeyEntity, getOperation: 'getSshKey' },
  { entity: firewallTemplateEntity, getOperation: 'getFirewallTemplate' },
  { entity: deploymentTemplateEntity, getOperation: 'getDeploymentTemplate' },
  { entity: deploymentInstanceEntity, getOperation: 'getDeploymentInstance' },
  { entity: vdcEntity, getOperation: 'getVdc' },
  { entity: jobEntity, getOperation: 'getJob' },
];
