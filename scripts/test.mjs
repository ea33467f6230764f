// `npm test`: every check of the repository, one step at a time, stopping at the first failure.
//   spec      the OpenAPI lint (bundle fresh, Redocly, Spectral)
//   sdk       generated files fresh, typecheck, node tests
//   server    typecheck, node tests on SQLite, node tests on PostgreSQL
//   widgets   typecheck, browser tests in Chromium
//   react     the generated wrappers fresh, server rendering and hydration in Chromium, then (after the build, whose
//             declarations it reads) its typecheck
//   build     package-lock.json usable by `npm ci` (first), typecheck of the root scripts, `npm run build`
//   examples  the example portals' embedding flow and CSP (HTML, then React), then every Storybook story in Chromium (after the build:
//             the portal serves the built widget bundle)
// Options: `--only spec|sdk|server|widgets|react|build|examples` (repeatable, or comma-separated) runs a subset.
// FCO_TEST_SKIP_PG=1 skips the PostgreSQL run locally; with CI=true PostgreSQL and Chromium are mandatory.
// A package without tests yet is reported as skipped, never as passed. The last line is `N passed, N failed`.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { unlockedOptionalDependencies } from './check-lock.mjs';
import { ensureChromium, findChromium } from './ensure-chromium.mjs';
import { ensurePostgres } from './ensure-postgres.mjs';
import { childrenCpuSeconds, fromRoot, isCI, rootHas, run } from './proc.mjs';
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
/** @typedef {{ group: string, name: string, run: () => Promise<Outcome> }} Step */

/** @param {number} n */
const minutes = (n) => n * 60_000;
const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {Awaited<ReturnType<typeof run>>} result @returns {Outcome} */
const outcome = (result) => (result.ok ? { ok: true } : { ok: false, reason: result.error ?? (result.timedOut ? 'timed out' : `exit code ${result.code}`) });

/**
 * The node test files of a package, run with the workspace's sources ("development" condition) through tsx.
 * @param {string} name @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<Outcome>}
 */
async function nodeTests(name, env = {}) {
  const files = packageFiles(name, 'test', '.test.ts');
  if (files.length === 0) return { skipped: `packages/${name}/test/*.test.ts: no tests yet` };
  // Two files at a time even on two cores: each file has its own database, and much of a file's time is spent
  // waiting on its server or PostgreSQL (node's default on two cores is one file at a time).
  return outcome(await run(node, ['--conditions=development', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
    { cwd: packagePath(name), env: { ...process.env, ...env }, timeoutMs: minutes(6) }));
}

/** @param {string} name @returns {Step} */
const typecheckStep = (name) => ({
  group: name,
  name: `${name}: typecheck`,
  run: async () => {
    const projects = packageProjects(name);
    if (projects.length === 0) return { skipped: `packages/${name}/tsconfig.json: not there yet` };
    return (await typecheck(projects)) ? { ok: true } : { ok: false };
  },
});

/** @type {Step[]} */
const steps = [
  {
    group: 'build',
    name: 'lock: package-lock.json is usable by npm ci',
    run: async () => {
      const missing = unlockedOptionalDependencies();
      if (missing.length === 0) return { ok: true };
      console.error(`optional dependencies missing from package-lock.json:\n  ${missing.join('\n  ')}`);
      return { ok: false, reason: `${missing.length} optional dependencies not locked: see \`node scripts/check-lock.mjs\`` };
    },
  },
  {
    group: 'spec',
    name: 'spec: bundle fresh, Redocly, Spectral',
    run: async () => outcome(await run(npm, ['run', 'lint', '-w', '@fco-admin/openapi'], { timeoutMs: minutes(5) })),
  },
  {
    group: 'sdk',
    name: 'sdk: generated files match the spec',
    run: async () => (rootHas('packages/sdk/scripts/generate.mjs')
      ? outcome(await run(node, [packagePath('sdk', 'scripts', 'generate.mjs'), '--check'], { cwd: packagePath('sdk'), timeoutMs: minutes(3) }))
      : { skipped: 'packages/sdk/scripts/generate.mjs: not there yet' }),
  },
  typecheckStep('sdk'),
  { group: 'sdk', name: 'sdk: node tests', run: () => nodeTests('sdk') },
  typecheckStep('server'),
  {
    group: 'server',
    name: 'server: node tests on SQLite',
    // Chromium checks the /docs page under its CSP (mandatory in CI; skipped locally when there is none).
    run: async () => {
      const chrome = isCI() ? await ensureChromium() : findChromium();
      return nodeTests('server', { FCO_TEST_DB: 'sqlite', ...(chrome ? { CHROME_PATH: chrome } : {}) });
    },
  },
  {
    group: 'server',
    name: 'server: node tests on PostgreSQL',
    run: async () => {
      if (packageFiles('server', 'test', '.test.ts').length === 0) return { skipped: 'packages/server/test/*.test.ts: no tests yet' };
      if (process.env.FCO_TEST_SKIP_PG === '1') {
        if (isCI()) return { ok: false, reason: 'FCO_TEST_SKIP_PG=1 is not allowed when CI=true' };
        return { skipped: 'FCO_TEST_SKIP_PG=1' };
      }
      const url = await ensurePostgres();
      console.log(`PostgreSQL: ${url.replace(/:[^:@/]*@/, ':…@')}`);
      return nodeTests('server', { FCO_TEST_DB: 'postgres', FCO_TEST_PG_URL: url });
    },
  },
  typecheckStep('widgets'),
  {
    group: 'widgets',
    name: 'widgets: custom-elements.json matches the JSDoc headers',
    run: async () => outcome(await run(npm, ['run', 'analyze:check', '-w', '@fco-admin/widgets'], { timeoutMs: minutes(2) })),
  },
  {
    group: 'widgets',
    name: 'widgets: stories/widgets/ matches the widget registry',
    run: async () => outcome(await run(npm, ['run', 'generate:stories', '--', '--check'], { timeoutMs: minutes(2) })),
  },
  {
    group: 'widgets',
    name: 'widgets: browser tests in Chromium',
    run: async () => {
      const config = packagePath('widgets', 'web-test-runner.config.mjs');
      if (!existsSync(config)) return { skipped: 'packages/widgets/web-test-runner.config.mjs: not there yet' };
      const chrome = await ensureChromium();
      console.log(`Chromium: ${chrome}`);
      // The limit includes seeding the 1,000,000-customer table test's database on a fresh machine (under a minute).
      return outcome(await run(fromRoot('node_modules', '.bin', 'web-test-runner'), ['--config', relative(fromRoot(), config)],
        { env: { ...process.env, CHROME_PATH: chrome }, timeoutMs: minutes(8) }));
    },
  },
  {
    group: 'react',
    name: 'react: generated wrappers match the widget registry',
    run: async () => outcome(await run(npm, ['run', 'generate:check', '-w', '@fco-admin/react'], { timeoutMs: minutes(2) })),
  },
  {
    group: 'react',
    name: 'react: server rendering and hydration in Chromium',
    run: async () => nodeTests('react', { CHROME_PATH: await ensureChromium() }),
  },
  {
    group: 'build',
    name: 'build: typecheck the root scripts',
    run: async () => ((await typecheck([fromRoot('tsconfig.json')])) ? { ok: true } : { ok: false }),
  },
  {
    group: 'build',
    name: 'build: npm run build',
    run: async () => outcome(await run(npm, ['run', 'build'], { timeoutMs: minutes(5) })),
  },
  // After the build: the React package is checked against the widgets' built declarations.
  { ...typecheckStep('react'), name: 'react: typecheck (after the build: against the built declarations)' },
  {
    group: 'examples',
    name: 'examples: portal embedding flow and CSP (node and Chromium)',
    run: async () => outcome(await run(npm, ['run', 'test:portal'],
      { env: { ...process.env, CHROME_PATH: await ensureChromium() }, timeoutMs: minutes(3) })),
  },
  {
    group: 'examples',
    name: 'examples: React portal typecheck (built declarations) and embedding flow (Chromium)',
    run: async () => {
      if (!(await typecheck([fromRoot('examples', 'portal-react', 'tsconfig.json')]))) return { ok: false };
      return outcome(await run(npm, ['test', '-w', '@fco-admin/example-portal-react'],
        { env: { ...process.env, CHROME_PATH: await ensureChromium() }, timeoutMs: minutes(2) }));
    },
  },
  {
    group: 'examples',
    name: 'examples: Storybook build and every story in Chromium',
    run: async () => outcome(await run(npm, ['run', 'test:stories'],
      { env: { ...process.env, CHROME_PATH: await ensureChromium() }, timeoutMs: minutes(4) })),
  },
];

/** @type {{ name: string, status: string, seconds: number, cpu: number | null }[]} */
const report = [];
let passed = 0;
let failed = 0;
const selected = steps.filter((step) => only.has(step.group));
const started = Date.now();

for (const step of selected) {
  console.log(`\n━━━ ${step.name} ━━━`);
  const stepStarted = Date.now();
  const cpuBefore = childrenCpuSeconds();
  /** @type {Outcome} */
  let result;
  try {
    result = await step.run();
  } catch (error) {
    result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const seconds = (Date.now() - stepStarted) / 1000;
  const cpuAfter = childrenCpuSeconds();
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  if ('skipped' in result) {
    console.log(`skipped: ${result.skipped}`);
    report.push({ name: step.name, status: `skipped (${result.skipped})`, seconds, cpu });
  } else if (result.ok) {
    passed += 1;
    report.push({ name: step.name, status: 'passed', seconds, cpu });
  } else {
    failed += 1;
    report.push({ name: step.name, status: `FAILED${result.reason ? ` (${result.reason})` : ''}`, seconds, cpu });
    break;
  }
}

const notRun = selected.slice(report.length);
console.log('\n━━━ summary ━━━');
// CPU seconds beside wall seconds: on a loaded machine wall time says little about CI, CPU time much more.
for (const line of report) {
  const cpu = line.cpu === null ? '' : ` ${line.cpu.toFixed(0).padStart(5)} cpu-s`;
  console.log(`${line.seconds.toFixed(1).padStart(6)} s${cpu}  ${line.name}: ${line.status}`);
}
for (const step of notRun) console.log(`          ${step.name}: not run (an earlier step failed)`);
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failed) console.log(`failed step: ${report.at(-1)?.name}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
