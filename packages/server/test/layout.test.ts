import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMINS, assertProblem, startTestServer, type TestServer } from './harness.js';

const PORTAL = 'https://portal.alpha.example';

const TABS = [
  { id: 'customers', title: 'Customers', widgets: [{ id: 'pending-customers', type: 'fco-pending-customers' }, { id: 'customers', type: 'fco-customers' }] },
  { id: 'money', title: 'Money', widgets: [{ id: 'unpaid-invoices', type: 'fco-unpaid-invoices', title: 'Awaiting payment' }] },
];

describe('layout', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 20 });
  });
  after(() => t.close());

  it('gives the licensee the default layout with the Hardware tab', async () => {
    const layout = await t.call('getLayout', { token: t.tokens.licensee });
    assert.equal(layout.status, 200);
    assert.ok(layout.headers.get('etag'));
    assert.equal(layout.body.isDefault, true);
    assert.equal(layout.body.updatedAt, null);
    assert.deepEqual(layout.body.tabs.map((tab: any) => tab.id), ['customers', 'resources', 'images', 'billing', 'platform', 'plugins', 'reports', 'hardware']);
    assert.deepEqual(layout.body.tabs[0], {
      id: 'customers',
      title: 'Customers',
      widgets: [
        { id: 'customers', type: 'fco-customers' },
        { id: 'users', type: 'fco-users' },
        { id: 'pending-customers', type: 'fco-pending-customers' },
      ],
    });
    const hardware = layout.body.tabs.find((tab: any) => tab.id === 'hardware');
    assert.deepEqual(hardware.widgets.map((w: any) => w.type), ['fco-clusters', 'fco-nodes', 'fco-storage-units', 'fco-ip-pools']);
    assert.equal(layout.body.tabs.find((tab: any) => tab.id === 'resources').widgets.length, 10);
  });

  it('offers widgets outside the default: fco-invoices can be added, by billing entity admins too', async () => {
    const layout = await t.call('getLayout', { token: t.tokens.beta });
    assert.ok(!JSON.stringify(layout.body).includes('fco-invoices'));
    const tabs = [{ id: 'money', title: 'Money', widgets: [{ id: 'invoices', type: 'fco-invoices' }] }];
    const token = await t.login(ADMINS.beta);
    const saved = await t.call('replaceLayout', { token, headers: { 'if-match': layout.headers.get('etag')! }, body: { tabs } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(saved.body.tabs, tabs);
    const reset = await t.call('resetLayout', { token, headers: { 'if-match': saved.headers.get('etag')! } });
    assert.equal(reset.status, 200);
  });

  it('gives a billing entity admin the default without hardware', async () => {
    const layout = await t.call('getLayout', { token: t.tokens.beta });
    assert.equal(layout.body.isDefault, true);
    assert.deepEqual(layout.body.tabs.map((tab: any) => tab.id), ['customers', 'resources', 'images', 'billing', 'platform', 'plugins', 'reports']);
    assert.ok(!JSON.stringify(layout.body).includes('fco-clusters'));
  });

  it('saves, guards concurrent edits with If-Match (412), and resets', async () => {
    const token = await t.login(ADMINS.alpha);
    const start = await t.call('getLayout', { token });
    const startTag = start.headers.get('etag')!;

    const saved = await t.call('replaceLayout', { token, headers: { 'if-match': startTag }, body: { tabs: TABS } });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.isDefault, false);
    assert.ok(saved.body.updatedAt);
    assert.deepEqual(saved.body.tabs, TABS);
    const savedTag = saved.headers.get('etag')!;
    assert.notEqual(savedTag, startTag);

    // Another window still holding the default's ETag loses.
    assertProblem(await t.call('replaceLayout', { token, headers: { 'if-match': startTag }, body: { tabs: TABS.slice(1) } }), 412, 'precondition_failed');

    // The saved layout is per user, shared by all the user's sessions, and does not touch other users.
    const again = await t.call('getLayout', { token: t.tokens.alpha });
    assert.deepEqual(again.body, saved.body);
    assert.equal(again.headers.get('etag'), savedTag);
    assert.equal((await t.call('getLayout', { token: t.tokens.beta })).body.isDefault, true);

    // A second save from the saved version works; its updatedAt moves on.
    const second = await t.call('replaceLayout', { token, headers: { 'if-match': savedTag }, body: { tabs: [...TABS].reverse() } });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body.tabs.map((tab: any) => tab.id), ['money', 'customers']);
    assert.ok(second.body.updatedAt > saved.body.updatedAt);

    assertProblem(await t.call('resetLayout', { token, headers: { 'if-match': savedTag } }), 412, 'precondition_failed');
    const reset = await t.call('resetLayout', { token, headers: { 'if-match': second.headers.get('etag')! } });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.isDefault, true);
    assert.equal(reset.headers.get('etag'), startTag);
    assert.deepEqual((await t.call('getLayout', { token })).body, start.body);
    // Resetting a default layout is harmless; saving without If-Match overwrites.
    assert.equal((await t.call('resetLayout', { token })).status, 200);
    assert.equal((await t.call('replaceLayout', { token, body: { tabs: TABS } })).status, 200);
    assert.equal((await t.call('resetLayout', { token })).body.isDefault, true);
  });

  it('lets only one of two racing saves from the same version win', async () => {
    const token = t.tokens.licensee;
    const tag = (await t.call('getLayout', { token })).headers.get('etag')!;
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => t.call('replaceLayout', { token, headers: { 'if-match': tag }, body: { tabs: [{ id: `tab-${i}`, title: `Tab ${i}`, widgets: [] }] } })),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1, results.map((r) => r.status).join(','));
    for (const r of results) if (r.status !== 200) assertProblem(r, 412, 'precondition_failed');
    await t.call('resetLayout', { token });
  });

  it('rejects duplicate ids, unknown widgets and hardware widgets for billing entity admins (422 with pointers)', async () => {
    const duplicateTabs = await t.call('replaceLayout', {
      token: t.tokens.beta,
      body: { tabs: [{ id: 'a', title: 'A', widgets: [] }, { id: 'a', title: 'A again', widgets: [] }] },
    });
    assertProblem(duplicateTabs, 422, 'validation_failed');
    assert.deepEqual(duplicateTabs.body.errors.map((e: any) => [e.pointer, e.code]), [['/tabs/1/id', 'duplicate']]);

    const duplicateWidgets = await t.call('replaceLayout', {
      token: t.tokens.beta,
      body: { tabs: [{ id: 'a', title: 'A', widgets: [{ id: 'x', type: 'fco-customers' }, { id: 'x', type: 'fco-users' }] }] },
    });
    assert.deepEqual(duplicateWidgets.body.errors.map((e: any) => [e.pointer, e.code]), [['/tabs/0/widgets/1/id', 'duplicate']]);

    // The same widget id in two tabs is fine.
    const sameIdTwoTabs = { tabs: [{ id: 'a', title: 'A', widgets: [{ id: 'x', type: 'fco-customers' }] }, { id: 'b', title: 'B', widgets: [{ id: 'x', type: 'fco-users' }] }] };
    assert.equal((await t.call('replaceLayout', { token: t.tokens.beta, body: sameIdTwoTabs })).status, 200);

    const unknown = await t.call('replaceLayout', {
      token: t.tokens.licensee,
      body: { tabs: [{ id: 'a', title: 'A', widgets: [] }, { id: 'b', title: 'B', widgets: [] }, { id: 'c', title: 'C', widgets: [{ id: 'w', type: 'fco-teapot' }] }] },
    });
    assertProblem(unknown, 422, 'validation_failed');
    assert.deepEqual(unknown.body.errors.map((e: any) => [e.pointer, e.code]), [['/tabs/2/widgets/0/type', 'unknown_widget']]);

    const hardware = { tabs: [{ id: 'kit', title: 'Kit', widgets: [{ id: 'customers', type: 'fco-customers' }, { id: 'nodes', type: 'fco-nodes' }] }] };
    const refused = await t.call('replaceLayout', { token: t.tokens.beta, body: hardware });
    assertProblem(refused, 422, 'validation_failed');
    assert.deepEqual(refused.body.errors.map((e: any) => [e.pointer, e.code]), [['/tabs/0/widgets/1/type', 'widget_not_allowed']]);
    assert.equal((await t.call('replaceLayout', { token: t.tokens.licensee, body: hardware })).status, 200);
    await t.call('resetLayout', { token: t.tokens.licensee });
    await t.call('resetLayout', { token: t.tokens.beta });
  });

  it('enforces the schema limits and shape', async () => {
    const token = t.tokens.alpha;
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: [] } }), 422, 'validation_failed');
    const many = Array.from({ length: 31 }, (_, i) => ({ id: `t${i}`, title: `T${i}`, widgets: [] }));
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: many } }), 422, 'validation_failed');
    const crowded = [{ id: 'a', title: 'A', widgets: Array.from({ length: 21 }, (_, i) => ({ id: `w${i}`, type: 'fco-customers' })) }];
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: crowded } }), 422, 'validation_failed');
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: [{ id: 'Bad Id', title: 'A', widgets: [] }] } }), 422, 'validation_failed');
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: [{ id: 'a', title: '', widgets: [] }] } }), 422, 'validation_failed');
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: [{ id: 'a', title: 'A', widgets: [], colour: 'red' }] } }), 422, 'unknown_field');
    assertProblem(await t.call('replaceLayout', { token, body: { tabs: TABS, isDefault: false } }), 422, 'read_only_field');
    assertProblem(await t.call('replaceLayout', { token, rawBody: '{"tabs": [' }), 400, 'invalid_json');
  });

  it('needs a principal', async () => {
    assertProblem(await t.call('getLayout', {}), 401, 'unauthenticated');
    assertProblem(await t.call('replaceLayout', { body: { tabs: TABS } }), 401, 'unauthenticated');
    assertProblem(await t.call('resetLayout', {}), 401, 'unauthenticated');
  });

  it('lets an embed token use its user\'s layout, within its scopes', async () => {
    const key = (await t.call('createApiKey', {
      token: t.tokens.alpha,
      body: { name: 'Portal', scopes: ['embed-sessions:create', 'layout:read', 'layout:write', 'customers:read'] },
    })).body.secret;
    const mint = async (scopes: string[]) =>
      (await t.call('createEmbedSession', { token: key, body: { userEmail: ADMINS.alpha, origin: PORTAL, scopes } })).body.token as string;
    const writer = await mint(['layout:read', 'layout:write']);
    const headers = { origin: PORTAL };
    const saved = await t.call('replaceLayout', { token: writer, headers, body: { tabs: TABS } });
    assert.equal(saved.status, 200);
    assert.deepEqual((await t.call('getLayout', { token: t.tokens.alpha })).body, saved.body);
    const reader = await mint(['layout:read']);
    assert.deepEqual((await t.call('getLayout', { token: reader, headers })).body, saved.body);
    assertProblem(await t.call('resetLayout', { token: reader, headers }), 403, 'forbidden');
    const customersOnly = await mint(['customers:read']);
    assertProblem(await t.call('getLayout', { token: customersOnly, headers }), 403, 'forbidden');
    assert.equal((await t.call('resetLayout', { token: writer, headers })).body.isDefault, true);
  });
  it('fits the default layout to the token: only widgets it may call, only tabs left with widgets', async () => {
    const key = (await t.call('createApiKey', {
      token: t.tokens.beta,
      body: { name: 'Portal', scopes: ['embed-sessions:create', 'layout:read', 'customers:read', 'users:read', 'invoices:read'] },
    })).body.secret;
    const origin = 'https://portal.beta.example';
    const headers = { origin };
    const defaultFor = async (body: { scopes: string[]; widgets?: string[] }) => {
      const minted = await t.call('createEmbedSession', { token: key, body: { userEmail: ADMINS.beta, origin, ...body } });
      assert.equal(minted.status, 201, JSON.stringify(minted.body));
      const layout = await t.call('getLayout', { token: minted.body.token, headers });
      assert.equal(layout.body.isDefault, true);
      return layout.body.tabs.map((tab: any) => `${tab.id}: ${tab.widgets.map((w: any) => w.type).join(' ')}`);
    };
    assert.deepEqual(await defaultFor({ scopes: ['layout:read'] }), [], 'a token that may open no widget gets no tabs');
    assert.deepEqual(await defaultFor({ scopes: ['layout:read', 'customers:read'] }), ['customers: fco-customers fco-pending-customers']);
    assert.deepEqual(await defaultFor({ scopes: ['layout:read', 'customers:read', 'invoices:read'] }), [
      'customers: fco-customers fco-pending-customers',
      'billing: fco-paid-invoices fco-unpaid-invoices',
    ]);
    assert.deepEqual(await defaultFor({ scopes: ['layout:read', 'customers:read', 'users:read'], widgets: ['fco-admin-page', 'fco-users'] }), ['customers: fco-users']);
    // The admin's own token still gets the whole default of the role.
    const own = await t.call('getLayout', { token: t.tokens.beta });
    assert.deepEqual(own.body.tabs.map((tab: any) => tab.id), ['customers', 'resources', 'images', 'billing', 'platform', 'plugins', 'reports']);
  });
});
