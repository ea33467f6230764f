/** Debian's Chromium (the one the tests use), or CHROME_PATH. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function chromiumPath(): string {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  const script = fileURLToPath(new URL('../../../scripts/ensure-chromium.mjs', import.meta.url));
  return execFileSync(process.execPath, [script], { encoding: 'utf8' }).trim().split('\n').pop()!;
}
