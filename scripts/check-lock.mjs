// Checks that package-lock.json locks every optional dependency it names. The npm registry this project installs
// from can lack a platform build of a package (say @rollup/rollup-android-arm64 at one version); `npm install` then
// leaves it out of the lock without a word and `npm ci` in a clean clone refuses the lock ("Missing: … from lock
// file"). Pinning the parent to a version whose platform builds all exist fixes it (see rollup in package.json).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromRoot, isMain } from './proc.mjs';

/** Names of optional dependencies not locked, as `parent → dependency`. @returns {string[]} */
export function unlockedOptionalDependencies() {
  /** @type {{ packages: Record<string, { optionalDependencies?: Record<string, string> }> }} */
  const lock = JSON.parse(readFileSync(fromRoot('package-lock.json'), 'utf8'));
  const locked = new Set(Object.keys(lock.packages));
  const missing = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const dependency of Object.keys(entry.optionalDependencies ?? {})) {
      if (dependency === 'fsevents') continue; // macOS only, and npm locks it only where it resolves
      // Node resolution: the dependency nested under its parent or in any node_modules above it.
      let found = false;
      for (let dir = location; ; dir = dirname(dir)) {
        const candidate = `${dir === '.' || dir === '' ? '' : `${dir}/`}node_modules/${dependency}`;
        if (locked.has(candidate)) {
          found = true;
          break;
        }
        if (dir === '.' || dir === '' || dir === '/') break;
      }
      if (!found) missing.push(`${location || '(root)'} → ${dependency}`);
    }
  }
  return missing;
}

if (isMain(import.meta.url)) {
  const missing = unlockedOptionalDependencies();
  if (missing.length) {
    console.error(`package-lock.json lacks ${missing.length} optional dependencies, so \`npm ci\` will refuse it:`);
    for (const line of missing) console.error(`  ${line}`);
    console.error('Pin the parent package to a version whose platform packages the registry has, then `npm install`.');
    process.exit(1);
  }
  console.log('package-lock.json: every optional dependency is locked');
}
