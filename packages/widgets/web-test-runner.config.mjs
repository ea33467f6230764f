// Browser tests of @fco-admin/widgets in Debian's Chromium against the REAL reference server.
// Run from the repo root: npx web-test-runner --config packages/widgets/web-test-runner.config.mjs
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { BIG_CUSTOMERS, bigDatabasePath, removeStaleBigDatabases } from './test/support/big-database.mjs';
import { webTestRunnerFailureList } from '../../scripts/failure-list.mjs';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const here = 'packages/widgets';
/**
 * The 1,000,000-customer database (see test/support/big-database.mjs): FCO_BIG_DB points at a prebuilt file;
 * otherwise it is seeded on first use (or by `npm test` in the background beforehand) and reused while the seed stays.
 */
const bigDb = bigDatabasePath();
removeStaleBigDatabases(bigDb);
if (!existsSync(bigDb)) console.log(`The 1,000,000-customer database is seeded when the big table test starts: ${bigDb}`);

/**
 * Runs test/support/api-server.ts in a child process (the server is TypeScript run by tsx) and resolves its URL.
 * `storeCommand` runs one of the process's store commands (test/support/store-commands.ts) and resolves its result.
 */
function startApiServer(args, label, port) {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', `${here}/test/support/api-server.ts`, ...args],
    { cwd: rootDir, stdio: ['pipe', 'pipe', 'pipe'], env: port ? { ...process.env, FCO_TEST_API_PORT: String(port) } : process.env },
  );
  let lastProgress = '';
  let nextCommandId = 0;
  const replies = new Map();
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
      else if (parsed && replies.has(parsed.reply)) {
        const { resolve: done, reject: fail } = replies.get(parsed.reply);
        replies.delete(parsed.reply);
        if (parsed.error) fail(new Error(`[${label}] ${parsed.error}`));
        else done(parsed.result);
      } else process.stderr.write(`[${label}] ${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`[${label}] exited with ${code} before it was ready (${lastProgress})`)));
  });
  const storeCommand = (command, payload) =>
    new Promise((resolve, reject) => {
      const id = ++nextCommandId;
      replies.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ id, command, payload })}\n`);
    });
  return { child, url, storeCommand, progress: () => lastProgress };
}

/**
 * Starts the reference server (in-memory SQLite, demo seed) with the test runner, hands its URL to every test page
 * through a <meta name="fco-api"> tag, serves server-side commands (minting embed tokens the way a portal backend
 * does, writing data straight into the store, starting the big dataset server), and stops everything with the runner.
 */
function referenceServerPlugin() {
  let demo;
  let big;
  let restartable;
  let demoUrl = '';
  let origins = [];
  // The server a test restarts (the shared one keeps running): a database file of its own, so its data survives.
  const restartableDb = join(tmpdir(), `fco-admin-widgets-restartable-${process.pid}.db`);
  const removeRestartableDb = () => ['', '-wal', '-shm'].forEach((end) => rmSync(`${restartableDb}${end}`, { force: true }));
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
      if (restartable) {
        restartable.child.kill('SIGTERM');
        await exited(restartable.child);
      }
      removeRestartableDb();
    },
    apiUrl: () => demoUrl,
    async executeCommand({ command, payload }) {
      if (command === 'fco-big-server') {
        if (!big) {
          big = startApiServer([`sqlite:${bigDb}`, String(BIG_CUSTOMERS), ...origins], 'api-1m');
          big.url.catch(() => {}); // reported to the test by the next command
        }
        // A command must answer within 20 s (web-test-runner's limit) and a cold seed takes longer: the test asks again.
        const url = await Promise.race([big.url, new Promise((resolve) => setTimeout(resolve, 10_000, undefined))]);
        return url ? { url } : { seeding: big.progress() };
      }
      if (command === 'fco-restartable-server') {
        // `{ restart: true }` stops the server and starts it again on the same port and database file. Its first
        // start seeds the demo data (longer than a command may take): the test asks again until it has the URL.
        let port;
        if (restartable && payload?.restart) {
          port = new URL(await restartable.url).port;
          restartable.child.kill('SIGTERM');
          await exited(restartable.child);
          restartable = undefined;
        }
        if (!restartable) {
          if (!port) removeRestartableDb();
          restartable = startApiServer([`sqlite:${restartableDb}`, 'default', ...origins], 'api-restartable', port);
          restartable.url.catch(() => {}); // reported to the test by the next command
        }
        const url = await Promise.race([restartable.url, new Promise((resolve) => setTimeout(resolve, 10_000, undefined))]);
        return url ? { url } : { starting: restartable.progress() };
      }
      if (command === 'fco-embed-token') return mintEmbedToken(demoUrl, payload);
      // Data that reached the store without the API (imports, legacy data): see test/support/store-commands.ts.
      if (command === 'fco-store-insert-customer') return demo.storeCommand('insert-customer', payload);
      return undefined;
    },
  };
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
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

/**
 * A port the system reports free. web-test-runner's own search starts at 8000 in every run, so two runs at once (two
 * work trees, a watch beside a full run) could both take the same port, and one's pages would talk to the other.
 * `--port` still wins.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export default {
  rootDir,
  port: await freePort(),
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 20 * 60_000,
  browserStartTimeout: 60_000,
  // A test that fails runs once more before it counts as failed: these tests share one live server and its timers
  // with everything else on the machine. One that passes only the second time is listed by the failure list
  // (test/support/harness.ts, scripts/failure-list.mjs), so a flaky test is seen and mended, not hidden.
  testFramework: { config: { timeout: 40_000, retries: 1 } },
  testRunnerHtml: runnerHtml(undefined),
  reporters: [defaultReporter(), webTestRunnerFailureList(rootDir)],
  // FCO_TEST_FILES=a.test.ts,b.test.ts (paths under packages/widgets/test) runs just those, e.g. while working on them.
  groups: process.env.FCO_TEST_FILES
    ? [{ name: 'selected', files: process.env.FCO_TEST_FILES.split(',').map((file) => `${here}/test/${file}`) }]
    : [
    { name: 'widgets', files: [`${here}/test/**/*.test.ts`, `!${here}/test/csp.test.ts`, `!${here}/test/big-table.test.ts`] },
    { name: 'csp', files: [`${here}/test/csp.test.ts`], testRunnerHtml: runnerHtml("script-src 'self'; style-src 'self' 'report-sample'") },
    // Its first run seeds 1,000,000 customers; the test raises its own mocha timeout for that.
    { name: 'big', files: [`${here}/test/big-table.test.ts`] },
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
