// One Rollup build for every package: ESM, esbuild for TypeScript (target es2022), dependencies left as imports in
// the package builds. Only entries whose source file exists are built, so the build passes while packages grow.
//   packages/sdk      src/index.ts, src/metadata-entry.ts               → dist/index.js, dist/metadata-entry.js
//   packages/widgets  src/index.ts, src/define-all.ts, each src/<widget>/define.ts → dist/<same path>.js
//                     plus dist/fco-admin-widgets.bundle.js: everything inlined and minified, for plain pages, with
//                     the lazily imported parts as dist/fco-admin-widgets.<name>-<hash>.js beside it
//   packages/react    src/index.ts                                   → dist/index.js (React, @lit/react and the widgets stay imports)
//   packages/server   src/index.ts, src/node.ts, src/cli.ts          → dist/*.js (Node)
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { cssLiterals } from './scripts/css-literals.mjs';

const root = dirname(fileURLToPath(import.meta.url));
/** @param {string} name */
const pkgDir = (name) => join(root, 'packages', name);
/** @param {string} file @returns {any} */
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Entry map { outputName: absoluteSourcePath } keeping only sources that exist.
 * @param {string} dir @param {string[]} sources @returns {Record<string, string>}
 */
function existingEntries(dir, sources) {
  return Object.fromEntries(
    sources
      .map((source) => /** @type {[string, string]} */ ([source.replace(/^src\//, '').replace(/\.ts$/, ''), join(dir, source)]))
      .filter(([, file]) => existsSync(file)),
  );
}

/**
 * The widgets' entries: the package.json "fco-entries" list if present, else src/index.ts, src/define-all.ts and
 * every src/<widget>/define.ts (missing files are dropped by existingEntries).
 * @returns {string[]}
 */
function widgetSources() {
  const dir = pkgDir('widgets');
  const listed = readJson(join(dir, 'package.json'))['fco-entries'];
  if (Array.isArray(listed)) return listed;
  const src = join(dir, 'src');
  const defines = existsSync(src)
    ? readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(src, entry.name, 'define.ts')))
      .map((entry) => `src/${entry.name}/define.ts`)
    : [];
  return ['src/index.ts', 'src/define-all.ts', ...defines.sort()];
}

/** Bare specifiers (npm packages, node: builtins) stay imports in package builds. */
/** @param {string} id */
const bareImport = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

/**
 * Resolves `@fco-admin/*` imports to their TypeScript sources (the "development" export), so the self-contained
 * bundle inlines the SDK without needing the SDK built first, and without turning on Lit's development build.
 */
function workspaceSources() {
  return {
    name: 'fco-workspace-sources',
    /** @param {string} id */
    resolveId(id) {
      const match = /^@fco-admin\/([^/]+)(\/.*)?$/.exec(id);
      if (!match?.[1]) return null;
      const dir = pkgDir(match[1]);
      if (!existsSync(join(dir, 'package.json'))) return null;
      const exported = readJson(join(dir, 'package.json')).exports?.[`.${match[2] ?? ''}`];
      const source = typeof exported === 'object' ? exported.development : undefined;
      return source ? join(dir, source) : null;
    },
  };
}

/** @param {import('rollup-plugin-esbuild').Options} [extra] */
// Import attributes (`with { type: 'json' }`) are newer than es2022 but Node 20 and current browsers have them;
// without this esbuild drops them and Node refuses the JSON import.
const typescript = (extra = {}) => esbuild({ target: 'es2022', supported: { 'import-attributes': true }, ...extra });

/**
 * A package build: its own sources compiled, every bare import left external. With `moduleFiles`, each source module
 * stays a file of its own (dist/<path under src>.js) instead of joining shared chunks: the package declares only its
 * define files as having side effects, so a host's bundler drops whole modules it does not use, and a page that
 * registers one widget does not carry the others (within a chunk the widgets' decorator calls would keep them all).
 * @param {string} name @param {Record<string, string>} entries
 * @param {{ platform?: 'browser' | 'node', moduleFiles?: boolean }} [options]
 * @returns {import('rollup').RollupOptions}
 */
function packageBuild(name, entries, { platform = 'browser', moduleFiles = false } = {}) {
  const dir = pkgDir(name);
  return {
    input: entries,
    external: bareImport,
    plugins: [
      emptyDir(join(dir, 'dist')),
      nodeResolve({ extensions: ['.ts', '.js', '.mjs'], browser: platform === 'browser' }),
      cssLiterals(),
      typescript(),
    ],
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      ...(moduleFiles ? { preserveModules: true, preserveModulesRoot: join(dir, 'src') } : {}),
      importAttributesKey: 'with',
      sourcemap: true,
    },
    onwarn: failOnUnresolved,
  };
}

/**
 * Empties a package's dist/ before its build, so chunks of earlier builds (hashed names) do not pile up there.
 * @param {string} dir @returns {import('rollup').Plugin}
 */
function emptyDir(dir) {
  return { name: 'fco-empty-dist', buildStart: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Unresolved relative imports are real bugs (a typo, a missing file): fail instead of Rollup's default warning.
 * @type {import('rollup').WarningHandlerWithDefault}
 */
function failOnUnresolved(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
  warn(warning);
}

/** @type {import('rollup').RollupOptions[]} */
const configs = [];

const sdk = existingEntries(pkgDir('sdk'), ['src/index.ts', 'src/metadata-entry.ts']);
if (Object.keys(sdk).length) configs.push(packageBuild('sdk', sdk));

const widgets = existingEntries(pkgDir('widgets'), widgetSources());
if (Object.keys(widgets).length) {
  configs.push(packageBuild('widgets', widgets, { moduleFiles: true }));
  // One script for pages without a bundler (the example portal): the index plus every define, all inlined.
  const virtualEntry = '\0fco-admin-widgets-bundle';
  const sources = Object.values(widgets);
  configs.push({
    input: virtualEntry,
    plugins: [
      {
        name: 'fco-widgets-bundle-entry',
        resolveId: (/** @type {string} */ id) => (id === virtualEntry ? id : null),
        load: (/** @type {string} */ id) => (id === virtualEntry
          ? sources.map((file, i) => (i === 0 ? `export * from ${JSON.stringify(file)};` : `import ${JSON.stringify(file)};`)).join('\n')
          : null),
      },
      workspaceSources(),
      nodeResolve({ extensions: ['.ts', '.js', '.mjs'], browser: true }),
      cssLiterals(),
      typescript({ minify: true, legalComments: 'none' }),
    ],
    // Code a widget imports lazily (the code editor, the charts) becomes chunks beside the bundle, loaded from the
    // bundle's own URL when first needed: a page that never shows code or a chart never downloads them.
    // What the lazy chunks share with the rest stays in the bundle, which exports it to them.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: join(pkgDir('widgets'), 'dist'),
      entryFileNames: 'fco-admin-widgets.bundle.js',
      chunkFileNames: 'fco-admin-widgets.[name]-[hash].js',
      hashCharacters: 'hex',
      // Code only lazy chunks share (a few hundred bytes) joins one of them rather than costing a request of its own.
      experimentalMinChunkSize: 2048,
      format: 'es',
      importAttributesKey: 'with',
      sourcemap: true,
    },
    onwarn: failOnUnresolved,
  });
}

const react = existingEntries(pkgDir('react'), ['src/index.ts']);
if (Object.keys(react).length) configs.push(packageBuild('react', react));

const server = existingEntries(pkgDir('server'), ['src/index.ts', 'src/node.ts', 'src/cli.ts']);
if (Object.keys(server).length) configs.push(packageBuild('server', server, { platform: 'node' }));

if (configs.length === 0) throw new Error('rollup: no package has sources yet (looked for packages/*/src/index.ts)');
for (const config of configs) {
  const inputs = typeof config.input === 'string' ? ['(self-contained bundle)'] : Object.values(config.input ?? {});
  console.log(`rollup: ${inputs.map((file) => relative(root, file)).join(', ')}`);
}

export default configs;
