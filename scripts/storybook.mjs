// `npm run storybook`: the stories run against the REAL reference server. This starts one (in-memory SQLite, demo
// data, no rate limit: a story page makes many calls) on FCO_STORYBOOK_API_PORT (default 8790), then Storybook's dev
// server on 6006 with the API's URL in STORYBOOK_FCO_API_URL, and stops both together.
//   --api-only   start only the reference server (to look at a `npm run build-storybook` output served on 6006)
// Run through tsx (the package.json script does): the server is TypeScript.
import { spawn } from 'node:child_process';
import { startServer } from '@fco-admin/server/node';
import { fromRoot } from './proc.mjs';

const apiPort = Number(process.env.FCO_STORYBOOK_API_PORT ?? 8790);
const storybookPort = Number(process.env.FCO_STORYBOOK_PORT ?? 6006);
const apiOnly = process.argv.includes('--api-only');

const api = await startServer({
  db: 'sqlite::memory:',
  port: apiPort,
  seed: 'demo',
  rateLimit: false,
  extraOrigins: [`http://localhost:${storybookPort}`, `http://127.0.0.1:${storybookPort}`],
});
console.log(`Reference server for the stories: ${api.url} (in memory, demo data)`);

/** @type {import('node:child_process').ChildProcess | undefined} */
let storybook;
let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (storybook && storybook.exitCode === null) storybook.kill('SIGTERM');
  await api.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

if (!apiOnly) {
  storybook = spawn(
    process.execPath,
    [fromRoot('node_modules', 'storybook', 'dist', 'bin', 'dispatcher.js'), 'dev', '--no-version-updates', '--no-open', '-p', String(storybookPort), ...process.argv.slice(2)],
    { cwd: fromRoot(), stdio: 'inherit', env: { ...process.env, STORYBOOK_FCO_API_URL: api.url } },
  );
  storybook.once('exit', (code) => void stop(code ?? 0));
}
