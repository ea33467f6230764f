// The code packages in dependency order (each may import the ones before it), and what each one has today. The root
// scripts ask here instead of assuming a package is complete, so they keep working while packages are written.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from './proc.mjs';

export const codePackages = ['sdk', 'widgets', 'react', 'server'];

/** Absolute path of a file in packages/<name>. @param {string} name @param {...string} parts */
export const packagePath = (name, ...parts) => fromRoot('packages', name, ...parts);

/** Packages with a tsconfig.json, in dependency order. */
export const typedPackages = () => codePackages.filter((name) => existsSync(packagePath(name, 'tsconfig.json')));

/**
 * Files in packages/<name>/<dir> whose names end with `suffix`, sorted, relative to the package.
 * @param {string} name @param {string} dir @param {string} suffix
 */
export function packageFiles(name, dir, suffix) {
  const full = packagePath(name, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).filter((file) => file.endsWith(suffix)).sort().map((file) => join(dir, file));
}

/**
 * The built files a package's `exports` point to (each export's "default" target, `*` patterns matched against
 * what is built), absolute and sorted: where a host's bundler starts.
 * @param {string} name @returns {string[]}
 */
export function builtEntries(name) {
  const manifest = JSON.parse(readFileSync(packagePath(name, 'package.json'), 'utf8'));
  /** @type {string[]} */
  const targets = Object.values(manifest.exports ?? {})
    .map((target) => (typeof target === 'string' ? target : target?.default))
    .filter((target) => typeof target === 'string' && target.endsWith('.js'));
  const built = (/** @type {string} */ dir) =>
    existsSync(packagePath(name, dir)) ? readdirSync(packagePath(name, dir), { recursive: true, encoding: 'utf8' }).map((file) => `./${join(dir, file)}`) : [];
  return targets
    .flatMap((target) => {
      if (!target.includes('*')) return existsSync(packagePath(name, target)) ? [target] : [];
      const [before = '', after = ''] = target.split('*');
      const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = new RegExp(`^${escape(before)}[^/]+${escape(after)}$`);
      return built(before.replace(/^\.\//, '').split('/')[0] ?? '').filter((file) => pattern.test(file));
    })
    .map((target) => packagePath(name, target))
    .sort();
}
