// Server rendering: the wrappers render nothing on the server (the host's own markup only), the browser hydrates that
// markup without a warning (React's development build, every console message of Chromium collected), and then the
// elements appear with their properties set and their typed event callbacks wired.
// Both sides are bundled with esbuild; FCO_TEST_REACT_DIR=<a folder with react and react-dom installed> runs the same
// test against another React (e.g. 18) than the workspace's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { FcoAdminPage, FcoAdminProvider } from '@fco-admin/widgets';

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, '..', '..');
const chromium = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
const reactDir = process.env['FCO_TEST_REACT_DIR'];
/** The React both bundles must contain: FCO_TEST_REACT_DIR's, or the workspace's. */
const expectedReact = JSON.parse(readFileSync(reactDir ? join(reactDir, 'node_modules', 'react', 'package.json') : createRequire(import.meta.url).resolve('react/package.json'), 'utf8')).version as string;

/** `@fco-admin/*` from their TypeScript sources (the "development" export), everything else as published. */
const workspaceSources: Plugin = {
  name: 'fco-workspace-sources',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@fco-admin\// }, ({ path }) => {
      const [, name = '', sub = ''] = /^@fco-admin\/([^/]+)(\/.*)?$/.exec(path) ?? [];
      const dir = join(packagesDir, name);
      const exported = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports?.[`.${sub}`];
      return typeof exported?.development === 'string' ? { path: join(dir, exported.development) } : undefined;
    });
  },
};

const scratch = mkdtempSync(join(tmpdir(), 'fco-react-ssr-'));
let server: Server | undefined;
let browser: Browser | undefined;
let origin = '';
let serverHtml = '';
let serverReact = '';
const serverConsole: string[] = [];

async function bundle(entry: string, platform: 'node' | 'browser', outfile: string) {
  await build({
    entryPoints: [join(here, 'support', entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [workspaceSources],
    ...(reactDir ? { alias: { react: join(reactDir, 'node_modules', 'react'), 'react-dom': join(reactDir, 'node_modules', 'react-dom') } } : {}),
    // react-dom/server requires Node built-ins, which an ESM bundle can only reach through a real `require`.
    ...(platform === 'node' ? { banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } } : {}),
  });
}

before(async () => {
  await Promise.all([
    bundle('server-entry.ts', 'node', join(scratch, 'server.mjs')),
    bundle('client-entry.ts', 'browser', join(scratch, 'client.js')),
  ]);
  const { render, reactVersion } = await import(pathToFileURL(join(scratch, 'server.mjs')).href);
  serverReact = reactVersion;
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => serverConsole.push(args.join(' '));
  console.warn = console.error;
  try {
    serverHtml = render();
  } finally {
    Object.assign(console, original);
  }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR</title><link rel="icon" href="data:,">
<script type="module" src="/client.js"></script></head><body><div id="root">${serverHtml}</div></body></html>`;
  const client = readFileSync(join(scratch, 'client.js'));
  server = createServer((request, response) => {
    const [type, body] = request.url === '/client.js' ? ['text/javascript', client] : request.url === '/' ? ['text/html', page] : ['text/plain', 'not found'];
    response.writeHead(body === 'not found' ? 404 : 200, { 'content-type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  if (existsSync(chromium)) {
    browser = await puppeteer.launch({
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    });
  }
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  rmSync(scratch, { recursive: true, force: true });
});

test(`the server renders the host markup and no element, without a warning (React ${expectedReact})`, () => {
  assert.equal(serverReact, expectedReact);
  assert.match(serverHtml, /<h1>Harbour Cloud<\/h1>/);
  assert.doesNotMatch(serverHtml, /fco-/);
  assert.deepEqual(serverConsole, []);
});

test('the browser hydrates without a warning, then shows the elements with their props and callbacks', { skip: existsSync(chromium) ? false : `no Chromium at ${chromium}` }, async () => {
  const page = await browser!.newPage();
  const messages: string[] = [];
  page.on('console', (message) => {
    if (['error', 'warn', 'assert'].includes(message.type())) messages.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => messages.push(`page: ${String(error)}`));
  await page.goto(`${origin}/`);
  // The provider's token callback refuses, so it reports the session expired; the callback puts the reason on screen.
  await page.waitForFunction(() => document.getElementById('expired')?.textContent !== '', { timeout: 10_000, polling: 50 });
  const seen = await page.evaluate(() => {
    const provider = document.querySelector<FcoAdminProvider>('fco-admin-provider');
    return {
      expired: document.getElementById('expired')?.textContent,
      headingKept: (window as unknown as { serverHeadingKept: () => boolean }).serverHeadingKept(),
      react: (window as unknown as { reactVersion: string }).reactVersion,
      locale: provider?.locale,
      status: provider?.status,
      pageInProvider: provider?.querySelector<FcoAdminPage>(':scope > fco-admin-page')?.hashNavigation,
      registered: ['fco-admin-provider', 'fco-admin-page', 'fco-customers', 'fco-data-table'].filter((tag) => customElements.get(tag)),
    };
  });
  assert.deepEqual(seen, {
    expired: 'signed out of the portal',
    headingKept: true,
    react: expectedReact,
    locale: 'de',
    status: 'expired',
    pageInProvider: true,
    registered: ['fco-admin-provider', 'fco-admin-page', 'fco-customers', 'fco-data-table'],
  });
  assert.deepEqual(messages, []);
  await page.close();
});
