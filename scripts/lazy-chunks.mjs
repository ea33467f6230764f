// `npm run size -- --check`: the code editor (CodeMirror) and the chart library (Chart.js) stay out of what a page
// loads first. Checked on the build (run `npm run build` first), through each file's static imports only (what loads
// with it; `import()` is where a lazy chunk starts):
//   - the self-contained bundle and every chunk it imports statically hold no module of either library (the bundle's
//     source maps list the modules each file holds);
//   - the package entries (its exports: dist/index.js, dist/define-all.js, dist/*/define.js, for bundlers) reach no
//     import of either library statically;
//   - each lazy chunk exists beside the bundle and is not loaded with it: the code elements, CodeMirror, the report
//     view with Chart.js, the German messages, the record dialog, the layout editor.
// Exits 1 with what is wrong, so the build step of `npm test` fails when a static import pulls either library in.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { fromRoot } from './proc.mjs';
import { builtEntries, packagePath } from './workspace.mjs';

/** The libraries that load only with the widget that needs them, by package name. */
export const LAZY_LIBRARIES = {
  'the code editor (CodeMirror)': /^(@codemirror\/|codemirror$|@lezer\/|style-mod$|w3c-keyname$|crelt$)/,
  'the chart library (Chart.js)': /^(chart\.js|@kurkle\/color)(\/|$)/,
};

/** The lazy chunks the bundle must have beside it: a module each holds. */
const LAZY_CHUNKS = {
  'the code elements of fco-fdl-code-blocks': /\/src\/code\/code-elements\.ts$/,
  'CodeMirror with the Lua mode': /\/src\/code\/lua-editor\.ts$/,
  'the report view of fco-reports': /\/src\/reports\/report-view\.ts$/,
  'Chart.js': /node_modules\/chart\.js\//,
  'the German messages': /\/src\/i18n\/de\.ts$/,
  'the record dialog (forms, merge view)': /\/src\/widget\/record-dialog\.ts$/,
  'the layout editor': /\/src\/page\/layout-editor\.ts$/,
};

/** The npm package a path inside node_modules belongs to ('@scope/name' or 'name'), else undefined. @param {string} path */
function packageOf(path) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.replaceAll('\\', '/'));
  return match?.[1];
}

/** Which lazy library a package name or bare import belongs to, if any. @param {string | undefined} name */
function lazyLibraryOf(name) {
  if (!name) return undefined;
  return Object.entries(LAZY_LIBRARIES).find(([, pattern]) => pattern.test(name))?.[0];
}

/**
 * The static import graph of a built file: every file it reaches through `import`/`export from` (not `import()`),
 * and the bare specifiers those files import.
 * @param {string} entry @returns {Promise<{ files: string[], bare: { from: string, path: string }[] }>}
 */
async function staticGraph(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    logLevel: 'silent',
    plugins: [{
      name: 'static-imports-only',
      setup: (b) => b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'dynamic-import') return { path: args.path, external: true };
        if (args.kind !== 'entry-point' && !args.path.startsWith('.') && !args.path.startsWith('/')) return { path: args.path, external: true };
        return undefined;
      }),
    }],
  });
  const inputs = result.metafile.inputs;
  const files = Object.keys(inputs).map((file) => fromRoot(file));
  const bare = Object.entries(inputs).flatMap(([from, input]) =>
    input.imports.filter((i) => i.external && i.kind !== 'dynamic-import').map((i) => ({ from, path: i.path })));
  return { files, bare };
}

/** The modules a built file holds, from its source map (paths made absolute). @param {string} file @returns {string[]} */
function modulesIn(file) {
  const map = `${file}.map`;
  if (!existsSync(map)) throw new Error(`${relative(fromRoot(), map)} is missing: the check reads the modules a file holds from its source map`);
  const { sources } = JSON.parse(readFileSync(map, 'utf8'));
  return sources.map((/** @type {string} */ source) => join(dirname(file), source));
}

/** @returns {Promise<string[]>} what is wrong (empty when the lazy code stays lazy) */
export async function checkLazyChunks() {
  const dist = packagePath('widgets', 'dist');
  const bundle = join(dist, 'fco-admin-widgets.bundle.js');
  if (!existsSync(bundle)) return ['packages/widgets/dist/fco-admin-widgets.bundle.js is missing: run `npm run build` first'];
  /** @type {string[]} */
  const problems = [];

  // The bundle as a plain page loads it: the bundle and the chunks it imports statically.
  const { files: loadedFirst } = await staticGraph(bundle);
  for (const file of loadedFirst) {
    const held = modulesIn(file);
    for (const library of Object.keys(LAZY_LIBRARIES)) {
      const modules = held.filter((module) => lazyLibraryOf(packageOf(module)) === library);
      if (modules.length) problems.push(`${relative(fromRoot(), file)} (loaded with the bundle) holds ${modules.length} modules of ${library}, e.g. ${relative(fromRoot(), modules[0] ?? '')}: it must load only in its lazy chunk`);
    }
  }

  // Each lazy chunk beside the bundle, found by a module it holds, and none of them loaded with the bundle.
  const chunks = readdirSync(dist).filter((file) => /^fco-admin-widgets\..+\.js$/.test(file) && file !== basename(bundle)).map((file) => join(dist, file));
  for (const [what, module] of Object.entries(LAZY_CHUNKS)) {
    const chunk = chunks.find((file) => modulesIn(file).some((source) => module.test(source.replaceAll('\\', '/'))));
    if (!chunk) problems.push(`no lazy chunk beside the bundle holds ${what}`);
    else if (loadedFirst.includes(chunk)) problems.push(`${relative(fromRoot(), chunk)} (${what}) is imported statically by the bundle: it must load only with import()`);
  }

  // The package entries a bundler starts from: no static path to either library.
  const entries = builtEntries('widgets');
  for (const entry of entries) {
    const { bare } = await staticGraph(entry);
    for (const library of Object.keys(LAZY_LIBRARIES)) {
      const found = bare.find(({ path }) => lazyLibraryOf(path) === library);
      if (found) problems.push(`${relative(fromRoot(), entry)} reaches \`import '${found.path}'\` statically (in ${found.from}): ${library} must be imported only with import()`);
    }
  }
  return problems;
}
