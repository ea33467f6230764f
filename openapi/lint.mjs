// Lints the spec: Redocly (recommended) on the split sources, Spectral (oas + OWASP) on the bundle. Exits non-zero
// on any error; warnings kept are explained in redocly.yaml and .spectral.yaml.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (pkg, file) => join(here, '..', 'node_modules', pkg, file);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', NO_UPDATE_NOTIFIER: '1' };
const run = (label, args) => {
  console.log(`\n── ${label}`);
  const r = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit', env });
  return r.status === 0;
};

const bundleOk = run('bundle is up to date', [join(here, 'bundle.mjs'), '--check']);
const redoclyOk = run('redocly lint (recommended)', [bin('@redocly/cli', 'bin/cli.js'), 'lint', 'fco-admin.yaml', '--format=codeframe']);
const spectralOk = run('spectral lint (spectral:oas + OWASP)', [bin('@stoplight/spectral-cli', 'dist/index.js'), 'lint',
  'dist/fco-admin.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'error', '--format', 'text']);
if (!(bundleOk && redoclyOk && spectralOk)) {
  console.error('\nspec lint failed');
  process.exit(1);
}
console.log('\nspec lint: 0 errors');
