import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { csvCell, csvLine } from '../src/areas/reports/csv.js';

const PERIOD = { from: '2026-05-01', to: '2026-10-31' };

/** Sums decimal strings exactly (as hundredths). */
const cents = (text: string) => {
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  return text.startsWith('-') ? -value : value;
};

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  assert.equal(field, '', 'CSV ends with CRLF');
  return rows;
}

describe('reports', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t?.close();
  });

  const run = async (reportId: string, inputs: Record<string, unknown>, token = t.tokens.licensee) => {
    const r = await t.call('runReport', { token, params: { reportId }, body: { inputs } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  /** Every invoice of a list filter, through the list API. */
  const invoices = async (filter: string, token = t.tokens.licensee) => {
    const items: any[] = [];
    let pageToken: string | undefined;
    do {
      const r = await t.call('listInvoices', { token, query: { filter, pageSize: 500, pageToken } });
      assert.equal(r.status, 200);
      items.push(...r.body.items);
      pageToken = r.body.nextPageToken ?? undefined;
    } while (pageToken);
    return items;
  };

  test('the catalogue: list, filter, get', async () => {
    const all = await t.call('listReports', { token: t.tokens.alpha });
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.items.map((r: any) => r.id), ['customer-signups', 'invoice-ageing', 'resource-counts', 'revenue', 'unit-usage']);
    assert.equal(all.body.nextPageToken, null);
    const one = await t.call('listReports', { token: t.tokens.alpha, query: { filter: 'id = "revenue"' } });
    assert.deepEqual(one.body.items.map((r: any) => r.id), ['revenue']);
    const desc = await t.call('listReports', { token: t.tokens.alpha, query: { orderBy: 'name desc', pageSize: 2, offset: 1 } });
    assert.deepEqual([desc.body.items.length, desc.body.totalSize, desc.body.offset], [2, 5, 1]);
    // Pages like every list: following the page tokens gives every report once, in order.
    const byName = [...all.body.items].sort((a: any, b: any) => (a.name < b.name ? 1 : -1)).map((r: any) => r.id);
    const paged: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.call('listReports', { token: t.tokens.alpha, query: { orderBy: 'name desc', pageSize: 2, pageToken } });
      assert.equal(page.status, 200);
      assert.equal(page.body.offset, paged.length);
      paged.push(...page.body.items.map((r: any) => r.id));
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    assert.deepEqual(paged, byName);
    assert.deepEqual(desc.body.items.map((r: any) => r.id), byName.slice(1, 3));
    const last = await t.call('listReports', { token: t.tokens.alpha, query: { pageSize: 5 } });
    assert.equal(last.body.nextPageToken, null, 'no token after the last item');
    assertProblem(await t.call('listReports', { token: t.tokens.alpha, query: { orderBy: 'name', pageToken: desc.body.nextPageToken } }), 400, 'invalid_page_token');
    const report = await t.call('getReport', { token: t.tokens.alpha, params: { reportId: 'unit-usage' } });
    assert.equal(report.status, 200);
    assert.ok(report.headers.get('etag'));
    assertProblem(await t.call('getReport', { token: t.tokens.alpha, params: { reportId: 'nope' } }), 404, 'not_found');
    assertProblem(await t.call('listReports', {}), 401, 'unauthenticated');
  });

  test('every report runs for the licensee and for a billing entity admin (its billing entities only), chart-ready, and exports a named CSV', async () => {
    const names = async (token: string) => new Set((await t.call('listBillingEntities', { token, query: { pageSize: 100 } })).body.items.map((b: any) => b.name as string));
    const scopes = { licensee: await names(t.tokens.licensee), alpha: await names(t.tokens.alpha) };
    assert.ok(scopes.licensee.size > scopes.alpha.size);
    const catalogue = (await t.call('listReports', { token: t.tokens.alpha })).body.items as any[];
    assert.equal(catalogue.length, 5);
    for (const report of catalogue) {
      const inputs = report.inputs.some((i: any) => i.type === 'DATE_RANGE') ? { period: PERIOD } : {};
      for (const who of ['licensee', 'alpha'] as const) {
        const result = await run(report.id, inputs, t.tokens[who]);
        const where = `${report.id} as ${who}`;
        assert.ok(result.rows.length > 0, `${where}: no rows`);
        // What a chart needs: its types, an x column, numeric series, and rows that never repeat an (x, group) pair.
        assert.deepEqual(result.chartTypes, report.chartTypes, where);
        assert.ok(result.chartTypes.includes(result.chart.type), where);
        const column = (key: string) => result.columns.find((c: any) => c.key === key);
        assert.ok(column(result.chart.xColumn), `${where}: x column`);
        for (const key of result.chart.seriesColumns) assert.ok(['INTEGER', 'DECIMAL', 'MONEY'].includes(column(key)?.type), `${where}: series ${key}`);
        // Signups and each of the states they stand in now: the chart leaves none of the parts out.
        if (report.id === 'customer-signups') {
          assert.deepEqual(result.chart.seriesColumns, result.columns.filter((c: any) => c.type === 'INTEGER').map((c: any) => c.key), `${where}: every count charted`);
        }
        if (result.chart.groupColumn !== null) assert.ok(column(result.chart.groupColumn), `${where}: group column`);
        const pairs = result.rows.map((r: any) => `${r[result.chart.xColumn]}\u0000${result.chart.groupColumn ? r[result.chart.groupColumn] : ''}`);
        assert.equal(new Set(pairs).size, pairs.length, `${where}: an (x, group) pair repeats`);
        // A billing entity admin's rows name only its own billing entities.
        if (column('billingEntity')) for (const row of result.rows) assert.ok(scopes[who].has(row.billingEntity), `${where}: ${row.billingEntity}`);
        const exported = await t.call('exportReport', { token: t.tokens[who], params: { reportId: report.id }, body: { inputs } });
        assert.equal(exported.status, 200);
        assert.equal(exported.headers.get('content-disposition'), `attachment; filename="${report.id}-${new Date().toISOString().slice(0, 10)}.csv"`);
        const csv = parseCsv(new TextDecoder().decode(exported.body as Uint8Array));
        assert.deepEqual(csv[0], result.columns.map((c: any) => (c.unit ? `${c.label} (${c.unit})` : c.label)), where);
        assert.equal(csv.length - 1, result.rows.length, `${where}: CSV rows`);
      }
    }
  });

  test('bad inputs: 422 naming the input, out-of-scope ids too', async () => {
    const call = (inputs: Record<string, unknown>, token = t.tokens.alpha) => t.call('runReport', { token, params: { reportId: 'unit-usage' }, body: { inputs } });
    const unknown = await call({ colour: 'red' });
    assertProblem(unknown, 422, 'validation_failed');
    assert.equal(unknown.body.errors[0].pointer, '/inputs/colour');
    const backwards = await call({ period: { from: '2026-10-02', to: '2026-10-01' } });
    assert.equal(backwards.body.errors[0].pointer, '/inputs/period');
    const badEnum = await call({ groupBy: 'planet' });
    assert.equal(badEnum.body.errors[0].pointer, '/inputs/groupBy');
    const badDate = await call({ period: { from: '2026-02-30', to: '2026-03-01' } });
    assertProblem(badDate, 422, 'validation_failed');
    assertUnknownReference(await call({ billingEntityId: demoBillingEntityId('beta') }), '/inputs/billingEntityId');
    const betaCustomer = (await t.call('listCustomers', { token: t.tokens.beta, query: { pageSize: 1 } })).body.items[0];
    assertUnknownReference(await call({ customerId: betaCustomer.id }), '/inputs/customerId');
    assertProblem(await t.call('runReport', { token: t.tokens.alpha, params: { reportId: 'nope' }, body: { inputs: {} } }), 404, 'not_found');
  });

  test('resource counts equal the list APIs\' counts, per tenancy', async () => {
    for (const token of [t.tokens.licensee, t.tokens.alpha]) {
      const result = await run('resource-counts', {}, token);
      const servers = result.rows.filter((r: any) => r.type === 'SERVER');
      assert.ok(servers.length > 0, 'servers are counted');
      for (const row of servers) {
        const listed = await t.call('listServers', { token, query: { filter: `status = "${row.status}"`, pageSize: 1 } });
        assert.equal(row.count, listed.body.totalSize, `servers ${row.status}`);
      }
      const total = servers.reduce((n: number, r: any) => n + r.count, 0);
      assert.equal(total, (await t.call('listServers', { token, query: { pageSize: 1 } })).body.totalSize);
      const disks = result.rows.filter((r: any) => r.type === 'DISK').reduce((n: number, r: any) => n + r.count, 0);
      assert.equal(disks, (await t.call('listDisks', { token, query: { pageSize: 1 } })).body.totalSize);
    }
    const licensee = await run('resource-counts', {});
    const alpha = await run('resource-counts', {}, t.tokens.alpha);
    const sum = (rows: any[]) => rows.reduce((n, r) => n + r.count, 0);
    assert.ok(sum(alpha.rows) < sum(licensee.rows));
  });

  test('customer signups equal the customers list', async () => {
    for (const token of [t.tokens.licensee, t.tokens.beta]) {
      const result = await run('customer-signups', { period: { from: '2025-11-01', to: '2026-10-31' }, interval: 'month' }, token);
      assert.deepEqual(result.columns.map((c: any) => c.key), ['period', 'signups', 'approved', 'pendingApproval', 'rejected']);
      const signups = result.rows.reduce((n: number, r: any) => n + r.signups, 0);
      const listed = await t.call('listCustomers', { token, query: { filter: 'createdAt >= "2025-11-01T00:00:00Z" AND createdAt < "2026-11-01T00:00:00Z"', pageSize: 1 } });
      assert.equal(signups, listed.body.totalSize);
      const pending = result.rows.reduce((n: number, r: any) => n + r.pendingApproval, 0);
      const listedPending = await t.call('listCustomers', { token, query: { filter: 'status = "PENDING_APPROVAL" AND createdAt >= "2025-11-01T00:00:00Z" AND createdAt < "2026-11-01T00:00:00Z"', pageSize: 1 } });
      assert.equal(pending, listedPending.body.totalSize);
      for (const row of result.rows) assert.equal(row.signups, row.approved + row.pendingApproval + row.rejected);
    }
    // Rejecting a customer moves it from awaiting approval to rejected in its signup month.
    const pending = (await t.call('listCustomers', { token: t.tokens.beta, query: { filter: 'status = "PENDING_APPROVAL"', pageSize: 1 } })).body.items[0];
    const month = pending.createdAt.slice(0, 7);
    const range = { from: `${month}-01`, to: `${month}-28` };
    const before = (await run('customer-signups', { period: range }, t.tokens.beta)).rows[0];
    assert.equal((await t.call('rejectCustomer', { token: t.tokens.beta, params: { customerId: pending.id }, body: { reason: 'Failed checks' } })).status, 200);
    const afterReject = (await run('customer-signups', { period: range }, t.tokens.beta)).rows[0];
    if (pending.createdAt.slice(8, 10) <= '28') {
      assert.deepEqual([afterReject.pendingApproval, afterReject.rejected, afterReject.signups], [before.pendingApproval - 1, before.rejected + 1, before.signups]);
    }
    const daily = await run('customer-signups', { period: { from: '2026-10-01', to: '2026-10-31' }, interval: 'day' });
    assert.ok(daily.rows.every((r: any) => /^2026-10-\d\d$/.test(r.period)));
  });

  test('revenue equals the invoices list, and a BE admin sees only its billing entities', async () => {
    const result = await run('revenue', { period: PERIOD });
    assert.ok(result.rows.length > 0);
    const filter = `invoiceDate >= "${PERIOD.from}" AND invoiceDate <= "${PERIOD.to}" AND creditNote = false`;
    const paid = await invoices(`${filter} AND status = "PAID"`);
    const unpaid = await invoices(`${filter} AND status = "UNPAID"`);
    const total = (items: any[]) => items.reduce((s, i) => s + cents(i.totalInc), 0n);
    assert.equal(result.rows.reduce((s: bigint, r: any) => s + cents(r.paid), 0n), total(paid));
    assert.equal(result.rows.reduce((s: bigint, r: any) => s + cents(r.unpaid), 0n), total(unpaid));
    assert.equal(result.rows.reduce((n: number, r: any) => n + r.invoices, 0), paid.length + unpaid.length);
    // Several currencies in the licensee's scope: each row's amounts are in the currency its `currency` column names.
    assert.ok(new Set(result.rows.map((r: any) => r.currency)).size > 1);
    assert.deepEqual(result.columns.find((c: any) => c.key === 'paid'), { key: 'paid', label: 'Paid', type: 'MONEY', unit: null, currencyColumn: 'currency' });
    assert.equal(result.chart.groupColumn, 'currency');

    const alpha = await run('revenue', { period: PERIOD }, t.tokens.alpha);
    assert.ok(alpha.rows.every((r: any) => ['Alpha Cloud', 'Alpha Kids Hosting'].includes(r.billingEntity)));
    const alphaPaid = await invoices(`${filter} AND status = "PAID"`, t.tokens.alpha);
    assert.equal(alpha.rows.reduce((s: bigint, r: any) => s + cents(r.paid), 0n), total(alphaPaid));
    for (const row of alpha.rows) {
      const same = result.rows.find((r: any) => r.billingEntity === row.billingEntity && r.currency === row.currency);
      assert.deepEqual(row, same);
    }
    // One currency (GBP) in Alpha's scope: money columns carry it.
    assert.deepEqual(alpha.columns.find((c: any) => c.key === 'paid'), { key: 'paid', label: 'Paid', type: 'MONEY', unit: 'GBP' });
    const onlyKids = await run('revenue', { period: PERIOD, billingEntityId: demoBillingEntityId('alpha-kids') }, t.tokens.alpha);
    assert.ok(onlyKids.rows.every((r: any) => r.billingEntity === 'Alpha Kids Hosting'));
  });

  test('invoice ageing adds up to the unpaid invoices', async () => {
    const asOf = '2026-11-01';
    const result = await run('invoice-ageing', { asOf });
    const buckets = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'];
    for (const row of result.rows) assert.equal(buckets.reduce((s, b) => s + cents(row[b]), 0n), cents(row.total));
    const unpaid = await invoices(`status = "UNPAID" AND creditNote = false AND invoiceDate <= "${asOf}"`);
    assert.equal(result.rows.reduce((s: bigint, r: any) => s + cents(r.total), 0n), unpaid.reduce((s, i) => s + cents(i.totalInc), 0n));
    const overdue = unpaid.filter((i) => i.dueDate < '2026-08-03');
    assert.equal(result.rows.reduce((s: bigint, r: any) => s + cents(r.over90), 0n), overdue.reduce((s, i) => s + cents(i.totalInc), 0n));
    const beta = await run('invoice-ageing', { asOf }, t.tokens.beta);
    assert.ok(beta.rows.every((r: any) => r.billingEntity === 'Beta Hosting'));
  });

  test('unit usage sums the usage table, per tenancy', async () => {
    const period = { from: '2026-09-01', to: '2026-09-30' };
    const licensee = await run('unit-usage', { period });
    assert.deepEqual(licensee.columns.map((c: any) => c.key), ['date', 'billingEntity', 'cpuHours', 'ramGbHours', 'storageGbDays', 'bandwidthGb']);
    const milli = (text: string) => BigInt(text.replace('.', ''));
    const sum = (rows: any[], key: string) => rows.reduce((s, r) => s + milli(r[key]), 0n);
    const direct = await t.server.store.db
      .selectFrom('usage_daily')
      .select((eb) => eb.fn.sum('cpu_hours_milli').as('cpu'))
      .where('day', '>=', period.from)
      .where('day', '<=', period.to)
      .executeTakeFirstOrThrow();
    assert.equal(sum(licensee.rows, 'cpuHours'), BigInt(String(direct.cpu)));
    const alpha = await run('unit-usage', { period }, t.tokens.alpha);
    assert.ok(alpha.rows.length > 0 && alpha.rows.every((r: any) => ['Alpha Cloud', 'Alpha Kids Hosting'].includes(r.billingEntity)));
    assert.ok(sum(alpha.rows, 'cpuHours') < sum(licensee.rows, 'cpuHours'));
    assert.equal(new Set(licensee.rows.map((r: any) => r.date)).size, 30);

    const byCustomer = await run('unit-usage', { period, groupBy: 'customer' }, t.tokens.alpha);
    assert.equal(sum(byCustomer.rows, 'ramGbHours'), sum(alpha.rows, 'ramGbHours'));
    const customer = byCustomer.rows[0].customer;
    const listed = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter: `organisationName = "${customer}"` } });
    const one = await run('unit-usage', { period, groupBy: 'customer', customerId: listed.body.items[0].id }, t.tokens.alpha);
    assert.ok(one.rows.length === 30 && one.rows.every((r: any) => r.customer === customer));
  });

  test('CSV export: shape, quoting and formula guard', async () => {
    const period = { from: '2026-09-01', to: '2026-09-07' };
    const byCustomer = await run('unit-usage', { period, groupBy: 'customer' }, t.tokens.alpha);
    const name = byCustomer.rows[0].customer;
    const listed = await t.call('listCustomers', { token: t.tokens.alpha, query: { filter: `organisationName = "${name}"` } });
    const customer = listed.body.items[0];
    const evil = '=HYPERLINK("http://x.example"), "Ltd"';
    const renamed = await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: customer.id }, body: { organisationName: evil } });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));

    const inputs = { period, groupBy: 'customer', customerId: customer.id };
    const json = await run('unit-usage', inputs, t.tokens.alpha);
    const exported = await t.call('exportReport', { token: t.tokens.alpha, params: { reportId: 'unit-usage' }, body: { inputs } });
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type')!, /^text\/csv/);
    assert.match(exported.headers.get('content-disposition')!, /^attachment; filename="unit-usage-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = new TextDecoder().decode(exported.body as Uint8Array);
    assert.ok(text.includes(`"'=HYPERLINK(""http://x.example""), ""Ltd"""`), text.slice(0, 300));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ['Date', 'Customer', 'CPU (core-hour)', 'RAM (GB-hour)', 'Storage (GB-day)', 'Bandwidth (GB)']);
    assert.equal(rows.length, json.rows.length + 1);
    for (const [i, row] of json.rows.entries()) {
      assert.deepEqual(rows[i + 1], [row.date, `'${evil}`, row.cpuHours, row.ramGbHours, row.storageGbDays, row.bandwidthGb]);
    }

    assert.equal(csvCell('-12.50', true), '-12.50');
    assert.equal(csvCell('-12.50'), "'-12.50");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('a\nb'), '"a\nb"');
    assert.equal(csvCell(null), '');
    assert.equal(csvLine(['a,b', 3]), '"a,b",3\r\n');
    assertUnknownReference(await t.call('exportReport', { token: t.tokens.beta, params: { reportId: 'unit-usage' }, body: { inputs } }), '/inputs/customerId');
  });
});
