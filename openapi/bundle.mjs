// Bundles the split sources into dist/fco-admin.json: the one document the SDK generator, the server's validator and
// Spectral consume. `--check` fails when the committed bundle is stale instead of writing it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, 'dist', 'fco-admin.json');
const check = process.argv.includes('--check');

const tmp = join(mkdtempSync(join(tmpdir(), 'fco-bundle-')), 'fco-admin.json');
execFileSync(process.execPath, [join(here, '..', 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'bundle',
  join(here, 'fco-admin.yaml'), '--output', tmp], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
const bundled = JSON.stringify(JSON.parse(readFileSync(tmp, 'utf8')), null, 2) + '\n';

if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== bundled) {
    console.error('openapi/dist/fco-admin.json is stale: run `npm run generate` and commit the result.');
    process.exit(1);
  }
  console.log('openapi bundle is up to date');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bundled);
  console.log(`bundled ${target}`);
}
