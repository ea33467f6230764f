// Storybook for the FCO Admin Kit widgets: stories live in stories/ and import the workspace packages from their
// TypeScript sources (the "development" export), in dev and in `storybook build` alike, so no build is needed first.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `@fco-admin/<package>[/<subpath>]` → its "development" source file, for every workspace package under packages/. */
function workspaceSourceAliases(): { find: string; replacement: string }[] {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir)
    .map((dir) => join(packagesDir, dir, 'package.json'))
    .filter((file) => existsSync(file))
    .flatMap((file) => {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; exports?: Record<string, unknown> };
      return Object.entries(pkg.exports ?? {}).flatMap(([subpath, target]) => {
        const source = typeof target === 'object' && target ? (target as Record<string, unknown>).development : undefined;
        return typeof source === 'string'
          ? [{ find: `${pkg.name}${subpath.slice(1)}`, replacement: join(dirname(file), source) }]
          : [];
      });
    })
    // Longest first, so `@fco-admin/x/sub` is not swallowed by `@fco-admin/x`.
    .sort((a, b) => b.find.length - a.find.length);
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: [],
  core: { disableTelemetry: true },
  viteFinal: async (viteConfig) => {
    const aliases = workspaceSourceAliases().map(({ find, replacement }) => ({
      find: new RegExp(`^${find.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
      replacement,
    }));
    viteConfig.resolve ??= {};
    const existing = viteConfig.resolve.alias;
    viteConfig.resolve.alias = [...(Array.isArray(existing) ? existing : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }))), ...aliases];
    // Storybook's web-components renderer imports lit/directive-helpers.js, which the dev server's dependency
    // pre-bundling misses: served raw, it brings a second (development) copy of lit-html next to the pre-bundled one.
    viteConfig.optimizeDeps ??= {};
    viteConfig.optimizeDeps.include = [...(viteConfig.optimizeDeps.include ?? []), 'lit/directive-helpers.js'];
    return viteConfig;
  },
};

export default config;
