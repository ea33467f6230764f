// `npm run bench`: runs every packages/*/bench/*.bench.ts (through tsx, with the workspace's sources) one after the
// other, so they do not compete for the CPU, and prints their own reports. Benchmarks report ratios against a
// baseline measured in the same run; this runner only fails when a benchmark itself fails.
import { isMain, run } from './proc.mjs';
import { codePackages, packageFiles, packagePath } from './workspace.mjs';

if (isMain(import.meta.url)) {
  const benches = codePackages.flatMap((name) => packageFiles(name, 'bench', '.bench.ts').map((file) => ({ name, file })));
  if (benches.length === 0) {
    console.log('no benchmarks yet (packages/*/bench/*.bench.ts)');
    process.exit(0);
  }
  const failed = [];
  for (const { name, file } of benches) {
    const label = `packages/${name}/${file}`;
    console.log(`\n━━━ ${label} ━━━`);
    const result = await run(process.execPath, ['--conditions=development', '--import', 'tsx', file],
      { cwd: packagePath(name), timeoutMs: 15 * 60_000 });
    if (!result.ok) failed.push(label);
  }
  console.log(`\n${benches.length - failed.length} benchmark(s) ran, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}`);
  process.exit(failed.length ? 1 : 0);
}
