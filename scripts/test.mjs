// `npm test`: every check of the repository, stopping at the first failure.
//   spec      the OpenAPI lint (bundle fresh, Redocly, Spectral)
//   sdk       generated files fresh, typecheck, node tests
//   server    typecheck, node tests on SQLite, node tests on PostgreSQL
//   widgets   typecheck, browser tests in Chromium
//   react     the generated wrappers fresh, server rendering and hydration in Chromium (React 19, then 18), then
//             (after the build, whose declarations it reads) its typecheck
//   build     package-lock.json usable by `npm ci` (first), typecheck of the root scripts, their tests, `npm run build`
//             and `npm run size -- --check` (CodeMirror and Chart.js only in their lazy chunks)
//   examples  the example portals' embedding flow and CSP (HTML, then React), then every Storybook story in Chromium
//             (after the build: the portal serves the built widget bundle)
// Three lanes run side by side after the first quick checks, one step at a time each: the browser tests (output
// shown as it comes), the checks that only need processor time and no clock (lint, type checks, generated files,
// the build), and the node tests (the SDK's, then the server's on SQLite, then on PostgreSQL); the last two lanes
// show a step's output when it ends. Tests that need the build wait for the build step alone. On two cores this keeps
// both busy: the checks and the node tests each take about one, and the browser tests mostly wait on pages, servers
// and timers.
// Options: `--only spec|sdk|server|widgets|react|build|examples` (repeatable, or comma-separated) runs a subset.
// FCO_TEST_SKIP_PG=1 skips the PostgreSQL run locally; with CI=true PostgreSQL and Chromium are mandatory.
// A package without tests yet is reported as skipped, never as passed. The last line is `N passed, N failed`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unlockedOptionalDependencies } from './check-lock.mjs';
import { ensureChromium, findChromium } from './ensure-chromium.mjs';
import { ensurePostgres, installedVersions } from './ensure-postgres.mjs';
import { nodeOptionsListingFailures, nodeReportersListingFailures } from './failure-list.mjs';
import { bigDatabasePath } from '../packages/widgets/test/support/big-database.mjs';
import { aptInstall, fromRoot, isCI, isRoot, onPath, rootHas, run } from './proc.mjs';
import { shareTestFiles } from './test-shares.mjs';
import { packageProjects, typecheck } from './typecheck.mjs';
import { packageFiles, packagePath } from './workspace.mjs';

const groups = ['spec', 'sdk', 'server', 'widgets', 'react', 'build', 'examples'];
const only = parseOnly(process.argv.slice(2));

/** @param {string[]} args @returns {Set<string>} */
function parseOnly(args) {
  const selected = new Set();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = arg === '--only' ? args[(i += 1)] : arg.startsWith('--only=') ? arg.slice('--only='.length) : undefined;
    if (value === undefined) {
      console.error(`unknown argument ${arg}: usage: npm test [-- --only ${groups.join('|')}]`);
      process.exit(2);
    }
    for (const group of value.split(',')) {
      if (!groups.includes(group)) {
        console.error(`--only ${group}: expected one of ${groups.join(', ')}`);
        process.exit(2);
      }
      selected.add(group);
    }
  }
  return selected.size ? selected : new Set(groups);
}

/** @typedef {{ ok: true } | { ok: false, reason?: string } | { skipped: string }} Outcome */
/**
 * How a step runs its commands: into the lane's output (a log file for the checks lane), stopped when another step
 * fails, with their processor time added up. Test runners write each failed test's name and message to
 * `failureList` (FCO_TEST_FAILURE_LIST), which the summary repeats at the very end.
 * @typedef {{ logFile?: string, signal: AbortSignal, cpu: number | null, failureList: string }} StepContext
 */
/**
 * `lane`: 'first' (before the lanes fork), 'checks', 'browser' or 'node'; `afterBuild`: waits for the build (when it
 * runs at all: `--only examples` uses the last one).
 * @typedef {{ group: string, name: string, lane: 'first' | 'checks' | 'browser' | 'node', afterBuild?: boolean,
 *   run: (context: StepContext) => Promise<Outcome> }} Step
 */

/**
 * Runs a command for a step (see StepContext).
 * @param {StepContext} context @param {string} command @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 */
async function exec(context, command, args, options = {}) {
  const env = { ...(options.env ?? process.env), FCO_TEST_FAILURE_LIST: context.failureList };
  const result = await run(command, args, { ...options, env, signal: context.signal, ...(context.logFile ? { logFile: context.logFile } : {}) });
  if (result.cpuSeconds !== null) context.cpu = (context.cpu ?? 0) + result.cpuSeconds;
  return result;
}

/** @param {number} n */
const minutes = (n) => n * 60_000;
const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {Awaited<ReturnType<typeof run>>} result @returns {Outcome} */
const outcome = (result) => (result.ok ? { ok: true } : { ok: false, reason: result.error ?? (result.timedOut ? 'timed out' : result.aborted ? 'stopped' : `exit code ${result.code}`) });

/**
 * The oldest React the wrappers support (`peerDependencies`: ^18 || ^19); the workspace has the newest. It is
 * installed apart, in the temporary folder (an npm alias inside the workspace does not resolve beside React 19's
 * peers), and the React test bundles against it (FCO_TEST_REACT_DIR).
 */
const OLDER_REACT = '18.3.1';

/** A folder with react and react-dom OLDER_REACT installed, or undefined when npm failed. @param {StepContext} context */
async function olderReact(context) {
  const dir = join(tmpdir(), `fco-react-${OLDER_REACT}`);
  const installed = join(dir, 'node_modules', 'react-dom', 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === OLDER_REACT) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const result = await exec(context, npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', `react@${OLDER_REACT}`, `react-dom@${OLDER_REACT}`],
    { cwd: dir, timeoutMs: minutes(3) });
  return result.ok ? dir : undefined;
}

/** Node's test runner starts a process per file: how many processes a package's test files are shared among. */
const TEST_PROCESSES = 2;

/**
 * The node test files of a package, run with the workspace's sources ("development" condition) through tsx.
 * @param {StepContext} context @param {string} name @param {NodeJS.ProcessEnv} [env]
 * @param {{ include?: (file: string) => boolean }} [options] which of the package's test files run (default: all)
 * @returns {Promise<Outcome>}
 */
async function nodeTests(context, name, env = {}, { include = () => true } = {}) {
  const files = packageFiles(name, 'test', '.test.ts').filter(include);
  if (files.length === 0) return { skipped: `packages/${name}/test/*.test.ts: no tests yet` };
  // Two processes even on two cores: each file has its own database, and much of a file's time is spent waiting on
  // its server or PostgreSQL. Not a process per file: loading the sources through tsx costs each about three
  // processor seconds, a fifth of the server's tests; the files keep to themselves (their own servers and
  // databases, no process-wide state), so they can share one.
  // A test that fails can leave a server or stream open, which would keep its process alive forever and turn the
  // failure into a silent stop at the step's limit: processes exit when their tests end. The runner's time limit
  // bounds a whole process (its files are one test to the runner), so it is most of the step's; a stuck call fails
  // sooner on its own (the server tests' calls and streams have limits of their own).
  const dir = mkdtempSync(join(tmpdir(), `fco-test-${name}-`));
  try {
    const entries = shareTestFiles(files.map((file) => packagePath(name, file)), TEST_PROCESSES, dir);
    const failFast = ['--test-force-exit', `--test-timeout=${minutes(12)}`];
    return outcome(await exec(context, node, ['--conditions=development', '--import', 'tsx', '--test', ...failFast, `--test-concurrency=${TEST_PROCESSES}`, ...nodeReportersListingFailures(context.failureList), ...entries],
      { cwd: packagePath(name), env: { ...process.env, ...env }, timeoutMs: minutes(15) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The environment of a step that runs an npm script testing in Chromium: the browser, and node's test runner in the
 * script listing its failures (scripts/failure-list.mjs).
 * @param {StepContext} context @returns {Promise<NodeJS.ProcessEnv>}
 */
async function browserScriptEnv(context) {
  return { ...process.env, CHROME_PATH: await ensureChromium(), NODE_OPTIONS: nodeOptionsListingFailures(context.failureList) };
}

/**
 * Whether a server test file says, with `@sqlite-only` and a reason in its header comment, that nothing it checks
 * depends on the database dialect (pure functions, HTTP protocol details, a CLI that always runs in memory): the
 * PostgreSQL pass leaves it out instead of repeating it.
 * @param {string} file relative to packages/server
 */
function runsOnSqliteOnly(file) {
  const head = readFileSync(packagePath('server', file), 'utf8').slice(0, 2000);
  return /^\s*(?:\*|\/\/)?\s*@sqlite-only\b/m.test(head);
}

/** @param {StepContext} context @param {string[]} projects */
const typecheckProjects = (context, projects) => typecheck(projects, (command, args, options) => exec(context, command, args, options));

/** @param {string} name @returns {Step} */
const typecheckStep = (name) => ({
  group: name,
  name: `${name}: typecheck`,
  lane: 'checks',
  run: async (context) => {
    // tsconfig.test.json covers the sources with the tests, as strictly as tsconfig.json, so the sources are not
    // checked twice. This is the only check they get: the build emits their declarations without one.
    const all = packageProjects(name);
    const projects = all.some((p) => p.endsWith('tsconfig.test.json')) ? all.filter((p) => !p.endsWith(`${name}/tsconfig.json`)) : all;
    if (projects.length === 0) return { skipped: `packages/${name}/tsconfig.json: not there yet` };
    return (await typecheckProjects(context, projects)) ? { ok: true } : { ok: false };
  },
});

/**
 * Groups of the widgets' web-test-runner config (see its `groups`), one run each, in Chromium.
 * @param {StepContext} context @param {string[]} groups
 * @returns {Promise<Outcome>}
 */
async function widgetBrowserTests(context, groups) {
  const config = packagePath('widgets', 'web-test-runner.config.mjs');
  if (!existsSync(config)) return { skipped: 'packages/widgets/web-test-runner.config.mjs: not there yet' };
  const chrome = await ensureChromium();
  console.log(`Chromium: ${chrome}`);
  for (const group of groups) {
    const result = await exec(context, fromRoot('node_modules', '.bin', 'web-test-runner'), ['--config', relative(fromRoot(), config), '--group', group],
      { env: { ...process.env, CHROME_PATH: chrome }, timeoutMs: minutes(8) });
    if (!result.ok) return outcome(result);
  }
  return { ok: true };
}

/**
 * The build, first in the checks lane: the example portals and Storybook test what it builds, so they wait for it
 * alone, not for the type checks after it.
 * @type {Step}
 */
const buildStep = {
  group: 'build',
  name: 'build: npm run build',
  lane: 'checks',
  run: async (context) => {
    const built = await exec(context, npm, ['run', 'build'], { timeoutMs: minutes(8) });
    if (!built.ok) return outcome(built);
    // The code editor and the chart library stay out of what a page loads first (scripts/lazy-chunks.mjs).
    return outcome(await exec(context, node, [fromRoot('scripts', 'size.mjs'), '--check'], { timeoutMs: minutes(1) }));
  },
};

/** @type {Step[]} */
const steps = [
  {
    group: 'build',
    name: 'lock: package-lock.json is usable by npm ci',
    lane: 'first',
    run: async () => {
      const missing = unlockedOptionalDependencies();
      if (missing.length === 0) return { ok: true };
      console.error(`optional dependencies missing from package-lock.json:\n  ${missing.join('\n  ')}`);
      return { ok: false, reason: `${missing.length} optional dependencies not locked: see \`node scripts/check-lock.mjs\`` };
    },
  },
  {
    group: 'sdk',
    name: 'sdk: generated files match the spec',
    lane: 'first',
    run: async (context) => (rootHas('packages/sdk/scripts/generate.mjs')
      ? outcome(await exec(context, node, [packagePath('sdk', 'scripts', 'generate.mjs'), '--check'], { cwd: packagePath('sdk'), timeoutMs: minutes(3) }))
      : { skipped: 'packages/sdk/scripts/generate.mjs: not there yet' }),
  },
  {
    group: 'spec',
    name: 'spec: the bundle matches its sources',
    lane: 'first',
    run: async (context) => outcome(await exec(context, node, [fromRoot('openapi', 'bundle.mjs'), '--check'], { timeoutMs: minutes(2) })),
  },
  {
    group: 'widgets',
    name: 'widgets: custom-elements.json matches the JSDoc headers',
    lane: 'first',
    run: async (context) => outcome(await exec(context, npm, ['run', 'analyze:check', '-w', '@fco-admin/widgets'], { timeoutMs: minutes(2) })),
  },
  {
    group: 'widgets',
    name: 'widgets: stories/widgets/ matches the widget registry',
    lane: 'first',
    run: async (context) => outcome(await exec(context, npm, ['run', 'generate:stories', '--', '--check'], { timeoutMs: minutes(2) })),
  },
  {
    group: 'react',
    name: 'react: generated wrappers match the widget registry',
    lane: 'first',
    run: async (context) => outcome(await exec(context, npm, ['run', 'generate:check', '-w', '@fco-admin/react'], { timeoutMs: minutes(2) })),
  },

  // The checks lane: processor time only, no clock to race. The build first, so what the examples test is there
  // early; it regenerates the files checked to be fresh above, which is why those checks come first.
  buildStep,
  {
    group: 'spec',
    name: 'spec: Redocly, Spectral',
    lane: 'checks',
    run: async (context) => outcome(await exec(context, npm, ['run', 'lint', '-w', '@fco-admin/openapi'], { timeoutMs: minutes(5) })),
  },
  typecheckStep('sdk'),
  typecheckStep('server'),
  typecheckStep('widgets'),
  {
    group: 'build',
    name: 'build: tests of the build scripts (scripts/*.test.mjs)',
    lane: 'checks',
    run: async (context) => {
      const files = readdirSync(fromRoot('scripts')).filter((file) => file.endsWith('.test.mjs')).map((file) => fromRoot('scripts', file));
      if (files.length === 0) return { skipped: 'scripts/*.test.mjs: none' };
      return outcome(await exec(context, node, ['--test', '--test-reporter=spec', ...files], { timeoutMs: minutes(2) }));
    },
  },
  // After the build: the root tooling, the React package and portal are checked against the built declarations.
  {
    group: 'build',
    name: 'build: typecheck the root scripts, stories and examples (against the built declarations)',
    lane: 'checks',
    run: async (context) => ((await typecheckProjects(context, [fromRoot('tsconfig.built.json')])) ? { ok: true } : { ok: false }),
  },
  { ...typecheckStep('react'), name: 'react: typecheck (after the build: against the built declarations)' },
  {
    group: 'examples',
    name: 'examples: React portal typecheck (built declarations)',
    lane: 'checks',
    run: async (context) => ((await typecheckProjects(context, [fromRoot('examples', 'portal-react', 'tsconfig.json')])) ? { ok: true } : { ok: false }),
  },

  // The node tests lane.
  { group: 'sdk', name: 'sdk: node tests', lane: 'node', run: (context) => nodeTests(context, 'sdk') },
  {
    group: 'server',
    name: 'server: node tests on SQLite',
    lane: 'node',
    // Chromium checks the /docs page under its CSP (mandatory in CI; skipped locally when there is none).
    run: async (context) => {
      const chrome = isCI() ? await ensureChromium() : findChromium();
      return nodeTests(context, 'server', { FCO_TEST_DB: 'sqlite', ...(chrome ? { CHROME_PATH: chrome } : {}) });
    },
  },
  {
    group: 'server',
    name: 'server: node tests on PostgreSQL',
    lane: 'node',
    run: async (context) => {
      if (packageFiles('server', 'test', '.test.ts').length === 0) return { skipped: 'packages/server/test/*.test.ts: no tests yet' };
      if (process.env.FCO_TEST_SKIP_PG === '1') {
        if (isCI()) return { ok: false, reason: 'FCO_TEST_SKIP_PG=1 is not allowed when CI=true' };
        return { skipped: 'FCO_TEST_SKIP_PG=1' };
      }
      const url = await ensurePostgres();
      console.log(`PostgreSQL: ${url.replace(/:[^:@/]*@/, ':…@')}`);
      const sqliteOnly = packageFiles('server', 'test', '.test.ts').filter(runsOnSqliteOnly);
      if (sqliteOnly.length) console.log(`not repeated on PostgreSQL (marked @sqlite-only): ${sqliteOnly.map((f) => f.replace('test/', '')).join(', ')}`);
      return nodeTests(context, 'server', { FCO_TEST_DB: 'postgres', FCO_TEST_PG_URL: url }, { include: (file) => !runsOnSqliteOnly(file) });
    },
  },

  // The browser lane.
  {
    group: 'widgets',
    name: 'widgets: browser tests in Chromium',
    lane: 'browser',
    run: (context) => widgetBrowserTests(context, ['widgets', 'csp']),
  },
  {
    group: 'react',
    name: 'react: server rendering and hydration in Chromium',
    lane: 'browser',
    run: async (context) => nodeTests(context, 'react', { CHROME_PATH: await ensureChromium() }),
  },
  {
    group: 'react',
    name: `react: the same with React ${OLDER_REACT}`,
    lane: 'browser',
    run: async (context) => {
      const dir = await olderReact(context);
      if (!dir) return { ok: false, reason: `npm could not install react@${OLDER_REACT} (output above)` };
      return nodeTests(context, 'react', { CHROME_PATH: await ensureChromium(), FCO_TEST_REACT_DIR: dir });
    },
  },
  {
    group: 'examples',
    name: 'examples: portal embedding flow and CSP (node and Chromium)',
    lane: 'browser',
    afterBuild: true,
    run: async (context) => outcome(await exec(context, npm, ['run', 'test:portal'],
      { env: await browserScriptEnv(context), timeoutMs: minutes(3) })),
  },
  {
    group: 'examples',
    name: 'examples: React portal embedding flow (Chromium)',
    lane: 'browser',
    afterBuild: true,
    run: async (context) => outcome(await exec(context, npm, ['test', '-w', '@fco-admin/example-portal-react'],
      { env: await browserScriptEnv(context), timeoutMs: minutes(2) })),
  },
  {
    group: 'examples',
    name: 'examples: Storybook build and every story in Chromium',
    lane: 'browser',
    afterBuild: true,
    run: async (context) => outcome(await exec(context, npm, ['run', 'test:stories'],
      { env: await browserScriptEnv(context), timeoutMs: minutes(4) })),
  },
  // Last: its 1,000,000-customer database is seeded in the background meanwhile (startBackgroundWork).
  {
    group: 'widgets',
    name: 'widgets: a table of 1,000,000 customers in Chromium',
    lane: 'browser',
    // The limit includes waiting for the database, should the background seed not be done yet.
    run: (context) => widgetBrowserTests(context, ['big']),
  },
];

/**
 * Work that later steps need and that can go on beside the first ones: Debian's Chromium and PostgreSQL downloaded
 * and installed (disk and network, while the first steps use the processors), and the big-table browser test's
 * 1,000,000-customer database seeded at a low priority, so it takes the processor time that single-threaded steps
 * (lint, type checks) leave idle. A step that needs either still waits for it (ensureChromium/ensurePostgres wait for
 * the install; the test's server waits for the seed's lock), and does it itself if the background attempt failed.
 */
function startBackgroundWork() {
  /** @type {{ what: string, logFile: string }[]} */
  const started = [];
  const packages = [];
  const wantsChromium = isCI() || ['widgets', 'react', 'examples'].some((group) => only.has(group));
  let chromium;
  try {
    chromium = findChromium();
  } catch {
    chromium = 'CHROME_PATH'; // a wrong CHROME_PATH is reported by the step that needs it
  }
  if (wantsChromium && !chromium) packages.push('chromium');
  const wantsPostgres = only.has('server') && process.env.FCO_TEST_SKIP_PG !== '1' && !process.env.FCO_TEST_PG_URL;
  if (wantsPostgres && (installedVersions().length === 0 || !onPath('pg_ctlcluster'))) packages.push('postgresql');
  if (packages.length && isRoot() && onPath('apt-get')) {
    const logFile = join(tmpdir(), 'fco-test-apt.log');
    console.log(`installing ${packages.join(' and ')} from Debian in the background (output: ${logFile})`);
    void aptInstall(packages, { logFile });
    started.push({ what: `apt-get install ${packages.join(' ')}`, logFile });
  }
  if (only.has('widgets') && rootHas('packages/widgets/test/support/seed-big-database.ts') && !existsSync(bigDatabasePath())) {
    const logFile = join(tmpdir(), 'fco-test-big-seed.log');
    console.log(`seeding the big-table test's 1,000,000 customers in the background (output: ${logFile})`);
    const seed = [node, '--conditions=development', '--import', 'tsx', 'packages/widgets/test/support/seed-big-database.ts'];
    void run('nice', ['-n', '15', ...seed], { logFile, timeoutMs: minutes(20) });
    started.push({ what: 'big-table database', logFile });
  }
  return started;
}

const background = startBackgroundWork();

/** @type {Map<Step, { status: string, seconds: number, cpu: number | null, ok: boolean, failures?: string[] }>} */
const report = new Map();
const selected = steps.filter((step) => only.has(step.group));
const started = Date.now();
// The first failure stops every running step (and its processes) and starts no more.
const stopAll = new AbortController();

/**
 * Runs one step; outside the browser lane its output goes to a file and is shown, whole, when it ends.
 * @param {Step} step @param {boolean} buffered
 */
async function runStep(step, buffered) {
  const stepDir = mkdtempSync(join(tmpdir(), 'fco-test-step-'));
  const logFile = buffered ? join(stepDir, 'output.log') : undefined;
  if (logFile) writeFileSync(logFile, '');
  else console.log(`\n━━━ ${step.name} ━━━`);
  const failureList = join(stepDir, 'failures.txt');
  /** @type {StepContext} */
  const context = { signal: stopAll.signal, cpu: null, failureList, ...(logFile ? { logFile } : {}) };
  const stepStarted = Date.now();
  /** @type {Outcome} */
  let result;
  try {
    result = await step.run(context);
  } catch (error) {
    result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const seconds = (Date.now() - stepStarted) / 1000;
  if (logFile) {
    console.log(`\n━━━ ${step.name} (${step.lane} lane, ${seconds.toFixed(0)} s) ━━━`);
    process.stdout.write(readFileSync(logFile, 'utf8'));
  }
  const failures = existsSync(failureList) ? readFileSync(failureList, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(stepDir, { recursive: true, force: true });
  if ('skipped' in result) {
    console.log(`skipped: ${result.skipped}`);
    report.set(step, { status: `skipped (${result.skipped})`, seconds, cpu: context.cpu, ok: true });
  } else if (result.ok) {
    report.set(step, { status: 'passed', seconds, cpu: context.cpu, ok: true, failures });
  } else {
    const stoppedByOther = stopAll.signal.aborted;
    report.set(step, { status: stoppedByOther ? 'stopped (another step failed)' : `FAILED${result.reason ? ` (${result.reason})` : ''}`, seconds, cpu: context.cpu, ok: false, failures });
    if (!stoppedByOther) stopAll.abort();
  }
}

/** The build's end, which steps with `afterBuild` wait for (at once when the build is not selected). */
let buildEnded = () => {};
const buildEnd = selected.includes(buildStep) ? new Promise((resolve) => (buildEnded = () => resolve(undefined))) : Promise.resolve();

/** @param {Step[]} lane @param {{ buffered: boolean }} options */
async function runLane(lane, { buffered }) {
  for (const step of lane) {
    if (step.afterBuild) await buildEnd;
    if (stopAll.signal.aborted) return;
    await runStep(step, buffered);
    if (step === buildStep) buildEnded();
  }
}

await runLane(selected.filter((step) => step.lane === 'first'), { buffered: false });
const checksLane = runLane(selected.filter((step) => step.lane === 'checks'), { buffered: true });
await Promise.all([
  checksLane,
  runLane(selected.filter((step) => step.lane === 'browser'), { buffered: false }),
  runLane(selected.filter((step) => step.lane === 'node'), { buffered: true }),
]);

const lines = selected.map((step) => ({ step, line: report.get(step) }));
const passed = lines.filter(({ line }) => line?.status === 'passed').length;
const failedSteps = lines.filter(({ line }) => line?.status.startsWith('FAILED')).map(({ step }) => step.name);
console.log('\n━━━ summary ━━━');
// Processor seconds beside wall seconds: steps run side by side and the machine may be busy, so wall time says
// little about CI; a step's processor time (its commands and everything they started) says much more.
for (const { step, line } of lines) {
  if (!line) {
    console.log(`                     ${step.name}: not run (an earlier step failed)`);
    continue;
  }
  const cpu = line.cpu === null ? '          ' : ` ${line.cpu.toFixed(0).padStart(5)} cpu-s`;
  console.log(`${line.seconds.toFixed(1).padStart(6)} s${cpu}  ${step.name}: ${line.status}`);
}
// Background work's processor time is counted in no step.
for (const { what, logFile } of background) {
  const output = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n') : [];
  console.log(`background, ${what}: ${output.at(-1) ?? '(no output)'}`);
}
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failedSteps.length) console.log(`failed step: ${failedSteps.join(', ')}`);
// The failed tests once more, here at the end: the runners print them among everything else. A step that passed
// lists the tests that passed only on their second attempt.
const MAX_FAILURE_LINES = 20;
for (const { step, line } of lines) {
  const failures = line?.failures ?? [];
  if (failures.length === 0) continue;
  console.log(`${line?.ok ? 'passed, with flaky tests,' : 'failed'} in ${step.name}:`);
  for (const failure of failures.slice(0, MAX_FAILURE_LINES)) console.log(`  ✗ ${failure}`);
  if (failures.length > MAX_FAILURE_LINES) console.log(`  … and ${failures.length - MAX_FAILURE_LINES} more (above)`);
}
console.log(`${passed} passed, ${failedSteps.length} failed`);
process.exit(failedSteps.length ? 1 : 0);
