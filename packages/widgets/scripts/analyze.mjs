// Writes custom-elements.json from the elements' JSDoc headers (the source of the host contract, Storybook docs and
// the README). `--check` fails when the committed manifest no longer matches the sources instead of writing it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const analyzer = join(root, '..', '..', 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');

// The analyzer resolves --outdir against the working directory, so the scratch folder lives inside the package.
const scratch = mkdtempSync(join(root, '.cem-'));
try {
  execFileSync(process.execPath, [analyzer, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, scratch)],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  // The analyzer lists modules in file-system order, which varies between runs; sort them so the manifest is stable.
  const manifest = JSON.parse(readFileSync(join(scratch, 'custom-elements.json'), 'utf8'));
  manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // The manifest is the elements' contract with hosts (editors' completions, the React wrappers): a private member is
  // not part of it, and listed it would read as something a host may set or call.
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
    }
  }
  const fresh = `${JSON.stringify(manifest, null, 2)}\n`;
  const target = join(root, 'custom-elements.json');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (check) {
    if (fresh !== current) {
      console.error('packages/widgets/custom-elements.json is stale: run `npm run analyze -w @fco-admin/widgets` and commit it.');
      process.exit(1);
    }
    console.log('custom-elements.json matches the sources');
  } else if (fresh !== current) {
    writeFileSync(target, fresh);
    console.log('wrote custom-elements.json');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
