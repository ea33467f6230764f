/**
 * Modules of the server compiled as its production build compiles them (esbuild, target es2022, not minified, every
 * dependency left as an import; see rollup.config.mjs), for a bench that measures the server's CPU per request.
 * Through tsx, the sources are compiled with esbuild's `keepNames`: every function made at run time (a request's
 * closures) has its name set by a helper: 5.4% of the samples in a profile of `GET /v1/me` under load, a cost that
 * neither the built server nor the bench's baseline (Hono from npm) pays.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Each module keeps its own `import.meta.url` (bundled, it would be the bundle's): the bench's dataset finds the
 * server's sources from it, and the server resolves the API reference's script from it.
 */
const ownUrls: Plugin = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/** What the server benches run: the app and the bench's databases (the store they open), compiled as built. */
export type BuiltServer = typeof import('../src/app.js') & typeof import('./dataset.js');

export function builtServer(): Promise<BuiltServer> {
  return productionBuild<BuiltServer>(`export { createApp } from '../src/app.js'; export * from './dataset.js';`);
}

/** `source`: TypeScript importing what is wanted (paths relative to bench/); its exports, compiled, in one module. */
async function productionBuild<T>(source: string): Promise<T> {
  // Beside the sources, so the bundle's bare imports resolve from the workspace's node_modules.
  const folder = mkdtempSync(join(here, '.build-'));
  try {
    const outfile = join(folder, 'bench-entry.mjs');
    await build({
      stdin: { contents: source, resolveDir: here, loader: 'ts', sourcefile: 'bench-entry.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'es2022',
      supported: { 'import-attributes': true },
      packages: 'external',
      tsconfig: join(here, '../tsconfig.json'),
      outfile,
      plugins: [ownUrls],
      logLevel: 'error',
    });
    return (await import(pathToFileURL(outfile).href)) as T;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
