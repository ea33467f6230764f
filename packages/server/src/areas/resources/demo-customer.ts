/**
 * One demo customer's resources, built so that they agree with each other and with the platform: VDCs on the demo
 * clusters, networks with subnets carved from the cluster's public pool, servers placed on the cluster's nodes with
 * NICs in those subnets and disks attached (boot disk first), snapshots of those disks and servers, deployment
 * instances made of the VDC's servers, counts that add up, and jobs about those very objects.
 */
import { stableId, type SeededRandom } from '../../seed/random.js';
import { FIRST_NAMES, slug } from '../../seed/names.js';
import { numberToIpv4 } from '../hardware/addresses.js';
import type { DemoBillingEntity } from '../billing-entities/seed.js';
import { deploymentInstanceStatus, isPlaced } from './domain.js';
import type {
  DeploymentInstance, DeploymentTemplate, Disk, FirewallTemplate, Job, Network, Server, Snapshot, SshKey, Vdc,
} from './entity.js';

const DAY_MS = 86400_000;
const PUBLIC_SUBNET_SIZE = 8; // a /29 per public network

export interface SeedCustomer {
  id: string;
  billingEntityId: string;
  billingEntityKey: DemoBillingEntity['key'];
  organisationName: string;
  status: string;
  createdAt: string;
  /** The customer's admin user, for the odd job about a user. */
  adminUserId: string | null;
}

export interface PlatformCluster {
  id: string;
  status: 'ACTIVE' | 'MAINTENANCE' | 'DISABLED';
  /** Nodes by state: where servers are placed. */
  nodes: Array<{ name: string; state: string }>;
  publicPool: { id: string; start: number; end: number };
}

export interface CustomerResources {
  vdcs: Vdc[];
  networks: Network[];
  servers: Server[];
  disks: Disk[];
  snapshots: Snapshot[];
  sshKeys: SshKey[];
  firewallTemplates: FirewallTemplate[];
  deploymentTemplates: DeploymentTemplate[];
  deploymentInstances: DeploymentInstance[];
  jobs: Job[];
}

/** Picks by weight, but hands out each value not seen yet first, so every enum value appears in the demo data. */
export class Coverage {
  private readonly seen = new Map<string, Set<unknown>>();

  pick<T>(random: SeededRandom, key: string, choices: ReadonlyArray<readonly [T, number]>): T {
    let seen = this.seen.get(key);
    if (!seen) this.seen.set(key, (seen = new Set()));
    const missing = choices.find(([value, weight]) => weight > 0 && !seen.has(value));
    const value = missing ? missing[0] : random.weighted(choices);
    seen.add(value);
    return value;
  }
}

/** Server images each demo billing entity may use (ids of the images step's stable images). */
const IMAGES: Record<DemoBillingEntity['key'], ReadonlyArray<{ key: string; minGb: number }>> = {
  licensee: [{ key: 'ubuntu-2404', minGb: 10 }, { key: 'debian-12', minGb: 8 }, { key: 'rocky-9', minGb: 12 }, { key: 'windows-2022', minGb: 40 }, { key: 'freebsd-14', minGb: 6 }],
  alpha: [{ key: 'ubuntu-2404', minGb: 10 }, { key: 'debian-12', minGb: 8 }, { key: 'windows-2022', minGb: 40 }, { key: 'alpha-lamp', minGb: 14 }, { key: 'alpha-wordpress', minGb: 16 }],
  'alpha-kids': [{ key: 'alpha-lamp', minGb: 14 }, { key: 'kids-minecraft', minGb: 20 }],
  beta: [{ key: 'ubuntu-2404', minGb: 10 }, { key: 'debian-12', minGb: 8 }, { key: 'rocky-9', minGb: 12 }, { key: 'beta-iis', minGb: 48 }, { key: 'beta-postgres', minGb: 20 }],
  gamma: [{ key: 'ubuntu-2404', minGb: 10 }, { key: 'windows-2022', minGb: 40 }, { key: 'gamma-k8s', minGb: 18 }],
};

const ROLES = ['web', 'app', 'db', 'cache', 'mail', 'vpn', 'build', 'k8s', 'backup', 'dev'];
const SIZES: ReadonlyArray<readonly [[number, number], number]> = [[[1, 1024], 10], [[1, 2048], 15], [[2, 4096], 30], [[4, 8192], 25], [[8, 16384], 12], [[16, 65536], 6], [[32, 131072], 2]];

const SERVER_STATUSES: ReadonlyArray<readonly [Server['status'], number]> = [
  ['RUNNING', 62], ['STOPPED', 22], ['BUILDING', 2], ['STARTING', 2], ['STOPPING', 2], ['REBOOTING', 2], ['MIGRATING', 1],
  ['RECOVERY', 1], ['INSTALLING', 2], ['ERROR', 2], ['DELETING', 2],
];

type FirewallRule = FirewallTemplate['rules'][number];
const rule = (name: string | null, direction: FirewallRule['direction'], action: FirewallRule['action'], protocol: FirewallRule['protocol'], ports: [number, number] | null, ipRange: string | null = null): FirewallRule => ({
  name, direction, action, protocol, portFrom: ports?.[0] ?? null, portTo: ports?.[1] ?? null, ipRange,
});
const FIREWALL_PRESETS: ReadonlyArray<Pick<FirewallTemplate, 'name' | 'ipVersion' | 'defaultInAction' | 'defaultOutAction' | 'rules'>> = [
  { name: 'Web servers', ipVersion: 'IPV4', defaultInAction: 'DENY', defaultOutAction: 'ALLOW', rules: [
    rule('HTTP', 'IN', 'ALLOW', 'TCP', [80, 80]), rule('HTTPS', 'IN', 'ALLOW', 'TCP', [443, 443]),
    rule('SSH from office', 'IN', 'ALLOW', 'TCP', [22, 22], '198.51.100.0/24'), rule('Ping', 'IN', 'ALLOW', 'ICMP', null)] },
  { name: 'Web servers (IPv6)', ipVersion: 'IPV6', defaultInAction: 'DENY', defaultOutAction: 'ALLOW', rules: [
    rule('HTTPS', 'IN', 'ALLOW', 'TCP', [443, 443]), rule('Neighbour discovery', 'IN', 'ALLOW', 'ICMPV6', null),
    rule('SSH from office', 'IN', 'ALLOW', 'TCP', [22, 22], '2001:db8:5::/48')] },
  { name: 'Database', ipVersion: 'IPV4', defaultInAction: 'DENY', defaultOutAction: 'DENY', rules: [
    rule('PostgreSQL from app tier', 'IN', 'ALLOW', 'TCP', [5432, 5432], '10.0.0.0/8'), rule('DNS', 'OUT', 'ALLOW', 'UDP', [53, 53]),
    rule('Package mirrors', 'OUT', 'ALLOW', 'TCP', [443, 443])] },
  { name: 'VPN gateway', ipVersion: 'IPV4', defaultInAction: 'DENY', defaultOutAction: 'ALLOW', rules: [
    rule('OpenVPN', 'IN', 'ALLOW', 'UDP', [1194, 1194]), rule('IPsec ESP', 'IN', 'ALLOW', 'ESP', null), rule('IPsec AH', 'IN', 'ALLOW', 'AH', null),
    rule('IKE', 'IN', 'ALLOW', 'UDP', [500, 500]), rule('GRE tunnel to office', 'IN', 'ALLOW', 'GRE', null, '198.51.100.7/32')] },
  { name: 'Mail relay', ipVersion: 'IPV4', defaultInAction: 'DENY', defaultOutAction: 'ALLOW', rules: [
    rule('SMTP', 'IN', 'ALLOW', 'TCP', [25, 25]), rule('Submission', 'IN', 'ALLOW', 'TCP', [587, 587]), rule('IMAPS', 'IN', 'ALLOW', 'TCP', [993, 993]),
    rule('Block outbound SMTP relays', 'OUT', 'DENY', 'TCP', [25, 25])] },
  { name: 'Open lab', ipVersion: 'IPV4', defaultInAction: 'ALLOW', defaultOutAction: 'ALLOW', rules: [
    rule('Drop everything from a bad actor', 'IN', 'DENY', 'ANY', null, '203.0.113.66/32'), rule(null, 'IN', 'DENY', 'UDP', [1900, 1900])] },
];

const DEPLOYMENT_PRESETS = [
  { name: 'Three-tier web shop', description: 'Load balancer, two web servers and a database on a private network.', servers: 4, networks: 2 },
  { name: 'WordPress pair', description: 'A web server and a database.', servers: 2, networks: 1 },
  { name: 'Kubernetes lab', description: 'A control plane and two workers.', servers: 3, networks: 2 },
  { name: 'Build farm', description: null, servers: 2, networks: 1 },
];

const iso = (ms: number) => new Date(ms).toISOString();

export class DemoWorld {
  readonly coverage = new Coverage();
  /** Next /29 per public pool. */
  private readonly nextSubnet = new Map<string, number>();
  readonly serversByCluster = new Map<string, number>();
  readonly serversByNodeName = new Map<string, number>();
  readonly addressesByPool = new Map<string, number>();

  constructor(
    readonly random: SeededRandom,
    readonly clusters: readonly PlatformCluster[],
    readonly now: Date,
  ) {}

  /** A /29 from the cluster's public pool, or null when the pool is used up. */
  publicSubnet(cluster: PlatformCluster): number | null {
    const index = this.nextSubnet.get(cluster.publicPool.id) ?? 0;
    const base = Math.ceil(cluster.publicPool.start / PUBLIC_SUBNET_SIZE) * PUBLIC_SUBNET_SIZE + index * PUBLIC_SUBNET_SIZE;
    if (base + PUBLIC_SUBNET_SIZE - 1 > cluster.publicPool.end) return null;
    this.nextSubnet.set(cluster.publicPool.id, index + 1);
    this.addressesByPool.set(cluster.publicPool.id, (this.addressesByPool.get(cluster.publicPool.id) ?? 0) + PUBLIC_SUBNET_SIZE);
    return base;
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

/** Builds every resource of one customer. */
export async function buildCustomerResources(world: DemoWorld, customer: SeedCustomer): Promise<CustomerResources> {
  const { random, coverage } = world;
  const out: CustomerResources = {
    vdcs: [], networks: [], servers: [], disks: [], snapshots: [], sshKeys: [], firewallTemplates: [], deploymentTemplates: [],
    deploymentInstances: [], jobs: [],
  };
  const owner = { billingEntityId: customer.billingEntityId, customerId: customer.id, customerName: customer.organisationName };
  const since = Date.parse(customer.createdAt);
  const nowMs = world.now.getTime();
  const between = (from: number, to = nowMs) => from + Math.floor(random.next() * Math.max(0, to - from));
  // Resources of a closed customer are queued for deletion; a disabled customer's are locked.
  const resourceState = (): Server['resourceState'] =>
    customer.status === 'CLOSED'
      ? random.weighted([['TO_BE_DELETED', 3], ['DELETED', 2]])
      : customer.status === 'DISABLED'
        ? random.weighted([['LOCKED', 4], ['ACTIVE', 1]])
        : coverage.pick(random, 'resourceState', [['ACTIVE', 92], ['LOCKED', 2], ['HIDDEN', 2], ['CREATING', 2], ['TO_BE_DELETED', 1], ['DELETED', 1]]);
  const job = (fields: Pick<Job, 'name' | 'jobType' | 'itemId' | 'itemType'> & { status: Job['status']; at: number; errorCode?: string }): void => {
    const started = fields.status === 'NOT_STARTED' || (fields.status === 'CANCELLED' && random.chance(0.5)) ? null : Math.min(nowMs, fields.at + random.int(1, 20) * 1000);
    const finished = fields.status === 'SUCCESSFUL' || fields.status === 'FAILED' || fields.status === 'CANCELLED';
    const ended = finished ? Math.min(nowMs, (started ?? fields.at) + random.int(5, 600) * 1000) : null;
    out.jobs.push({
      id: random.uuid(), name: fields.name, ...owner, jobType: fields.jobType, status: fields.status, itemId: fields.itemId,
      itemType: fields.itemType, startedAt: started === null ? null : iso(started), endedAt: ended === null ? null : iso(ended),
      errorCode: fields.status === 'FAILED' ? (fields.errorCode ?? 'INTERNAL_ERROR') : null, createdAt: iso(fields.at),
      updatedAt: iso(ended ?? started ?? fields.at),
    });
  };
  const history = (): Job['status'] => coverage.pick(random, 'jobHistory', [['SUCCESSFUL', 85], ['FAILED', 8], ['CANCELLED', 7]]);

  const vdcCount = random.weighted([[1, 80], [2, 20]] as const);
  const roleCounts = new Map<string, number>();
  const images = IMAGES[customer.billingEntityKey];
  for (let v = 0; v < vdcCount; v++) {
    // New resources go to ACTIVE clusters; older customers still have some on the clusters being drained.
    const cluster = v === 0 ? world.clusters[coverage.pick(random, 'cluster', [[0, 75], [1, 18], [2, 7]])]! : world.clusters[0]!;
    const vdcCreated = between(since, since + 30 * DAY_MS > nowMs ? nowMs : since + 30 * DAY_MS);
    const vdc: Vdc = {
      id: v === 0 ? stableId(`vdc:${customer.id}`) : random.uuid(),
      name: v === 0 ? 'Default VDC' : random.pick(['Staging', 'Disaster recovery', 'Development']),
      ...owner, resourceState: resourceState(), clusterId: cluster.id, serverCount: 0, diskCount: 0, networkCount: 0,
      createdAt: iso(vdcCreated), updatedAt: iso(vdcCreated),
    };
    out.vdcs.push(vdc);
    job({ name: `Create VDC ${vdc.name}`, jobType: 'CREATE_VDC', itemId: vdc.id, itemType: 'VDC', status: 'SUCCESSFUL', at: vdcCreated });
    const inVdc = { clusterId: cluster.id, vdcId: vdc.id };

    // Networks: a public one with a /29 of the cluster's pool, private ones, now and then another type.
    const networks: Network[] = [];
    const addNetwork = (networkType: Network['networkType'], name: string, subnets: Network['subnets']) => {
      const at = between(vdcCreated, Math.min(nowMs, vdcCreated + 2 * DAY_MS));
      const network: Network = { id: random.uuid(), name, ...owner, networkType, resourceState: resourceState(), ...inVdc, subnets, createdAt: iso(at), updatedAt: iso(at) };
      networks.push(network);
      if (random.chance(0.5)) job({ name: `Create network ${name}`, jobType: 'CREATE_NETWORK', itemId: network.id, itemType: 'NETWORK', status: history(), at });
      return network;
    };
    const publicBase = world.publicSubnet(cluster);
    let publicNetwork: Network | null = null;
    if (publicBase !== null) {
      const subnets: Network['subnets'] = [{ cidr: `${numberToIpv4(publicBase)}/29`, gateway: numberToIpv4(publicBase + 1), ipVersion: 'IPV4' }];
      if (random.chance(0.3)) subnets.push({ cidr: `2001:db8:${(publicBase % 65536).toString(16)}::/64`, gateway: null, ipVersion: 'IPV6' });
      publicNetwork = addNetwork('PUBLIC', 'Public network', subnets);
    }
    const privateNetworks: Network[] = [];
    for (let p = 0, count = random.weighted([[0, 3], [1, 5], [2, 2]] as const); p < count; p++) {
      const third = random.int(0, 255);
      privateNetworks.push(addNetwork('PRIVATE', p === 0 ? 'Private network' : `Private network ${p + 1}`, [{ cidr: `10.${random.int(0, 255)}.${third}.0/24`, gateway: null, ipVersion: 'IPV4' }]));
    }
    const extraType = coverage.pick(random, 'extraNetworkType', [[null, 90], ['SERVICE', 4], ['IP', 3], ['INTERWORKING', 3]] as const);
    if (extraType) {
      const block = random.int(0, 255);
      addNetwork(extraType, { SERVICE: 'Service network', IP: 'Routed IP network', INTERWORKING: 'Interworking network' }[extraType], [
        { cidr: `100.${64 + (block % 64)}.${random.int(0, 255)}.0/28`, gateway: `100.${64 + (block % 64)}.0.1`, ipVersion: 'IPV4' },
      ]);
    }
    out.networks.push(...networks);

    // Servers, placed on the cluster's nodes, with disks and NICs.
    const vdcServers: Server[] = [];
    let publicHost = 2;
    const serverCount = random.weighted([[0, 10], [1, 30], [2, 30], [3, 20], [4, 10]] as const);
    for (let s = 0; s < serverCount; s++) {
      // A disabled cluster only keeps the servers it has not drained yet, mostly stopped.
      const status: Server['status'] = cluster.status === 'DISABLED'
        ? random.weighted([['RUNNING', 3], ['STOPPED', 7]])
        : coverage.pick(random, 'serverStatus', SERVER_STATUSES);
      const role = random.pick(ROLES);
      const n = (roleCounts.get(role) ?? 0) + 1;
      roleCounts.set(role, n);
      const name = `${role}-${String(n).padStart(2, '0')}`;
      const [cpu, ramMb] = random.weighted(SIZES);
      const installing = status === 'INSTALLING';
      const image = installing || random.chance(0.05) ? null : random.pick(images);
      const created = between(vdcCreated);
      const updated = between(created);
      const placedOn = (state: string) => cluster.nodes.filter((node) => node.state === state);
      const candidates = status === 'MIGRATING' && placedOn('MAINTENANCE').length ? placedOn('MAINTENANCE')
        : status === 'ERROR' && placedOn('ERROR').length ? placedOn('ERROR') : placedOn('RUNNING');
      const nodeName = isPlaced(status) && candidates.length ? random.pick(candidates).name : null;
      const server: Server = {
        id: random.uuid(), name, ...owner, status,
        resourceState: status === 'BUILDING' ? 'CREATING' : status === 'DELETING' ? 'TO_BE_DELETED' : resourceState(),
        cpu, ramMb, imageId: image ? stableId(`image:${image.key}`) : null, ...inVdc, nodeName, productOfferId: null,
        diskIds: [], nics: [], createdAt: iso(created), updatedAt: iso(updated),
      };
      const mac = () => `52:54:00:${[0, 0, 0].map(() => random.int(0, 255).toString(16).padStart(2, '0')).join(':')}`;
      if (publicNetwork && publicBase !== null && publicHost < PUBLIC_SUBNET_SIZE - 1) {
        const addresses = [numberToIpv4(publicBase + publicHost++)];
        const v6 = publicNetwork.subnets.find((sub) => sub.ipVersion === 'IPV6');
        if (v6) addresses.push(v6.cidr.replace('::/64', `::${publicHost}`));
        server.nics.push({ networkId: publicNetwork.id, ipAddresses: addresses, macAddress: mac() });
      }
      for (const net of privateNetworks) {
        if (random.chance(0.6)) server.nics.push({ networkId: net.id, ipAddresses: [net.subnets[0]!.cidr.replace('.0/24', `.${10 + s}`)], macAddress: mac() });
      }
      // Disks: the boot disk first, data disks, and the installation ISO of a server being installed.
      const addDisk = (diskName: string, sizeGb: number, isIso: boolean) => {
        const disk: Disk = {
          id: random.uuid(), name: diskName, ...owner, status: 'ATTACHED_TO_SERVER', resourceState: server.resourceState, sizeGb,
          serverId: server.id, iso: isIso, ...inVdc, productOfferId: null, createdAt: server.createdAt, updatedAt: server.createdAt,
        };
        out.disks.push(disk);
        server.diskIds.push(disk.id);
        vdc.diskCount++;
        return disk;
      };
      const boot = addDisk(`${name} boot`, Math.max(image?.minGb ?? 20, random.pick([20, 40, 60, 80, 100])), false);
      if (installing) addDisk(`${name} installer ISO`, random.int(1, 6), true);
      for (let d = 1, count = random.weighted([[0, 5], [1, 4], [2, 1]] as const); d <= count; d++) {
        const data = addDisk(`${name} data ${d}`, random.pick([50, 100, 250, 500, 1000]), false);
        if (random.chance(0.3)) job({ name: `Attach disk ${data.name}`, jobType: 'ATTACH_DISK', itemId: data.id, itemType: 'DISK', status: history(), at: between(created) });
        if (random.chance(0.15)) {
          const at = between(created);
          out.snapshots.push({ id: random.uuid(), name: `${data.name} nightly ${iso(at).slice(0, 10)}`, ...owner, type: 'DISK', resourceState: resourceState(), sourceId: data.id, sizeGb: Math.max(1, Math.round(data.sizeGb * random.next())), ...inVdc, createdAt: iso(at), updatedAt: iso(Math.min(nowMs, at + 180_000)) });
        }
      }
      if (random.chance(0.3)) {
        const at = between(created);
        const snapshot: Snapshot = { id: random.uuid(), name: `${name} before upgrade`, ...owner, type: 'SERVER', resourceState: resourceState(), sourceId: server.id, sizeGb: boot.sizeGb, ...inVdc, createdAt: iso(at), updatedAt: iso(Math.min(nowMs, at + 240_000)) };
        out.snapshots.push(snapshot);
        job({ name: `Snapshot server ${name}`, jobType: 'CREATE_SNAPSHOT', itemId: snapshot.id, itemType: 'SNAPSHOT', status: 'SUCCESSFUL', at });
      }
      serverJobs(server, created, updated, job, history, coverage, random);
      vdcServers.push(server);
      world.count(world.serversByCluster, cluster.id);
      if (nodeName) world.count(world.serversByNodeName, nodeName);
    }
    out.servers.push(...vdcServers);

    // Disks of the VDC that no server has: spare volumes, and some that cannot be attached (locked, or on their way out).
    for (let d = 0, count = random.weighted([[0, 6], [1, 3], [2, 1]] as const); d < count; d++) {
      const status = coverage.pick(random, 'spareDiskStatus', [['NOT_ATTACHED_TO_SERVER', 80], ['CANNOT_BE_ATTACHED_TO_SERVER', 20]] as const);
      const at = between(vdcCreated);
      const isIso = random.chance(0.15);
      const disk: Disk = {
        id: random.uuid(), name: isIso ? `${random.pick(['Ubuntu', 'Windows', 'Rescue'])} installer ISO ${d + 1}` : `spare volume ${d + 1}`, ...owner, status,
        resourceState: status === 'CANNOT_BE_ATTACHED_TO_SERVER' ? random.pick(['LOCKED', 'TO_BE_DELETED', 'CREATING'] as const) : resourceState(),
        sizeGb: isIso ? random.int(1, 6) : random.pick([10, 50, 100, 200]), serverId: null, iso: isIso, ...inVdc, productOfferId: null,
        createdAt: iso(at), updatedAt: iso(at),
      };
      out.disks.push(disk);
      vdc.diskCount++;
      job({ name: `Create disk ${disk.name}`, jobType: 'CREATE_DISK', itemId: disk.id, itemType: 'DISK', status: history(), at, errorCode: 'STORAGE_UNIT_FULL' });
    }
    vdc.serverCount = vdcServers.length;
    vdc.networkCount = networks.length;
    vdc.updatedAt = [vdc.createdAt, ...vdcServers.map((s) => s.updatedAt)].sort().at(-1)!;

    // A deployment template of the customer, and instances of it made of this VDC's servers.
    if (v === 0 && random.chance(0.3)) {
      const preset = random.pick(DEPLOYMENT_PRESETS);
      const at = between(vdcCreated);
      const template: DeploymentTemplate = {
        id: random.uuid(), name: preset.name, ...owner, resourceState: resourceState(), description: preset.description,
        serverCount: preset.servers, networkCount: preset.networks, instanceCount: 0, createdAt: iso(at), updatedAt: iso(at),
      };
      out.deploymentTemplates.push(template);
      job({ name: `Create deployment template ${template.name}`, jobType: 'CREATE_DEPLOYMENT_TEMPLATE', itemId: template.id, itemType: 'DEPLOYMENT_TEMPLATE', status: 'SUCCESSFUL', at });
      if (vdcServers.length >= 2) {
        const members = vdcServers.slice(0, Math.min(preset.servers, vdcServers.length));
        // Now and then the template an instance came from has been deleted since.
        const orphan = coverage.pick(random, 'instanceOrphan', [[false, 90], [true, 10]] as const);
        const instanceAt = Math.max(...members.map((m) => Date.parse(m.createdAt)));
        const instance: DeploymentInstance = {
          id: random.uuid(), name: `${preset.name} (${random.pick(['production', 'staging', 'test'])})`, ...owner,
          status: deploymentInstanceStatus(members.map((m) => m.status)), resourceState: resourceState(),
          deploymentTemplateId: orphan ? null : template.id, ...inVdc, serverCount: members.length, serverIds: members.map((m) => m.id),
          networkIds: networks.slice(0, preset.networks).map((n) => n.id), createdAt: iso(instanceAt),
          updatedAt: [iso(instanceAt), ...members.map((m) => m.updatedAt)].sort().at(-1)!,
        };
        if (!orphan) template.instanceCount++;
        out.deploymentInstances.push(instance);
        job({ name: `Deploy ${instance.name}`, jobType: 'DEPLOY_TEMPLATE', itemId: instance.id, itemType: 'DEPLOYMENT_INSTANCE', status: history(), at: instanceAt, errorCode: 'QUOTA_EXCEEDED' });
      }
    }
  }

  // SSH keys and firewall templates belong to the customer, not to a VDC.
  for (let k = 0, count = random.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const); k < count; k++) {
    const person = random.pick(FIRST_NAMES);
    const at = between(since);
    const { publicKey, fingerprint } = await sshKey(random, `${slug(person)}@${random.pick(['laptop', 'workstation', 'ci', 'bastion'])}`);
    const key: SshKey = { id: random.uuid(), name: publicKey.split(' ')[2]!, ...owner, resourceState: resourceState(), publicKey, fingerprint, globalKey: random.chance(0.3), createdAt: iso(at), updatedAt: iso(at) };
    out.sshKeys.push(key);
    if (random.chance(0.2)) job({ name: `Add SSH key ${key.name}`, jobType: 'ADD_SSH_KEY', itemId: key.id, itemType: 'SSH_KEY', status: 'SUCCESSFUL', at });
  }
  for (let f = 0, count = random.weighted([[0, 4], [1, 4], [2, 2]] as const); f < count; f++) {
    const preset = FIREWALL_PRESETS[coverage.pick(random, 'firewallPreset', FIREWALL_PRESETS.map((_, i) => [i, 1] as const))]!;
    const at = between(since);
    const updated = between(at);
    const template: FirewallTemplate = {
      id: random.uuid(), ...preset, ...owner, resourceState: resourceState(), ruleCount: preset.rules.length, rules: preset.rules.map((r) => ({ ...r })),
      createdAt: iso(at), updatedAt: iso(updated),
    };
    out.firewallTemplates.push(template);
    job({ name: `Apply firewall template ${template.name}`, jobType: 'APPLY_FIREWALL_TEMPLATE', itemId: template.id, itemType: 'FIREWALL_TEMPLATE', status: history(), at: updated, errorCode: 'INVALID_RULE' });
  }

  // Jobs about the customer and its admin user.
  if (customer.status === 'DISABLED' || customer.status === 'CLOSED') {
    const at = between(since);
    job({ name: `Change status of ${customer.organisationName}`, jobType: 'CHANGE_CUSTOMER_STATUS', itemId: customer.id, itemType: 'CUSTOMER', status: 'SUCCESSFUL', at });
  }
  if (customer.adminUserId && random.chance(0.15)) {
    job({ name: 'Reset password of the admin user', jobType: 'RESET_PASSWORD', itemId: customer.adminUserId, itemType: 'USER', status: history(), at: between(since), errorCode: 'EMAIL_NOT_DELIVERED' });
  }
  return out;
}

/** The server's creation and its latest action, in the state its status shows. */
function serverJobs(
  server: Server,
  created: number,
  updated: number,
  job: (fields: Pick<Job, 'name' | 'jobType' | 'itemId' | 'itemType'> & { status: Job['status']; at: number; errorCode?: string }) => void,
  history: () => Job['status'],
  coverage: Coverage,
  random: SeededRandom,
): void {
  const about = { itemId: server.id, itemType: 'SERVER' as const };
  const name = server.name;
  if (server.status === 'BUILDING') {
    job({ ...about, name: `Create server ${name}`, jobType: 'CREATE_SERVER', status: coverage.pick(random, 'buildJob', [['IN_PROGRESS', 5], ['WAITING', 3], ['NOT_STARTED', 2]] as const), at: created });
    return;
  }
  job({ ...about, name: `Create server ${name}`, jobType: 'CREATE_SERVER', status: 'SUCCESSFUL', at: created });
  const current: Partial<Record<Server['status'], [Job['jobType'], Job['status'], string?]>> = {
    STARTING: ['START_SERVER', 'IN_PROGRESS'],
    STOPPING: ['STOP_SERVER', 'IN_PROGRESS'],
    REBOOTING: ['REBOOT_SERVER', 'IN_PROGRESS'],
    MIGRATING: ['MIGRATE_SERVER', 'IN_PROGRESS'],
    RECOVERY: ['RECOVER_SERVER', 'WAITING'],
    INSTALLING: ['INSTALL_FROM_ISO', 'IN_PROGRESS'],
    ERROR: ['START_SERVER', 'FAILED', 'NODE_UNAVAILABLE'],
    DELETING: ['DELETE_SERVER', coverage.pick(random, 'deleteJob', [['IN_PROGRESS', 2], ['SUSPENDED', 1]] as const)],
  };
  const action = current[server.status];
  const verb = (type: string) => type.split('_')[0]!.charAt(0) + type.split('_')[0]!.slice(1).toLowerCase();
  if (action) {
    const [jobType, status, errorCode] = action;
    job({ ...about, name: `${verb(jobType)} server ${name}`, jobType, status, at: updated, ...(errorCode ? { errorCode } : {}) });
  } else if (random.chance(0.5)) {
    const jobType = server.status === 'RUNNING' ? random.pick(['START_SERVER', 'REBOOT_SERVER']) : 'STOP_SERVER';
    job({ ...about, name: `${verb(jobType)} server ${name}`, jobType, status: history(), at: updated, errorCode: 'GUEST_DID_NOT_RESPOND' });
  }
}

/** An OpenSSH public key with its real SHA-256 fingerprint (the key material itself is random, not a usable key). */
async function sshKey(random: SeededRandom, comment: string): Promise<{ publicKey: string; fingerprint: string }> {
  const type = random.weighted([['ssh-ed25519', 6], ['ssh-rsa', 3], ['ecdsa-sha2-nistp256', 1]] as const);
  const field = (bytes: Uint8Array) => [...u32(bytes.length), ...bytes];
  const text = (value: string) => field(new TextEncoder().encode(value));
  const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => random.int(0, 255));
  const blob = Uint8Array.from(
    type === 'ssh-ed25519'
      ? [...text(type), ...field(randomBytes(32))]
      : type === 'ssh-rsa'
        ? [...text(type), ...field(Uint8Array.of(1, 0, 1)), ...field(Uint8Array.of(0, ...randomBytes(256)))]
        : [...text(type), ...text('nistp256'), ...field(Uint8Array.of(4, ...randomBytes(64)))],
  );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', blob));
  return {
    publicKey: `${type} ${base64(blob)} ${comment}`,
    fingerprint: `SHA256:${base64(digest).replace(/=+$/, '')}`,
  };
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
