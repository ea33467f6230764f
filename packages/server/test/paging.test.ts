/**
 * Lists: keyset paging and offset seeks; totalSize without counting every row (exact from row counters for
 * unfiltered lists, kept in the write's transaction; exact up to a bound for filtered ones, and beyond it an estimate
 * that says so and becomes exact on the last page; the bound is lowered here so the demo data crosses it); names of
 * other objects joined when read (the resource kinds carry their customer's name; customers, images, products, offers,
 * FDL code blocks and configuration providers their billing entity's), never copied into the row, filterable and
 * sortable like any list field, within the caller's scope. One seeded server for the whole file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { orderKey } from '../src/store/order-key.js';
import { assertProblem, startTestServer, type TestServer } from './harness.js';

const ALPHA_TREE = [demoBillingEntityId('alpha'), demoBillingEntityId('alpha-kids')];
const ALPHA_SCOPE = new Set(ALPHA_TREE);
const BOUND = 20;
/** Checkpoints every few rows, so the demo data's offsets are sought from checkpoints learnt on the way. */
const STEP = 7;
/** And finer ones inside a step, so a seek passes over a row or two from one. */
const FINE_STEP = 3;

/** Byte order of UTF-8, the order both dialects compare text in; names sort by their order key (order-key.ts). */
const compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const byName = (a: string, b: string) => compare(orderKey(a), orderKey(b));

let t: TestServer;
before(async () => {
  t = await startTestServer({ customers: 150, countBound: BOUND, positionStep: STEP, positionFineStep: FINE_STEP });
});
after(() => t.close());

describe('paging', () => {
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
      ['organisationName', (a, b) => byName(a.organisationName, b.organisationName) || compare(a.id, b.id)],
      ['status desc, createdAt', (a, b) => compare(b.status, a.status) || compare(a.createdAt, b.createdAt) || compare(b.id, a.id)],
      ['createdAt desc', (a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id)],
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
    assert.equal(walked.length, whole.items.length);
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

describe('list totals', () => {
  async function walk(token: string, query: Record<string, string>): Promise<{ ids: string[]; pages: any[] }> {
    const ids: string[] = [];
    const pages: any[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.call('listCustomers', { token, query: { pageSize: '25', ...query, ...(pageToken ? { pageToken } : {}) } });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      pages.push(page.body);
      ids.push(...page.body.items.map((c: any) => c.id));
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    return { ids, pages };
  }

  it('unfiltered totals are exact and follow creates and deletes at once', async () => {
    for (const token of [t.tokens.licensee, t.tokens.alpha]) {
      const { ids, pages } = await walk(token, {});
      assert.ok(ids.length > BOUND);
      for (const page of pages) assert.deepEqual([page.totalSize, page.totalSizeEstimated], [ids.length, false]);
    }
    const before = (await t.call('listCustomers', { token: t.tokens.alpha, query: { pageSize: 1 } })).body.totalSize;
    const alpha = (await t.call('getMe', { token: t.tokens.alpha })).body.billingEntity.id;
    const entity = async () => (await t.call('getBillingEntity', { token: t.tokens.alpha, params: { billingEntityId: alpha } })).body.customerCount;
    const countBefore = await entity();
    const created = await t.call('createCustomer', {
      token: t.tokens.alpha,
      body: { organisationName: 'Counted Ltd', email: 'billing@counted.example', adminUser: { firstName: 'Cora', lastName: 'Count', email: 'cora@counted.example' } },
    });
    assert.equal(created.status, 201);
    assert.equal((await t.call('listCustomers', { token: t.tokens.alpha, query: { pageSize: 1 } })).body.totalSize, before + 1);
    assert.equal(await entity(), countBefore + 1);
    const read = await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: created.body.id } });
    const deleted = await t.call('deleteCustomer', { token: t.tokens.alpha, params: { customerId: created.body.id }, headers: { 'if-match': read.headers.get('etag')! } });
    assert.equal(deleted.status, 204);
    assert.equal((await t.call('listCustomers', { token: t.tokens.alpha, query: { pageSize: 1 } })).body.totalSize, before);
    assert.equal(await entity(), countBefore);
  });

  it('a filtered total beyond the bound is an estimate, flagged, and exact on the last page', async () => {
    const filter = 'status = "ACTIVE"';
    const { ids, pages } = await walk(t.tokens.licensee, { filter });
    assert.ok(ids.length > BOUND, 'the demo data crosses the bound');
    const first = pages[0];
    assert.equal(first.totalSizeEstimated, true);
    assert.ok(first.totalSize > BOUND, `an estimate is never below the bound: ${first.totalSize}`);
    const all = (await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 1 } })).body.totalSize;
    assert.ok(first.totalSize <= all, 'nor above the unfiltered total');
    const last = pages.at(-1);
    assert.deepEqual([last.totalSize, last.totalSizeEstimated, last.nextPageToken], [ids.length, false, null]);
    // Within the bound, exact.
    const few = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: 'status = "PENDING_APPROVAL"', pageSize: 1 } });
    assert.equal(few.body.totalSizeEstimated, false);
    // An offset past an estimated total is an empty page, not an error, and it knows the exact total.
    const past = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter, offset: ids.length + 5, pageSize: 5 } });
    assert.deepEqual([past.status, past.body.items.length, past.body.totalSize, past.body.totalSizeEstimated], [200, 0, ids.length, false]);
    // An offset inside the list, past an estimate that fell short, still pages on (and the last page is exact).
    const near = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter, offset: ids.length - 2, pageSize: 5 } });
    assert.deepEqual([near.body.items.length, near.body.totalSize, near.body.totalSizeEstimated], [2, ids.length, false]);
  });

  it('a search matching beyond the bound is an estimate, a rare one is counted, and both page through exactly their matches', async () => {
    const all = (await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 500 } })).body.items as Array<{ id: string; email: string; organisationName: string }>;
    const common = all.filter((c) => c.email.toLowerCase().includes('billing'));
    assert.ok(common.length > 2 * BOUND, 'the demo data has a search far beyond the bound');
    const wide = await walk(t.tokens.licensee, { filter: 'email : "billing"' });
    assert.deepEqual([wide.pages[0].totalSizeEstimated, wide.pages.at(-1).totalSizeEstimated, wide.pages.at(-1).totalSize], [true, false, common.length]);
    assert.deepEqual(new Set(wide.ids), new Set(common.map((c) => c.id)));
    const word = all[0]!.organisationName.split(' ').find((part) => part.length >= 4)!.toLowerCase();
    const rare = all.filter((c) => c.organisationName.toLowerCase().includes(word));
    assert.ok(rare.length <= BOUND, `"${word}" is rare in the demo data`);
    const narrow = await walk(t.tokens.licensee, { filter: `organisationName : "${word}"` });
    assert.deepEqual([narrow.pages[0].totalSize, narrow.pages[0].totalSizeEstimated], [rare.length, false]);
    assert.deepEqual(new Set(narrow.ids), new Set(rare.map((c) => c.id)));
  });

  it('a search its sample cannot place against the bound is counted: exact, with every match on its pages', async () => {
    // PostgreSQL counts it beside the first page, which is planned from the sample (many matches: walk the order).
    const all = (await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 500 } })).body.items as Array<{ id: string; organisationName: string }>;
    const matching = (word: string) => all.filter((c) => c.organisationName.toLowerCase().includes(word));
    // The commonest word within the bound: its sample's lower bound then clears the share above which pages walk.
    const words = [...new Set(all.flatMap((c) => c.organisationName.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 4)))];
    const word = words.filter((w) => matching(w).length <= BOUND).sort((a, b) => matching(b).length - matching(a).length)[0]!;
    assert.ok(matching(word).length > 0.75 * BOUND, `the demo data has a word in most of the bound's names ("${word}": ${matching(word).length})`);
    const { ids, pages } = await walk(t.tokens.licensee, { filter: `organisationName : "${word}"`, pageSize: '5' });
    assert.deepEqual([pages[0].totalSize, pages[0].totalSizeEstimated], [matching(word).length, false]);
    assert.deepEqual(new Set(ids), new Set(matching(word).map((c) => c.id)));
  });

  it('a match no search index serves is answered where few rows are left to read it on, and refused with how many where not', async () => {
    const all = (await t.call('listCustomers', { token: t.tokens.licensee, query: { pageSize: 500 } })).body.items as Array<{ id: string; status: string; organisationName: string; email: string }>;
    const byStatus = (status: string) => all.filter((c) => c.status === status);
    const statuses = [...new Set(all.map((c) => c.status))];
    const few = statuses.find((s) => byStatus(s).length > 0 && byStatus(s).length <= BOUND)!;
    const many = statuses.find((s) => byStatus(s).length > BOUND)!;
    assert.ok(few && many, 'the demo data has a status with few customers and one with many');
    const letter = byStatus(few)[0]!.organisationName.toLowerCase().replace(/[^a-z]/g, '')[0]!;

    const refused = async (filter: string, read: number) => {
      const answer = await t.call('listCustomers', { token: t.tokens.licensee, query: { filter } });
      assertProblem(answer, 400, 'search_too_short');
      assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.match(answer.body.detail, new RegExp(`about ${read.toLocaleString('en')} items would be read one by one`), filter);
      assert.deepEqual(answer.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [['filter', 'search_too_short']]);
    };
    // Alone, or beside a condition that leaves every row to read, a short text has the whole scope read: refused.
    await refused('organisationName : "zq"', all.length);
    await refused('email : "ö"', all.length);
    await refused(`organisationName : "zq" OR status = "${few}"`, all.length);
    await refused('organisationName = "q*"', all.length);
    // Three letters or digits in a row anywhere in the text are enough; a text of other characters is not.
    assert.equal((await t.call('listCustomers', { token: t.tokens.licensee, query: { filter: 'organisationName : "a_b-zqx"' } })).status, 200);
    await refused('organisationName : "a_b"', all.length);
    // Narrowed to few rows by the rest of the filter, it is answered, exactly.
    const filter = `status = "${few}" AND organisationName : "${letter}"`;
    const { ids, pages } = await walk(t.tokens.licensee, { filter });
    const expected = byStatus(few).filter((c) => c.organisationName.toLowerCase().includes(letter));
    assert.deepEqual([new Set(ids), pages[0].totalSize, pages[0].totalSizeEstimated], [new Set(expected.map((c) => c.id)), expected.length, false]);
    await refused(`status = "${many}" AND organisationName : "${letter}"`, byStatus(many).length);
    // Negated, a short match leaves most rows in: nothing rare to look for. Negated twice, it is rare again.
    for (const filter of ['NOT organisationName : "zq"', 'organisationName != "zq*"', `status = "${many}" AND NOT (organisationName : "zq" OR email : "q")`]) {
      assert.equal((await t.call('listCustomers', { token: t.tokens.licensee, query: { filter } })).status, 200, filter);
    }
    await refused('NOT NOT organisationName : "zq"', all.length);
    await refused('NOT organisationName != "zq*"', all.length);
    await refused(`status = "${many}" AND NOT (status = "${few}" OR NOT organisationName : "zq")`, byStatus(many).length);
    // And a scope of few rows reads them all.
    const small = await t.call('listBillingEntities', { token: t.tokens.licensee, query: { filter: 'name : "a"' } });
    assert.equal(small.status, 200, JSON.stringify(small.body));
  });

  it('offsets land on the rows keyset paging reaches, from either end, merged per billing entity for a BE admin', async () => {
    for (const token of [t.tokens.licensee, t.tokens.alpha]) {
      for (const orderBy of ['organisationName', 'createdAt desc', 'billingEntityName desc']) {
        const { ids } = await walk(token, { orderBy });
        for (const offset of [0, 1, Math.floor(ids.length / 2), ids.length - 2, ids.length - 1]) {
          const page = await t.call('listCustomers', { token, query: { orderBy, offset, pageSize: 3 } });
          assert.deepEqual(page.body.items.map((c: any) => c.id), ids.slice(offset, offset + 3), `${orderBy} at ${offset}`);
          assert.equal(page.body.offset, offset);
        }
      }
    }
  });
});

describe('offsets from checkpoints', () => {
  async function ids(token: string, query: Record<string, string>): Promise<string[]> {
    const found: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.call('listCustomers', { token, query: { pageSize: '40', ...query, ...(pageToken ? { pageToken } : {}) } });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      found.push(...page.body.items.map((c: any) => c.id));
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    return found;
  }
  /**
   * Every offset (a few, twice over, so the second round starts from what the first learnt) lands where keyset paging
   * does. The first seek goes to the middle, learning the checkpoints up to it in one go.
   */
  async function assertOffsets(token: string, query: Record<string, string>, what: string): Promise<string[]> {
    const expected = await ids(token, query);
    assert.ok(expected.length > 3 * STEP, `${what}: more rows than a few checkpoints`);
    const offsets = [...expected.keys()].filter((i) => i % 3 === 0 || i === expected.length - 1);
    for (const round of [[Math.floor(expected.length / 2), ...offsets], [...offsets].reverse()]) {
      for (const offset of round) {
        const page = await t.call('listCustomers', { token, query: { ...query, offset: String(offset), pageSize: '2' } });
        assert.deepEqual(page.body.items.map((c: any) => c.id), expected.slice(offset, offset + 2), `${what} at ${offset}`);
      }
    }
    return expected;
  }

  it('land on the rows keyset paging reaches, for every caller, order and filter, from either end', async () => {
    for (const [name, token] of [['licensee', t.tokens.licensee], ['alpha', t.tokens.alpha]] as const) {
      for (const orderBy of ['organisationName desc', 'status, createdAt', 'billingEntityName']) await assertOffsets(token, { orderBy }, `${name} ${orderBy}`);
      // Beyond the count bound: an estimated total, sought from the start only.
      await assertOffsets(token, { orderBy: 'email', filter: 'status = "ACTIVE"' }, `${name} active by email`);
    }
  });

  it('move with a write to the list\'s table, and with a rename of the names it is ordered by', async () => {
    const query = { orderBy: 'organisationName' };
    const before = await assertOffsets(t.tokens.licensee, query, 'before');
    const created = await t.call('createCustomer', {
      token: t.tokens.alpha,
      body: { organisationName: '!First of all', email: 'first@positions.example', adminUser: { firstName: 'Fay', lastName: 'First', email: 'fay@positions.example' } },
    });
    assert.equal(created.status, 201);
    const after = await assertOffsets(t.tokens.licensee, query, 'after a create');
    assert.deepEqual(after, [created.body.id, ...before], 'every row moved one place');
    const read = await t.call('getCustomer', { token: t.tokens.alpha, params: { customerId: created.body.id } });
    assert.equal((await t.call('deleteCustomer', { token: t.tokens.alpha, params: { customerId: created.body.id }, headers: { 'if-match': read.headers.get('etag')! } })).status, 204);
    assert.deepEqual(await assertOffsets(t.tokens.licensee, query, 'after the delete'), before);

    // Ordered by the billing entity's name: renaming Alpha moves its customers, without a write to the customers.
    const byName = { orderBy: 'billingEntityName' };
    const named = await assertOffsets(t.tokens.licensee, byName, 'by billing entity');
    const alpha = demoBillingEntityId('alpha');
    const rename = async (name: string) => {
      const current = await t.call('getBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: alpha } });
      const patched = await t.call('updateBillingEntity', { token: t.tokens.licensee, params: { billingEntityId: alpha }, headers: { 'if-match': current.headers.get('etag')! }, body: { name } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      return current.body.name as string;
    };
    const original = await rename('~ Last of all');
    try {
      const renamed = await assertOffsets(t.tokens.licensee, byName, 'after the rename');
      assert.notDeepEqual(renamed, named, 'the rename moved rows');
    } finally {
      await rename(original);
    }
  });
});

/** Every list showing a joined name: [list, name field, id field the name belongs to]. */
const JOINED: ReadonlyArray<[string, string, string]> = [
  ...['listServers', 'listDisks', 'listNetworks', 'listSnapshots', 'listSshKeys', 'listFirewallTemplates', 'listDeploymentTemplates', 'listDeploymentInstances', 'listVdcs', 'listJobs'].map(
    (op) => [op, 'customerName', 'customerId'] as [string, string, string],
  ),
  ['listCustomers', 'billingEntityName', 'billingEntityId'],
  ['listImages', 'ownerBillingEntityName', 'ownerBillingEntityId'],
  ['listProducts', 'billingEntityName', 'billingEntityId'],
  ['listProductOffers', 'billingEntityName', 'billingEntityId'],
  ['listFdlCodeBlocks', 'billingEntityName', 'billingEntityId'],
  ['listConfigurationProviders', 'billingEntityName', 'billingEntityId'],
];


describe('names joined when read', () => {
  async function all(op: string, token: string, query: Record<string, string> = {}): Promise<any[]> {
    const items: any[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.call(op, { token, query: { pageSize: '500', ...query, ...(pageToken ? { pageToken } : {}) } });
      assert.equal(page.status, 200, `${op} ${JSON.stringify(query)}: ${JSON.stringify(page.body)}`);
      items.push(...page.body.items);
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    return items;
  }

  it('every list with a joined name shows the current name, and filters and sorts by it both ways', async () => {
    const names = new Map<string, string>();
    for (const c of await all('listCustomers', t.tokens.licensee)) names.set(c.id, c.organisationName);
    for (const be of await all('listBillingEntities', t.tokens.licensee)) names.set(be.id, be.name);
    for (const [op, field, idField] of JOINED) {
      const rows = { licensee: await all(op, t.tokens.licensee), alpha: await all(op, t.tokens.alpha) };
      for (const [who, items] of Object.entries(rows)) {
        assert.ok(items.length > 0, `${op} has rows for ${who}`);
        for (const item of items) assert.equal(item[field], item[idField] === null ? null : names.get(item[idField]), `${op} ${item.id}: ${field}`);
      }
      // The licensee's pages are one query, a BE admin's are merged from one per billing entity: both are sorted, each
      // one way (both ways for servers and customers), to keep the file fast.
      const both = op === 'listServers' || op === 'listCustomers';
      const sorts: Array<['licensee' | 'alpha', boolean]> = both ? [['licensee', false], ['licensee', true], ['alpha', false], ['alpha', true]] : [['licensee', false], ['alpha', true]];
      for (const [who, desc] of sorts) {
        const sorted = await all(op, t.tokens[who], { orderBy: `${field}${desc ? ' desc' : ''}` });
        const label = `${op} by ${field}${desc ? ' desc' : ''} for ${who}`;
        assert.deepEqual(sorted.map((i) => i.id).sort(), rows[who].map((i) => i.id).sort(), `${label}: every row once`);
        for (let i = 1; i < sorted.length; i++) {
          const order = compare(sorted[i - 1][field] ?? '', sorted[i][field] ?? '');
          assert.ok(desc ? order >= 0 : order <= 0, `${label}: ${sorted[i - 1][field]} before ${sorted[i][field]}`);
        }
      }
      const value = rows.licensee.find((i) => i[field])[field] as string;
      const equal = await all(op, t.tokens.licensee, { filter: `${field} = ${JSON.stringify(value)}` });
      assert.deepEqual(equal.map((i) => i.id).sort(), rows.licensee.filter((i) => i[field] === value).map((i) => i.id).sort(), `${op}: ${field} = …`);
      const part = (rows.alpha.find((i) => i[field])[field] as string).slice(1, 4).toLowerCase();
      const contains = await all(op, t.tokens.alpha, { filter: `${field} : ${JSON.stringify(part)}` });
      assert.deepEqual(contains.map((i) => i.id).sort(), rows.alpha.filter((i) => (i[field] ?? '').toLowerCase().includes(part)).map((i) => i.id).sort(), `${op}: ${field} : …`);
    }
  });

  it('a billing entity admin never sees another tenant through a name', async () => {
    for (const [op, field, idField] of JOINED.filter(([op]) => op !== 'listImages')) {
      const beta = await all(op, t.tokens.beta);
      const betaName = beta.find((i) => i[field])?.[field];
      if (!betaName) continue;
      const seen = await all(op, t.tokens.alpha, { filter: `${field} = ${JSON.stringify(betaName)}` });
      for (const item of seen) assert.ok(ALPHA_SCOPE.has(item.billingEntityId ?? item[idField]), `${op}: ${JSON.stringify(item).slice(0, 200)}`);
    }
  });

  it('a renamed customer is renamed on its resources at once; platform jobs have no customer', async () => {
    const [server] = await all('listServers', t.tokens.licensee, { orderBy: 'name' });
    const params = { customerId: server.customerId };
    const customer = await t.call('getCustomer', { token: t.tokens.licensee, params });
    const renamed = `${customer.body.organisationName} (renamed)`;
    const update = await t.call('updateCustomer', { token: t.tokens.licensee, params, body: { organisationName: renamed }, headers: { 'if-match': customer.headers.get('etag')! } });
    assert.equal(update.status, 200);
    for (const op of ['listServers', 'listDisks', 'listJobs']) {
      const items = await all(op, t.tokens.licensee, { filter: `customerId = "${server.customerId}"` });
      assert.ok(items.every((i) => i.customerName === renamed), op);
    }
    const got = await t.call('getServer', { token: t.tokens.licensee, params: { serverId: server.id } });
    assert.equal(got.body.customerName, renamed);

    const platform = await all('listJobs', t.tokens.licensee, { filter: 'customerName = null' });
    assert.ok(platform.length > 0 && platform.every((j) => j.customerId === null && j.customerName === null));
    assertProblem(await t.call('listServers', { token: t.tokens.licensee, query: { filter: 'customerName = null' } }), 400, 'invalid_filter');
  });
});
