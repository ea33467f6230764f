import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyNodePatch } from '../src/areas/hardware/domain.js';
import { ApiProblem } from '../src/http/problem.js';
import { assertProblem, startTestServer, type TestServer } from './harness.js';

const KINDS = [
  ['listClusters', 'getCluster', 'updateCluster', 'clusterId'],
  ['listNodes', 'getNode', 'updateNode', 'nodeId'],
  ['listStorageUnits', 'getStorageUnit', 'updateStorageUnit', 'storageUnitId'],
  ['listIpPools', 'getIpPool', 'updateIpPool', 'ipPoolId'],
] as const;

describe('hardware (licensee only)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 80 });
  });
  after(() => t.close());

  const list = async (operationId: string, filter?: string) => {
    const page = await t.call(operationId, { token: t.tokens.licensee, query: { filter, pageSize: 500 } });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    return page.body.items as any[];
  };

  it('lists and gets everything for the licensee, 403 for billing entity admins, 401 without a token', async () => {
    for (const [listId, getId, updateId, param] of KINDS) {
      const items = await list(listId);
      assert.ok(items.length >= 3, `${listId} is seeded`);
      const one = await t.call(getId, { token: t.tokens.licensee, params: { [param]: items[0].id } });
      assert.deepEqual(one.body, items[0]);
      assert.ok(one.headers.get('etag'));
      assertProblem(await t.call(getId, { token: t.tokens.licensee, params: { [param]: '00000000-0000-4000-8000-000000000000' } }), 404, 'not_found');
      for (const token of [t.tokens.alpha, t.tokens.beta]) {
        assertProblem(await t.call(listId, { token }), 403, 'forbidden');
        assertProblem(await t.call(getId, { token, params: { [param]: items[0].id } }), 403, 'forbidden');
        assertProblem(await t.call(updateId, { token, params: { [param]: items[0].id }, body: { name: 'Taken over' } }), 403, 'forbidden');
      }
      assertProblem(await t.call(listId, { token: null }), 401, 'unauthenticated');
    }
    assert.equal((await t.call('getCluster', { token: t.tokens.licensee, params: { clusterId: (await list('listClusters'))[0].id } })).body.name, (await list('listClusters'))[0].name, 'BE attempts changed nothing');
  });

  it('covers every hypervisor status and state, with counts that agree with the resources', async () => {
    const clusters = await list('listClusters');
    assert.equal(new Set(clusters.map((c) => c.hypervisor)).size, clusters.length, 'clusters on different hypervisors');
    assert.deepEqual(new Set(clusters.map((c) => c.status)), new Set(['ACTIVE', 'MAINTENANCE', 'DISABLED']));
    assert.deepEqual(new Set((await list('listNodes')).map((n) => n.state)), new Set(['RUNNING', 'MAINTENANCE', 'OFFLINE', 'ERROR']));
    const units = await list('listStorageUnits');
    assert.deepEqual(new Set(units.map((u) => u.state)), new Set(['RUNNING', 'MAINTENANCE', 'OFFLINE', 'ERROR']));
    assert.deepEqual(new Set(units.map((u) => u.type)), new Set(['LOCAL', 'NFS', 'ISCSI', 'CEPH']));
    assert.ok(units.every((u) => u.usedGb <= u.capacityGb));
    const pools = await list('listIpPools');
    assert.deepEqual(new Set(pools.map((p) => p.networkType)), new Set(['IP', 'PUBLIC', 'PRIVATE', 'SERVICE', 'INTERWORKING']));
    assert.ok(pools.every((p) => p.freeAddresses <= p.totalAddresses));

    for (const cluster of clusters) {
      const nodes = await list('listNodes', `clusterId = "${cluster.id}"`);
      assert.equal(cluster.nodeCount, nodes.length);
      const servers = await t.call('listServers', { token: t.tokens.licensee, query: { filter: `clusterId = "${cluster.id}"`, pageSize: 1 } });
      assert.equal(cluster.serverCount, servers.body.totalSize, `${cluster.name} counts its servers`);
      for (const node of nodes) {
        const onNode = await t.call('listServers', { token: t.tokens.licensee, query: { filter: `nodeName = "${node.name}"`, pageSize: 1 } });
        assert.equal(node.serverCount, onNode.body.totalSize, `${node.name} counts its servers`);
      }
    }
    // Public pools hand out a /29 per customer public network.
    for (const pool of pools.filter((p) => p.networkType === 'PUBLIC' && p.ipVersion === 'IPV4')) {
      const networks = await t.call('listNetworks', { token: t.tokens.licensee, query: { filter: `clusterId = "${pool.clusterId}" AND networkType = PUBLIC`, pageSize: 1 } });
      assert.equal(pool.totalAddresses - pool.freeAddresses, 8 * networks.body.totalSize);
    }
    assert.ok((await list('listNodes', 'cpuCores >= 64 AND state = RUNNING')).every((n) => n.cpuCores >= 64 && n.state === 'RUNNING'));
    assert.ok((await list('listIpPools', 'ipVersion = IPV6')).every((p) => p.totalAddresses === Number.MAX_SAFE_INTEGER));
    assert.ok((await list('listStorageUnits', 'name : "ceph"')).length >= 2);
    const byUse = (await t.call('listStorageUnits', { token: t.tokens.licensee, query: { orderBy: 'usedGb desc' } })).body.items.map((u: any) => u.usedGb);
    assert.deepEqual(byUse, [...byUse].sort((a, b) => b - a));
  });

  it('edits names and descriptions with If-Match', async () => {
    for (const [listId, getId, updateId, param] of KINDS) {
      const [item] = await list(listId);
      const read = await t.call(getId, { token: t.tokens.licensee, params: { [param]: item.id } });
      const etag = read.headers.get('etag')!;
      const changed = await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, headers: { 'if-match': etag }, body: { name: `${item.name} (renamed)`, description: 'A note for operators.' } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.name, `${item.name} (renamed)`);
      assert.equal(changed.body.description, 'A note for operators.');
      assert.notEqual(changed.headers.get('etag'), etag);
      assertProblem(await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, headers: { 'if-match': etag }, body: { name: 'Stale' } }), 412, 'precondition_failed');
      const cleared = await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, headers: { 'if-match': changed.headers.get('etag')! }, body: { description: null } });
      assert.equal(cleared.body.description, null);
      assert.equal(cleared.body.name, `${item.name} (renamed)`);
      const reread = await t.call(getId, { token: t.tokens.licensee, params: { [param]: item.id } });
      assert.deepEqual(reread.body, cleared.body);
      assert.equal(reread.headers.get('etag'), cleared.headers.get('etag'));
      // Bad input is a 4xx problem, never a 5xx.
      assertProblem(await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, body: {} }), 422, 'validation_failed');
      assertProblem(await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, body: { createdAt: '2020-01-01T00:00:00Z' } }), 422, 'read_only_field');
      assertProblem(await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, body: { colour: 'red' } }), 422, 'unknown_field');
      assertProblem(await t.call(updateId, { token: t.tokens.licensee, params: { [param]: item.id }, body: { name: '' } }), 422, 'validation_failed');
    }
  });

  it('moves a node only between RUNNING and MAINTENANCE', async () => {
    const nodes = await list('listNodes');
    const running = nodes.find((n) => n.state === 'RUNNING')!;
    const maintenance = await t.call('updateNode', { token: t.tokens.licensee, params: { nodeId: running.id }, body: { state: 'MAINTENANCE', description: 'Firmware update.' } });
    assert.equal(maintenance.body.state, 'MAINTENANCE');
    const back = await t.call('updateNode', { token: t.tokens.licensee, params: { nodeId: running.id }, headers: { 'if-match': maintenance.headers.get('etag')! }, body: { state: 'RUNNING' } });
    assert.equal(back.body.state, 'RUNNING');
    assert.equal(back.body.description, 'Firmware update.');
    for (const state of ['OFFLINE', 'ERROR']) {
      const node = nodes.find((n) => n.state === state)!;
      assertProblem(await t.call('updateNode', { token: t.tokens.licensee, params: { nodeId: node.id }, body: { state: 'RUNNING' } }), 409, 'invalid_state');
      assertProblem(await t.call('updateNode', { token: t.tokens.licensee, params: { nodeId: node.id }, body: { state: 'MAINTENANCE', name: 'ignored' } }), 409, 'invalid_state');
      assert.equal((await t.call('getNode', { token: t.tokens.licensee, params: { nodeId: node.id } })).body.name, node.name, 'a refused change changes nothing');
      const renamed = await t.call('updateNode', { token: t.tokens.licensee, params: { nodeId: node.id }, body: { description: 'Still down.' } });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.state, state);
    }
    assertProblem(await t.call('updateNode', { token: t.tokens.licensee, params: { nodeId: running.id }, body: { state: 'OFFLINE' } }), 422, 'validation_failed');
  });

  it('node rule without HTTP', () => {
    const node = { id: 'n', name: 'kvm-01', description: null, clusterId: 'c', state: 'ERROR', ipAddress: '10.0.0.1', cpuCores: 8, ramMb: 1024, serverCount: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' } as const;
    const now = new Date('2026-11-01T00:00:00.000Z');
    assert.throws(() => applyNodePatch({ ...node }, { state: 'RUNNING' }, now), (e: unknown) => e instanceof ApiProblem && e.code === 'invalid_state');
    assert.equal(applyNodePatch({ ...node, state: 'RUNNING' }, { state: 'MAINTENANCE' }, now).state, 'MAINTENANCE');
    assert.equal(applyNodePatch({ ...node, state: 'MAINTENANCE' }, { state: 'MAINTENANCE', name: 'x' }, now).name, 'x');
    assert.equal(applyNodePatch({ ...node }, { description: 'note' }, now).updatedAt, now.toISOString());
  });
});
