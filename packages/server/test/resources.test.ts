import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { deploymentInstanceStatus } from '../src/areas/resources/domain.js';
import { assertProblem, startTestServer, type TestServer } from './harness.js';

const ALPHA_SCOPE = new Set([demoBillingEntityId('alpha'), demoBillingEntityId('alpha-kids')]);
const BETA = demoBillingEntityId('beta');

/** Each read-only kind: its list and get operations and the get's id parameter. */
const KINDS = [
  ['listServers', 'getServer', 'serverId'],
  ['listDisks', 'getDisk', 'diskId'],
  ['listNetworks', 'getNetwork', 'networkId'],
  ['listSnapshots', 'getSnapshot', 'snapshotId'],
  ['listSshKeys', 'getSshKey', 'sshKeyId'],
  ['listFirewallTemplates', 'getFirewallTemplate', 'firewallTemplateId'],
  ['listDeploymentTemplates', 'getDeploymentTemplate', 'deploymentTemplateId'],
  ['listDeploymentInstances', 'getDeploymentInstance', 'deploymentInstanceId'],
  ['listVdcs', 'getVdc', 'vdcId'],
  ['listJobs', 'getJob', 'jobId'],
] as const;

describe('resources (read only)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  const all = async (operationId: string, filter?: string, token = t.tokens.licensee) => {
    const items: any[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.call(operationId, { token, query: { filter, pageSize: 500, pageToken } });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      items.push(...page.body.items);
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    return items;
  };
  const total = async (operationId: string, filter: string, token = t.tokens.licensee) => {
    const page = await t.call(operationId, { token, query: { filter, pageSize: 1 } });
    assert.equal(page.status, 200, `${operationId} ${filter}: ${JSON.stringify(page.body)}`);
    return page.body.totalSize as number;
  };

  it('lists and gets every kind, with stable ETags', async () => {
    for (const [list, get, param] of KINDS) {
      const page = await t.call(list, { token: t.tokens.licensee, query: { pageSize: 3 } });
      assert.equal(page.status, 200);
      assert.ok(page.body.totalSize > 3, `${list} is seeded`);
      const first = page.body.items[0];
      const one = await t.call(get, { token: t.tokens.licensee, params: { [param]: first.id } });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, first, `${get} matches the list item`);
      const again = await t.call(get, { token: t.tokens.licensee, params: { [param]: first.id } });
      assert.equal(again.headers.get('etag'), one.headers.get('etag'));
      assertProblem(await t.call(get, { token: t.tokens.licensee, params: { [param]: '00000000-0000-4000-8000-000000000000' } }), 404, 'not_found');
      assertProblem(await t.call(get, { token: t.tokens.licensee, params: { [param]: 'not-a-uuid' } }), 400, 'invalid_parameter');
      assertProblem(await t.call(list, { token: null }), 401, 'unauthenticated');
    }
  });

  it('has every enum value somewhere in the demo data', async () => {
    const expectAll = async (list: string, field: string, values: string[]) => {
      for (const value of values) assert.ok((await total(list, `${field} = ${value}`)) > 0, `${list}: some ${field} = ${value}`);
    };
    await expectAll('listServers', 'status', ['BUILDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'REBOOTING', 'MIGRATING', 'RECOVERY', 'INSTALLING', 'ERROR', 'DELETING']);
    await expectAll('listDisks', 'status', ['ATTACHED_TO_SERVER', 'NOT_ATTACHED_TO_SERVER', 'CANNOT_BE_ATTACHED_TO_SERVER']);
    await expectAll('listNetworks', 'networkType', ['IP', 'PUBLIC', 'PRIVATE', 'SERVICE', 'INTERWORKING']);
    await expectAll('listSnapshots', 'type', ['DISK', 'SERVER']);
    await expectAll('listFirewallTemplates', 'ipVersion', ['IPV4', 'IPV6']);
    await expectAll('listFirewallTemplates', 'defaultInAction', ['ALLOW', 'DENY']);
    await expectAll('listJobs', 'status', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'SUSPENDED', 'SUCCESSFUL', 'FAILED', 'CANCELLED']);
    await expectAll('listJobs', 'itemType', ['SERVER', 'DISK', 'NETWORK', 'SNAPSHOT', 'SSH_KEY', 'FIREWALL_TEMPLATE', 'DEPLOYMENT_TEMPLATE',
      'DEPLOYMENT_INSTANCE', 'VDC', 'IMAGE', 'CUSTOMER', 'USER', 'BILLING_ENTITY', 'CLUSTER', 'NODE', 'STORAGE_UNIT']);
    for (const state of ['ACTIVE', 'CREATING', 'LOCKED', 'HIDDEN', 'TO_BE_DELETED', 'DELETED']) {
      let count = 0;
      for (const [list] of KINDS.filter(([list]) => list !== 'listJobs')) count += await total(list, `resourceState = ${state}`);
      assert.ok(count > 0, `some resource is ${state}`);
    }
    const protocols = new Set((await all('listFirewallTemplates')).flatMap((f) => f.rules.map((r: any) => r.protocol)));
    assert.deepEqual([...protocols].sort(), ['AH', 'ANY', 'ESP', 'GRE', 'ICMP', 'ICMPV6', 'TCP', 'UDP']);
  });

  it('seeds consistent resources: disks on their servers, snapshots of real sources, counts that add up', async () => {
    const clusters = new Map((await all('listClusters')).map((c) => [c.id, c]));
    const nodes = await all('listNodes');
    const servers = await all('listServers');
    const disks = await all('listDisks');
    const serverById = new Map(servers.map((s) => [s.id, s]));
    const diskById = new Map(disks.map((d) => [d.id, d]));
    for (const server of servers) {
      assert.ok(clusters.has(server.clusterId), 'servers are on real clusters');
      if (server.nodeName !== null) {
        const node = nodes.find((n) => n.name === server.nodeName);
        assert.equal(node?.clusterId, server.clusterId, 'a server runs on a node of its cluster');
      } else {
        assert.ok(['STOPPED', 'BUILDING', 'DELETING'].includes(server.status), `${server.status} servers are placed`);
      }
      assert.ok(server.diskIds.length > 0);
      assert.equal(diskById.get(server.diskIds[0])?.name, `${server.name} boot`, 'the boot disk comes first');
      for (const id of server.diskIds) {
        const disk = diskById.get(id);
        assert.equal(disk?.serverId, server.id);
        assert.equal(disk?.customerId, server.customerId);
      }
    }
    for (const disk of disks) {
      if (disk.serverId === null) assert.notEqual(disk.status, 'ATTACHED_TO_SERVER');
      else assert.ok(serverById.get(disk.serverId)?.diskIds.includes(disk.id));
    }
    for (const snapshot of await all('listSnapshots')) {
      const source = snapshot.type === 'DISK' ? diskById.get(snapshot.sourceId) : serverById.get(snapshot.sourceId);
      assert.equal(source?.customerId, snapshot.customerId, 'a snapshot is of a disk or server of its customer');
    }
    for (const vdc of (await all('listVdcs')).slice(0, 40)) {
      assert.equal(vdc.serverCount, await total('listServers', `vdcId = "${vdc.id}"`));
      assert.equal(vdc.diskCount, await total('listDisks', `vdcId = "${vdc.id}"`));
      assert.equal(vdc.networkCount, await total('listNetworks', `vdcId = "${vdc.id}"`));
    }
    for (const instance of await all('listDeploymentInstances')) {
      const members = instance.serverIds.map((id: string) => serverById.get(id));
      assert.ok(members.every((m: any) => m?.vdcId === instance.vdcId && m.customerId === instance.customerId));
      assert.equal(instance.status, deploymentInstanceStatus(members.map((m: any) => m.status)));
      if (instance.deploymentTemplateId) {
        const template = await t.call('getDeploymentTemplate', { token: t.tokens.licensee, params: { deploymentTemplateId: instance.deploymentTemplateId } });
        assert.equal(template.body.customerId, instance.customerId);
      }
    }
    for (const job of await all('listJobs', 'itemType = SERVER AND status = FAILED')) {
      assert.equal(serverById.get(job.itemId)?.customerId, job.customerId, 'jobs are about real servers of their customer');
      assert.match(job.errorCode, /^[A-Z_]+$/);
    }
    for (const key of (await all('listSshKeys')).slice(0, 20)) {
      const blob = Buffer.from(key.publicKey.split(' ')[1], 'base64');
      const { createHash } = await import('node:crypto');
      assert.equal(key.fingerprint, `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`);
    }
  });

  it('filters on the declared fields', async () => {
    const big = await all('listServers', 'cpu >= 4 AND status = RUNNING');
    assert.ok(big.length > 0 && big.every((s) => s.cpu >= 4 && s.status === 'RUNNING'));
    const unplaced = await all('listServers', 'nodeName = null');
    assert.ok(unplaced.length > 0 && unplaced.every((s) => s.nodeName === null));
    const named = await all('listServers', 'name : "web"');
    assert.ok(named.length > 0 && named.every((s) => s.name.includes('web')));

    const server = big[0];
    const ofServer = await all('listDisks', `serverId = "${server.id}"`);
    assert.deepEqual(ofServer.map((d) => d.id).sort(), [...server.diskIds].sort());
    const isos = await all('listDisks', 'iso = true');
    assert.ok(isos.length > 0 && isos.every((d) => d.iso === true));
    assert.ok((await all('listDisks', 'sizeGb > 400')).every((d) => d.sizeGb > 400));

    const failed = await all('listJobs', 'errorCode != null');
    assert.ok(failed.length > 0 && failed.every((j) => j.status === 'FAILED'));
    const waiting = await all('listJobs', 'startedAt = null');
    assert.ok(waiting.length > 0 && waiting.every((j) => j.startedAt === null && ['NOT_STARTED', 'CANCELLED'].includes(j.status)));
    const platform = await all('listJobs', 'customerId = null');
    assert.ok(platform.length > 0 && platform.every((j) => j.customerId === null));
    const recent = await all('listJobs', 'createdAt >= "2026-10-01T00:00:00Z" AND jobType = "CREATE_SERVER"');
    assert.ok(recent.every((j) => j.createdAt >= '2026-10-01' && j.jobType === 'CREATE_SERVER'));

    assert.ok((await all('listSshKeys', 'globalKey = true')).every((k) => k.globalKey));
    assert.ok((await all('listFirewallTemplates', 'ruleCount > 3')).every((f) => f.ruleCount > 3 && f.rules.length === f.ruleCount));
    const orphans = await all('listDeploymentInstances', 'deploymentTemplateId = null');
    assert.ok(orphans.length > 0 && orphans.every((i) => i.deploymentTemplateId === null));
    assert.ok((await all('listNetworks', 'networkType = PRIVATE')).every((n) => n.networkType === 'PRIVATE'));
    assert.ok((await all('listVdcs', 'serverCount >= 2')).every((v) => v.serverCount >= 2));
    assert.ok((await all('listSnapshots', 'type = SERVER AND sizeGb >= 20')).every((s) => s.type === 'SERVER' && s.sizeGb >= 20));

    // Sorting on a nullable column: nulls first when ascending, the same order on both databases.
    const byNode = await t.call('listServers', { token: t.tokens.licensee, query: { orderBy: 'nodeName', pageSize: 500 } });
    const names = byNode.body.items.map((s: any) => s.nodeName ?? '');
    assert.deepEqual(names, [...names].sort());
    const byStart = await t.call('listJobs', { token: t.tokens.licensee, query: { orderBy: 'startedAt desc', pageSize: 50 } });
    const starts = byStart.body.items.map((j: any) => j.startedAt);
    assert.deepEqual(starts, [...starts].sort().reverse());

    assertProblem(await t.call('listServers', { token: t.tokens.licensee, query: { filter: 'diskIds = "x"' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listServers', { token: t.tokens.licensee, query: { filter: 'status = FLYING' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listDisks', { token: t.tokens.licensee, query: { orderBy: 'serverId' } }), 400, 'invalid_order_by');
  });

  it('keeps each billing entity admin to its own resources', async () => {
    for (const [list, get, param] of KINDS) {
      const mine = await all(list, undefined, t.tokens.alpha);
      assert.ok(mine.every((item) => ALPHA_SCOPE.has(item.billingEntityId)), `${list}: alpha sees only its billing entities`);
      const theirs = await t.call(list, { token: t.tokens.licensee, query: { filter: `billingEntityId = "${BETA}"`, pageSize: 1 } });
      assert.ok(theirs.body.items.length > 0, `${list}: beta has some`);
      assertProblem(await t.call(get, { token: t.tokens.alpha, params: { [param]: theirs.body.items[0].id } }), 404, 'not_found');
      assert.equal((await t.call(get, { token: t.tokens.beta, params: { [param]: theirs.body.items[0].id } })).status, 200);
      assert.equal(await total(list, `billingEntityId = "${BETA}"`, t.tokens.alpha), 0, `${list}: a filter cannot reach past the scope`);
    }
    // Platform jobs are the licensee's; a billing entity's own jobs are its admins'.
    assert.equal(await total('listJobs', 'customerId = null AND itemType = NODE', t.tokens.alpha), 0);
    assert.equal(await total('listJobs', 'itemType = BILLING_ENTITY', t.tokens.alpha), 2);
  });

  it('has no write operations', async () => {
    const server = (await t.call('listServers', { token: t.tokens.licensee, query: { pageSize: 1 } })).body.items[0];
    const attempts: Array<[string, string]> = [
      ['POST', '/v1/servers'], ['PATCH', `/v1/servers/${server.id}`], ['DELETE', `/v1/servers/${server.id}`], ['PUT', `/v1/servers/${server.id}`],
      ['POST', `/v1/servers/${server.id}/start`], ['POST', '/v1/disks'], ['DELETE', '/v1/jobs'],
    ];
    for (const [method, path] of attempts) {
      const response = await fetch(new URL(path, t.url), {
        method, headers: { authorization: `Bearer ${t.tokens.licensee}`, 'content-type': 'application/json' }, ...(method === 'DELETE' ? {} : { body: '{}' }),
      });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      assert.equal((await response.json()).code, 'not_found');
    }
    const unchanged = await t.call('getServer', { token: t.tokens.licensee, params: { serverId: server.id } });
    assert.deepEqual(unchanged.body, server);
  });

  it('derives a deployment instance status from its servers', () => {
    assert.equal(deploymentInstanceStatus(['RUNNING', 'RUNNING']), 'RUNNING');
    assert.equal(deploymentInstanceStatus(['STOPPED', 'STOPPED']), 'STOPPED');
    assert.equal(deploymentInstanceStatus([]), 'STOPPED');
    assert.equal(deploymentInstanceStatus(['RUNNING', 'STARTING', 'STOPPED']), 'STARTING');
    assert.equal(deploymentInstanceStatus(['RUNNING', 'STOPPED']), 'RUNNING');
  });
});
