// Browser tests of @fco-admin/widgets in Debian's Chromium against the REAL reference server.
// Run from the repo root: npx web-test-runner --config packages/widgets/web-test-runner.config.mjs
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const here = 'packages/widgets';
/** The 1,000,000-customer database is seeded once (about ten minutes on two cores) and reused by later runs. */
const bigDb = process.env.FCO_BIG_DB ?? join(tmpdir(), 'fco-admin-widgets-1m-complete.db');
const BIG_CUSTOMERS = 1_000_000;
/**
 * The 1M-row group runs when its dataset is ready, when asked for (`--group big`), or with FCO_WIDGETS_BIG=1; a full
 * run on a fresh machine would otherwise spend its first six minutes seeding.
 */
const runBig = existsSync(bigDb) || process.argv.includes('big') || process.env.FCO_WIDGETS_BIG === '1';
if (!runBig) {
  console.log(`The 1,000,000-row table test is skipped: its dataset is not seeded yet (${bigDb}). ` +
    'Run `npm run test:big -w @fco-admin/widgets` once (about six minutes), or set FCO_WIDGETS_BIG=1.');
}

/** Runs test/support/api-server.ts in a child process (the server is TypeScript run by tsx) and resolves its URL. */
function startApiServer(args, label) {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', `${here}/test/support/api-server.ts`, ...args],
    { cwd: rootDir, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let lastProgress = '';
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('seed ')) lastProgress = line;
    else process.stderr.write(`[${label}] ${line}\n`);
  });
  const url = new Promise((resolve, reject) => {
    // The ready line is JSON with the URL; anything else the server prints is passed through.
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      let parsed;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (parsed && typeof parsed.url === 'string') resolve(parsed.url);
      else process.stderr.write(`[${label}] ${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`[${label}] exited with ${code} before it was ready (${lastProgress})`)));
  });
  return { child, url, progress: () => lastProgress };
}

/**
 * Starts the reference server (in-memory SQLite, demo seed) with the test runner, hands its URL to every test page
 * through a <meta name="fco-api"> tag, serves server-side commands (minting embed tokens the way a portal backend
 * does, starting the big dataset server), and stops everything with the runner.
 */
function referenceServerPlugin() {
  let demo;
  let big;
  let demoUrl = '';
  let origins = [];
  return {
    name: 'fco-reference-server',
    async serverStart({ config }) {
      origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
      demo = startApiServer(['sqlite::memory:', 'default', ...origins], 'api');
      demoUrl = await demo.url;
    },
    async serverStop() {
      demo?.child.kill('SIGTERM');
      big?.child.kill('SIGTERM');
    },
    apiUrl: () => demoUrl,
    async executeCommand({ command, payload }) {
      if (command === 'fco-big-server') {
        big ??= startApiServer([`sqlite:${bigDb}`, String(BIG_CUSTOMERS), ...origins], 'api-1m');
        return { url: await big.url };
      }
      if (command === 'fco-embed-token') return mintEmbedToken(demoUrl, payload);
      return undefined;
    },
  };
}

/** What a licensee's backend does: log in, create an API key, and mint an embed session with it. */
async function mintEmbedToken(apiUrl, { userEmail, scopes, origin, ttlSeconds = 600 }) {
  const post = async (path, token, body) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const session = await post('/v1/sessions', undefined, { email: 'admin@licensee.demo', password: 'demo-password' });
  const key = await post('/v1/api-keys', session.token, { name: `widgets test ${Date.now()}`, scopes: ['embed-sessions:create', ...scopes] });
  return post('/v1/embed-sessions', key.secret, { userEmail, origin, scopes, ttlSeconds });
}

const server = referenceServerPlugin();

/** The page each test file runs in; the API URL travels in a meta tag so no inline script is needed (strict CSP). */
function runnerHtml(csp) {
  return (testFramework) => `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}" />` : ''}
    <meta name="fco-api" content="${server.apiUrl()}" />
    <title>FCO Admin Kit widget tests</title>
    <script src="/${here}/test/support/ignore-resize-observer-loop.js"></script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;
}

export default {
  rootDir,
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 20 * 60_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 40_000 } },
  testRunnerHtml: runnerHtml(undefined),
  groups: [
    { name: 'widgets', files: [`${here}/test/**/*.test.ts`, `!${here}/test/csp.test.ts`, `!${here}/test/big-table.test.ts`] },
    { name: 'csp', files: [`${here}/test/csp.test.ts`], testRunnerHtml: runnerHtml("script-src 'self'; style-src 'self'") },
    // Its first run seeds 1,000,000 customers; the test raises its own mocha timeout for that.
    ...(runBig ? [{ name: 'big', files: [`${here}/test/big-table.test.ts`] }] : []),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.test.json', import.meta.url)) }),
    server,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      },
    }),
  ],
  filterBrowserLogs: ({ args }) => !args.some((a) => typeof a === 'string' && a.includes('Lit is in dev mode')),
};
