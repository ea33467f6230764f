/**
 * The data table at a million customers, in the browser (not a test): `fco-customers` against `vaadin-grid` 25 paging
 * the same server through the SDK (the baseline), in the same Chromium run. Both sort by organisation name, read
 * 100 rows a page and show the same columns. For each: time from the element's creation to its first rows painted
 * (the page arrives signed in), and time to jump to the last row (fco: Ctrl+End; vaadin-grid: scrollToIndex) until it
 * is painted with its data (painted.ts: the frame that shows them, its style, layout and paint included). Goals: fco
 * no slower than vaadin-grid for either, and the jump ≤ 100 ms. Also printed, without a goal: where the first rows'
 * time goes, and when each page first paints anything. The page and the API share one origin (the bench's own
 * server), so no CORS is involved.
 *
 *   node --conditions=development --import tsx bench/table.bench.ts      (FCO_BENCH_CUSTOMERS=… for a smaller run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, type Plugin } from 'esbuild';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import puppeteer, { type Page } from 'puppeteer-core';
import { createApp } from '@fco-admin/server';
import { sqliteDatabase } from '../../server/bench/dataset.js';
import { chromiumPath } from './chromium.js';
import type { RequestPhases } from './phases.js';

const RUNS = Number(process.env.FCO_BENCH_RUNS ?? 5);
const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The workspace's SDK from its sources (the bench needs no build), everything else as a host's production bundle gets
 * it: the `development` condition would also give Lit its slower development build.
 */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@fco-admin\/sdk(\/metadata)?$/ }, (args) => ({
      path: join(here, '../../sdk/src', args.path.endsWith('/metadata') ? 'metadata-entry.ts' : 'index.ts'),
    }));
  },
};

/** The two pages' scripts, bundled the way a host would (widgets from their sources, vaadin-grid from npm). */
async function bundle(folder: string): Promise<Record<string, string>> {
  const scripts: Record<string, string> = {};
  for (const name of ['fco-page', 'vaadin-page']) {
    const result = await build({
      entryPoints: [join(here, `${name}.ts`)],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      conditions: ['browser'],
      plugins: [workspaceSources],
      tsconfig: join(here, '../tsconfig.json'),
      outdir: folder,
    });
    scripts[name] = result.outputFiles[0]!.text;
  }
  return scripts;
}

/**
 * A page as a host's portal serves it: signed in already (the session minted on the server side, as a portal's backend
 * would), so the measure is the table's, not the password check's. vaadin-grid keeps its own flex display: overriding
 * it leaves the grid without a bounded body, and its row pool grows without end.
 */
const html = (script: string, grant: unknown) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<style>body{margin:0;font:14px sans-serif} fco-customers{display:block;height:600px} vaadin-grid{height:600px}</style></head>
<body><script>window.benchGrant = ${JSON.stringify(grant)};</script><script type="module" src="/${script}.js"></script></body></html>`;

const signIn = async (api: { request: (path: string, init: RequestInit) => Response | Promise<Response> }) =>
  (await api.request('/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@licensee.demo', password: 'demo-password' }),
  })).json();

interface Timing {
  firstRows: number;
  /** The page's first contentful paint: fco-customers' shell, or vaadin-grid's first paint. */
  firstPaint: number | null;
  jumpToLast: number;
  /** When the first list request left and its answer arrived (phases.ts). */
  phases: RequestPhases | null;
}

/** Loads a page, waits for its `window.bench` result (the page measures itself, see fco-page.ts and vaadin-page.ts). */
async function measure(page: Page, url: string): Promise<Timing> {
  await page.goto(url);
  await page.waitForFunction('window.benchReady === true', { timeout: 120_000 });
  const firstRows = (await page.evaluate('window.benchFirstRows')) as number;
  await page.evaluate('window.benchJump()');
  await page.waitForFunction('typeof window.benchJumpMs === "number"', { timeout: 120_000 });
  // Read last: a request's timing entry is recorded once its answer has been read, which may follow the first rows.
  const phases = (await page.evaluate('window.benchPhases()')) as RequestPhases | null;
  const firstPaint = (await page.evaluate('window.benchFirstPaint()')) as number | null;
  return { firstRows, firstPaint, phases, jumpToLast: (await page.evaluate('window.benchJumpMs')) as number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const db = await sqliteDatabase();
const folder = mkdtempSync(join(tmpdir(), 'fco-table-bench-'));
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const scripts = await bundle(folder);
  const api = await createApp({ store: db.store, rateLimit: false });
  const site = new Hono();
  site.get('/fco', async (c) => c.html(html('fco-page', await signIn(api))));
  site.get('/vaadin', async (c) => c.html(html('vaadin-page', await signIn(api))));
  for (const [name, text] of Object.entries(scripts)) site.get(`/${name}.js`, (c) => c.body(text, 200, { 'content-type': 'text/javascript' }));
  site.all('/v1/*', (c) => api.fetch(c.req.raw));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results: Record<string, Timing[]> = { fco: [], vaadin: [] };
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  // Alternate the two, so neither gets the warmer caches.
  for (let run = 0; run < RUNS + 1; run++) {
    for (const name of ['fco', 'vaadin'] as const) {
      const timing = await measure(page, `${origin}/${name}`);
      if (run > 0) results[name]!.push(timing); // the first run warms the server and the browser
    }
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const fco = { firstRows: median(results.fco!.map((t) => t.firstRows)), jumpToLast: median(results.fco!.map((t) => t.jumpToLast)) };
  const vaadin = { firstRows: median(results.vaadin!.map((t) => t.firstRows)), jumpToLast: median(results.vaadin!.map((t) => t.jumpToLast)) };
  console.log(`\nThe Customers table at ${(await db.store.platform().repository((await import('@fco-admin/server')).entities.find((e) => e.table === 'customers')!).count()).toLocaleString('en')} customers, median of ${RUNS} runs in Chromium`);
  console.log(['measure', 'fco-customers', 'vaadin-grid 25', 'ratio', 'goal', ''].join(' | '));
  const row = (label: string, a: number, b: number, extra: (a: number) => boolean, goal: string) =>
    console.log([label, `${a.toFixed(0)} ms`, `${b.toFixed(0)} ms`, `×${(a / b).toFixed(2)}`, goal, a <= b && extra(a) ? 'ok' : 'MISSED'].join(' | '));
  row('first rows', fco.firstRows, vaadin.firstRows, () => true, '≤ vaadin-grid');
  row('jump to the last row', fco.jumpToLast, vaadin.jumpToLast, (ms) => ms <= 100, '≤ vaadin-grid and ≤ 100 ms');
  // Without a goal, medians of what each page reported ('not seen' where it reported nothing).
  const seen = (name: 'fco' | 'vaadin', pick: (t: Timing) => number | null | undefined) => {
    const values = results[name]!.flatMap((t) => [pick(t)].filter((v): v is number => typeof v === 'number'));
    return values.length ? median(values) : undefined;
  };
  const ms = (value: number | undefined) => (value === undefined ? 'not seen' : `${value.toFixed(0)} ms`);
  const info = (label: string, pick: (t: Timing) => number | null | undefined, withRatio = false) => {
    const [a, b] = [seen('fco', pick), seen('vaadin', pick)];
    console.log([label, ms(a), ms(b), withRatio && a !== undefined && b ? `×${(a / b).toFixed(2)}` : '', '', ''].join(' | '));
  };
  // Where the first rows' time goes: the list request leaving, its answer arriving.
  info('first rows: the list request leaves', (t) => t.phases?.requestLeaves);
  info('first rows: its answer has arrived', (t) => t.phases?.answerArrived);
  // What a person sees first: fco-customers paints its toolbar, filter bar, header and loading rows before the rows;
  // vaadin-grid its header. The browser's first contentful paint is when that frame was presented (its raster
  // included), later than the end of its main-thread work, where the first rows' clock stops.
  info('first contentful paint (presented)', (t) => t.firstPaint, true);
} finally {
  await browser.close();
  await db.store.close();
  rmSync(folder, { recursive: true, force: true });
}
