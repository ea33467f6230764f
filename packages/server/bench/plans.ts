/**
 * The query plans of the lists bench's requests (not a test, not timed): each filter-bar request and a few deep
 * offsets, for the licensee and a billing entity admin, with the plan of every statement it ran on the customers
 * (SQLite: EXPLAIN QUERY PLAN and the statement's median time; PostgreSQL: EXPLAIN ANALYZE). Timings on a shared machine are noise; a plan that reads
 * or sorts a whole matching set ("USE TEMP B-TREE FOR ORDER BY" over a big search, a Sort over a Seq Scan) is not.
 *
 *   node --conditions=development --import tsx bench/plans.ts sqlite:FILE [name part]
 *   node --conditions=development --import tsx bench/plans.ts postgres://… SCHEMA [name part]
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { openStore } from '../src/node.js';
import { filterBarRequests, type FilterBarRequest } from './filter-bar.js';

const [url, ...rest] = process.argv.slice(2);
if (!url) throw new Error('Usage: plans.ts sqlite:FILE | postgres://… SCHEMA [name part]');
const postgres = url.startsWith('postgres');
const schema = postgres ? rest.shift() : undefined;
const only = rest[0];

// Every statement the server runs while `capturing`, with its parameters (both drivers' entry points).
const captured: Array<{ sql: string; params: unknown[] }> = [];
let capturing = false;
const statement = Object.getPrototypeOf(new BetterSqlite3(':memory:').prepare('select 1'));
for (const method of ['all', 'get', 'iterate', 'run']) {
  const original = statement[method];
  statement[method] = function (this: { source: string }, ...args: unknown[]) {
    if (capturing) captured.push({ sql: this.source, params: args.flat() });
    return original.apply(this, args);
  };
}
const query = (pg.Client.prototype as any).query;
(pg.Client.prototype as any).query = function (text: any, values?: any, callback?: any) {
  if (capturing && typeof text === 'string') captured.push({ sql: text, params: Array.isArray(values) ? values : [] });
  else if (capturing && typeof text?.text === 'string') captured.push({ sql: text.text, params: text.values ?? [] });
  return query.call(this, text, values, callback);
};

// Every request reads (a page kept in memory would run no statement of its own to explain).
const store = await openStore(url, { listRowsKept: 0, ...(schema ? { pgSchema: schema } : {}) });
const app = await createApp({ store, rateLimit: false });
/** A request's answer; a refused search's problem is one too (its plans are the sample's that refused it). */
const call = async (path: string, init: RequestInit = {}) => {
  const response = await app.request(path, init);
  const body = await response.text();
  if (response.status >= 300 && !body.includes('"search_too_short"')) throw new Error(`${path}: ${response.status} ${body}`);
  return JSON.parse(body) as any;
};
const login = async (email: string) =>
  (await call('/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) })).token as string;
const licensee = await login('admin@licensee.demo');
const alphaId = (await call('/v1/billing-entities?filter=name%20%3D%20%22Alpha%20Cloud%22', { headers: { authorization: `Bearer ${licensee}` } })).items[0].id as string;
const requests: FilterBarRequest[] = [
  ...filterBarRequests(alphaId),
  ['offset 300,000, default order', { offset: '300000' }],
  ['offset 900,000, orderBy=organisationName', { offset: '900000', orderBy: 'organisationName' }],
];

const sqlite = postgres ? null : new BetterSqlite3(url.slice('sqlite:'.length), { readonly: true });
const client = postgres ? new pg.Client({ connectionString: url, options: `-c search_path=${schema}` }) : null;
await client?.connect();
/** SQLite: the statement's median time of five runs, to tell which of a request's statements costs (PostgreSQL's plans say so). */
function sqliteMedianMs(sql: string, params: unknown[]): number {
  const statement = sqlite!.prepare(sql);
  const times = Array.from({ length: 5 }, () => {
    const started = performance.now();
    statement.all(...params);
    return performance.now() - started;
  });
  return times.sort((x, y) => x - y)[2]!;
}

/** The plan of a statement; on PostgreSQL under the planner settings its transaction made (`set local …`) first. */
async function plan(sql: string, params: unknown[], settings: readonly string[]): Promise<string[]> {
  if (sqlite) return (sqlite.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail);
  await client!.query('begin');
  try {
    for (const setting of settings) await client!.query(setting);
    const result = await client!.query(`explain (analyze, timing off, summary on) ${sql}`, params as unknown[]);
    return [...settings.map((setting) => `(${setting})`), ...result.rows.map((r) => String(r['QUERY PLAN']))];
  } finally {
    await client!.query('rollback');
  }
}

for (const [caller, email] of [['licensee', 'admin@licensee.demo'], ['BE admin (Alpha)', 'admin@alpha.demo']] as const) {
  const token = await login(email);
  for (const [name, parameters] of requests) {
    if (only && !name.includes(only)) continue;
    captured.length = 0;
    capturing = true;
    const started = performance.now();
    const page = await call(`/v1/customers?${new URLSearchParams({ pageSize: '50', ...parameters })}`, { headers: { authorization: `Bearer ${token}` } });
    const ms = performance.now() - started;
    capturing = false;
    console.log(`\n### ${caller}: ${name} (${ms.toFixed(0)} ms once, totalSize ${page.totalSize}${page.totalSizeEstimated ? ' estimated' : ''})`);
    const settings: string[] = [];
    for (const { sql, params } of captured) {
      if (/^set local /i.test(sql)) settings.push(sql);
      if (/^(commit|rollback)\b/i.test(sql)) settings.length = 0;
      if (!/"customers/.test(sql)) continue;
      console.log(`  ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.FCO_PLANS_SQL_CHARS ?? 400))}${sqlite ? ` (${sqliteMedianMs(sql, params).toFixed(1)} ms)` : ''}`);
      for (const line of await plan(sql, params, settings)) console.log(`    ${line}`);
    }
  }
}
await store.close();
sqlite?.close();
await client?.end();
