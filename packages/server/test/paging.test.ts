import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { assertProblem, startTestServer, type TestServer } from './harness.js';

const ALPHA_TREE = [demoBillingEntityId('alpha'), demoBillingEntityId('alpha-kids')];

describe('paging', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 150 });
  });
  after(() => t.close());

  async function walk(operationId: string, token: string, query: Record<string, string | number>) {
    const items: any[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await t.call(operationId, { token, query: { ...query, ...(pageToken ? { pageToken } : {}) } });
      assert.equal(page.status, 200);
      assert.equal(page.body.offset, items.length, 'offset tells where the page starts');
      items.push(...page.body.items);
      pageToken = page.body.nextPageToken ?? undefined;
      assert.ok(++pages < 200);
    } while (pageToken);
    return items;
  }

  it('keyset pages cover every item once, in order, for several orders', async () => {
    const all = (await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 500 } })).body;
    assert.equal(all.totalSize, 150);
    const cases: Array<[string, (a: any, b: any) => number]> = [
      ['organisationName', (a, b) => cmp(a.organisationName, b.organisationName) || cmp(a.id, b.id)],
      ['status desc, createdAt', (a, b) => cmp(b.status, a.status) || cmp(a.createdAt, b.createdAt) || cmp(b.id, a.id)],
      ['createdAt desc', (a, b) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id)],
    ];
    for (const [orderBy, compare] of cases) {
      const walked = await walk('listCustomers', t.tokens.licensee, { orderBy, pageSize: 7 });
      assert.equal(walked.length, 150, orderBy);
      assert.equal(new Set(walked.map((c) => c.id)).size, 150, `${orderBy}: no duplicates`);
      assert.deepEqual(walked.map((c) => c.id), [...all.items].sort(compare).map((c) => c.id), orderBy);
    }
  });

  it('a billing entity admin\'s pages (merged over its billing entities) are complete and in order', async () => {
    const filter = ALPHA_TREE.map((id) => `billingEntityId = "${id}"`).join(' OR ');
    for (const orderBy of ['organisationName desc', 'createdAt']) {
      const reference = (await t.call('listCustomers', { token: t.tokens.licensee, query: { filter, orderBy, pageSize: 500 } })).body.items;
      const walked = await walk('listCustomers', t.tokens.alpha, { orderBy, pageSize: 6 });
      assert.deepEqual(walked.map((c) => c.id), reference.map((c: any) => c.id), orderBy);
      const seek = await t.call('listCustomers', { token: t.tokens.alpha, query: { orderBy, offset: 11, pageSize: 4 } });
      assert.deepEqual(seek.body.items.map((c: any) => c.id), reference.slice(11, 15).map((c: any) => c.id));
    }
  });

  it('pages over a nullable sort field with a filter', async () => {
    const query = { orderBy: 'lastLoginTime desc', filter: 'admin = true', pageSize: 9 };
    const walked = await walk('listUsers', t.tokens.licensee, query);
    const whole = (await t.call('listUsers', { token: t.tokens.licensee, query: { filter: 'admin = true', pageSize: 500 } })).body;
    assert.equal(walked.length, whole.totalSize);
    assert.ok(walked.some((u) => u.lastLoginTime === null) && walked.some((u) => u.lastLoginTime !== null));
    const times = walked.map((u) => u.lastLoginTime ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it('seeks by offset and continues by keyset from there', async () => {
    const reference = await walk('listCustomers', t.tokens.licensee, { orderBy: 'email', pageSize: 50 });
    const seek = await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'email', offset: 97, pageSize: 5 } });
    assert.equal(seek.body.offset, 97);
    assert.deepEqual(seek.body.items.map((c: any) => c.id), reference.slice(97, 102).map((c) => c.id));
    const next = await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'email', pageSize: 5, pageToken: seek.body.nextPageToken } });
    assert.equal(next.body.offset, 102);
    assert.deepEqual(next.body.items.map((c: any) => c.id), reference.slice(102, 107).map((c) => c.id));
    const beyond = await t.call('listCustomers', { token: t.tokens.licensee, query: { offset: 10_000 } });
    assert.deepEqual([beyond.body.items.length, beyond.body.nextPageToken, beyond.body.totalSize], [0, null, 150]);
  });

  it('refuses tampered tokens and tokens of another filter or order', async () => {
    const first = await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'email', pageSize: 5 } });
    const pageToken: string = first.body.nextPageToken;
    const [payload, signature] = pageToken.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    decoded.o = 0;
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    for (const bad of [forged, pageToken.slice(0, -3) + 'abc', 'garbage', `${payload}.`]) {
      assertProblem(await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'email', pageSize: 5, pageToken: bad } }), 400, 'invalid_page_token');
    }
    assertProblem(await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'status', pageSize: 5, pageToken } }), 400, 'invalid_page_token');
    assertProblem(await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'email', filter: 'status = ACTIVE', pageSize: 5, pageToken } }), 400, 'invalid_page_token');
    assertProblem(await t.call('listUsers', { token: t.tokens.licensee, query: { orderBy: 'email', pageSize: 5, pageToken } }), 400, 'invalid_page_token');
  });

  it('a page token cannot widen the scope', async () => {
    const licenseePage = await t.call('listCustomers', { token: t.tokens.licensee, query: { orderBy: 'email', pageSize: 3 } });
    const rest = await t.call('listCustomers', { token: t.tokens.alpha, query: { orderBy: 'email', pageSize: 500, pageToken: licenseePage.body.nextPageToken } });
    assert.equal(rest.status, 200);
    assert.ok(rest.body.items.length > 0);
    assert.ok(rest.body.items.every((c: any) => ALPHA_TREE.includes(c.billingEntityId)));
    const alphaTotal = (await t.call('listCustomers', { token: t.tokens.alpha })).body.totalSize;
    assert.equal(rest.body.totalSize, alphaTotal);
  });
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
