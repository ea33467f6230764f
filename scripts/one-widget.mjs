// `npm run size -- --check`: a host that registers one widget ships that widget and none of the others. Checked on
// the build (run `npm run build` first) the way a host's bundler meets it: esbuild bundles, from the built packages
// and honouring their `sideEffects`, a page that calls `defineWidgets(ALONE)` from `@fco-admin/widgets` and a page
// that renders the same widget's component from `@fco-admin/react`. Neither may hold a module of another widget.
// What the widget loads with `import()` (the record dialog and its forms) stays apart, as a bundler splits it off.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { fromRoot } from './proc.mjs';
import { packagePath } from './workspace.mjs';

/** The widget the check registers alone: a list widget that imports no other widget. */
const ALONE = 'FcoServers';

/** Each widget's class and its module under src/ (without `.ts`), from the one list of widgets (src/widgets.ts). */
export function widgetModules() {
  const list = readFileSync(packagePath('widgets', 'src', 'widgets.ts'), 'utf8');
  return [...list.matchAll(/export \{ (Fco\w+) \} from '\.\/([\w/-]+)\.js';/g)].map(([, name = '', path = '']) => ({ name, path }));
}

/**
 * A host page's bundle: its modules (paths relative to the repository) and its size, min+gz.
 * @param {string} contents @returns {Promise<{ modules: string[], gz: number }>}
 */
async function hostBundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: fromRoot(), sourcefile: 'host-page.js' },
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    // React is the host's own; lazy imports become chunks of their own in a host's build.
    external: ['react', 'react-dom'],
    plugins: [{ name: 'lazy-imports-apart', setup: (b) => b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined)) }],
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  // The modules with code in the output (the metafile's inputs also list those read and then dropped).
  const held = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const modules = Object.entries(held).filter(([, input]) => input.bytesInOutput > 0).map(([module]) => module);
  return { modules, gz: gzipSync(output, { level: 9 }).length };
}

/**
 * @returns {Promise<{ problems: string[], sizes: { page: string, gz: number }[] }>} what is wrong (empty when one widget
 * comes alone), and what each host page weighs
 */
export async function checkOneWidgetAlone() {
  const widgets = widgetModules();
  const alone = widgets.find((widget) => widget.name === ALONE);
  if (!alone) return { problems: [`${ALONE} is not in packages/widgets/src/widgets.ts`], sizes: [] };
  const others = widgets.filter((widget) => widget !== alone).map((widget) => ({ ...widget, built: `packages/widgets/dist/${widget.path}.js` }));
  const pages = {
    [`defineWidgets(${ALONE}) from @fco-admin/widgets`]: `import { defineWidgets, ${ALONE} } from '@fco-admin/widgets'; defineWidgets(${ALONE});`,
    [`<${ALONE}> from @fco-admin/react`]: `export { ${ALONE} } from '@fco-admin/react';`,
  };
  /** @type {string[]} */
  const problems = [];
  const sizes = [];
  for (const [page, contents] of Object.entries(pages)) {
    const { modules, gz } = await hostBundle(contents);
    sizes.push({ page, gz });
    if (!modules.includes(`packages/widgets/dist/${alone.path}.js`)) problems.push(`a page with ${page} does not hold packages/widgets/dist/${alone.path}.js: is the package built with a file per module?`);
    const carried = others.filter((widget) => modules.includes(widget.built));
    if (carried.length) problems.push(`a page with ${page} also carries ${carried.length} other widgets (${carried.map((widget) => widget.name).join(', ')}): something it imports names them all`);
  }
  return { problems, sizes };
}
