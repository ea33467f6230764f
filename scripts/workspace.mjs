// The code packages in dependency order (each may import the ones before it), and what each one has today. The root
// scripts ask here instead of assuming a package is complete, so they keep working while packages are written.
import { existsSync, readdirSync } from 'node:fs';
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
