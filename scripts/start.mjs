// `npm start`: builds everything, then runs the reference server with demo data and the example portal next to it,
// prints their URLs, and stops both on Ctrl-C (or when either one exits).
//   FCO_PORT         reference server port (default 8787)
//   FCO_PORTAL_PORT  example portal port (default 8788)
//   --no-build       skip `npm run build` (for a quick restart)
//   --react          the portal shows the React front end (examples/portal-react) instead of its HTML pages
// A service is a command plus a URL; add one to `services` below to start it too.
import { spawn } from 'node:child_process';
import { fromRoot, rootHas, run } from './proc.mjs';

const serverPort = Number(process.env.FCO_PORT ?? 8787);
const portalPort = Number(process.env.FCO_PORTAL_PORT ?? 8788);
const serverUrl = `http://127.0.0.1:${serverPort}`;
const portalUrl = `http://127.0.0.1:${portalPort}`;
const react = process.argv.includes('--react');

/** The server's command line: its published bin, else the built CLI, else the TypeScript source through tsx. */
function serverCommand() {
  // The server's default database is data/fco-admin.db (under the repository, git-ignored); demo data is seeded
  // only when it is empty, so a restart keeps what was changed.
  const args = ['--port', String(serverPort), '--seed', 'demo'];
  if (rootHas('packages/server/bin/fco-admin-server.mjs')) return [fromRoot('packages/server/bin/fco-admin-server.mjs'), ...args];
  if (rootHas('packages/server/dist/cli.js')) return [fromRoot('packages/server/dist/cli.js'), ...args];
  if (rootHas('packages/server/src/cli.ts')) {
    return ['--conditions=development', '--import', 'tsx', fromRoot('packages/server/src/cli.ts'), ...args];
  }
  return undefined;
}

/** @typedef {{ name: string, args: string[], env?: NodeJS.ProcessEnv, url: string, what: string }} Service */

/** @returns {Service[]} */
function services() {
  const server = serverCommand();
  if (!server) {
    console.error('The reference server is not there yet (packages/server/src/cli.ts): nothing to start.');
    process.exit(1);
  }
  /** @type {Service[]} */
  const list = [{ name: 'server', args: server, url: serverUrl, what: `reference server (FCO Admin API, demo data; API reference at ${serverUrl}/docs)` }];
  if (rootHas('examples/portal-html/server.mjs')) {
    list.push({
      name: 'portal',
      args: [fromRoot('examples/portal-html/server.mjs'), ...(react ? ['--app', fromRoot('examples/portal-react/dist')] : [])],
      env: { PORT: String(portalPort), FCO_SERVER_URL: serverUrl },
      url: portalUrl,
      what: `example portal (a licensee page embedding the widgets${react ? ', its React front end' : ''})`,
    });
  }
  return list;
}

/**
 * Resolves once `url` answers HTTP at all (any status), rejects after `timeoutMs` or if `child` exits first.
 * @param {string} url @param {import('node:child_process').ChildProcess} child @param {number} timeoutMs
 */
async function waitUntilUp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited before answering on ${url}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(`no answer on ${url} after ${timeoutMs / 1000} s`);
}

if (!process.argv.includes('--no-build')) {
  console.log('━━━ npm run build ━━━');
  const built = await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { timeoutMs: 10 * 60_000 });
  if (!built.ok) {
    console.error('npm start: the build failed (see above); nothing started.');
    process.exit(1);
  }
}

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;

/** Stops every child with `signal`, force-kills any still running after 10 s, then exits with `code`. */
function stopAll(/** @type {NodeJS.Signals} */ signal, /** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of alive) child.kill(signal);
  const force = setTimeout(() => alive.forEach((child) => child.kill('SIGKILL')), 10_000);
  Promise.all(alive.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))))
    .then(() => {
      clearTimeout(force);
      process.exit(code);
    });
}
process.on('SIGINT', () => stopAll('SIGINT', 0));
process.on('SIGTERM', () => stopAll('SIGTERM', 0));

const toStart = services();
for (const service of toStart) {
  console.log(`\n━━━ starting the ${service.what} ━━━`);
  const child = spawn(process.execPath, service.args, { cwd: fromRoot(), env: { ...process.env, ...service.env }, stdio: 'inherit' });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${service.name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
    stopAll('SIGTERM', code || 1);
  });
  try {
    await waitUntilUp(service.url, child, 180_000);
  } catch (error) {
    console.error(`${service.name}: ${error instanceof Error ? error.message : String(error)}`);
    stopAll('SIGTERM', 1);
    await new Promise(() => {}); // stopAll exits the process
  }
  console.log(`${service.name} is up: ${service.url}`);
}

console.log('\nFCO Admin Kit is running:');
for (const service of toStart) console.log(`  ${service.url.padEnd(24)} ${service.what}`);
console.log('Ctrl-C stops everything.');
