// Finds the Chromium the browser tests run in, installing Debian's `chromium` when it is missing and we may (root
// with apt-get). Tools' own browser downloads are never used: they need hosts other than Debian's mirrors.
// Run directly (`node scripts/ensure-chromium.mjs`) it prints the path, or one line saying how to get Chromium.
import { existsSync } from 'node:fs';
import { aptInstall, aptSettled, isMain, isRoot, onPath } from './proc.mjs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The first Chromium found: `CHROME_PATH` if set (and present), then the usual Debian paths. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist: point it at a Chromium binary or unset it.`);
  }
  return candidates.find((path) => existsSync(path));
}

/**
 * Returns the path of a Chromium binary, installing Debian's package when possible.
 * @returns {Promise<string>}
 * @throws {Error} with a one-line explanation when there is none and it cannot be installed here.
 */
export async function ensureChromium() {
  await aptSettled();
  const found = findChromium();
  if (found) return found;
  if (!isRoot() || !onPath('apt-get')) {
    throw new Error('Chromium not found: install it (`sudo apt-get install -y chromium`) or set CHROME_PATH to a Chromium binary.');
  }
  const started = Date.now();
  if (!(await aptInstall(['chromium']))) {
    throw new Error('installing Chromium failed (apt-get install -y chromium): see the apt output above.');
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but none of ${candidates.join(', ')} exists.`);
  console.log(`installed Chromium in ${Math.round((Date.now() - started) / 1000)} s`);
  return installed;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensureChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
