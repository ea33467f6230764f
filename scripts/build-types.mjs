// `npm run build:types`: declaration files for each package with a tsconfig.json, into packages/<name>/dist/types,
// in dependency order. The package's own tsconfig is extended with declaration-only output limited to src/, and
// without the "development" condition, so a workspace dependency is read from its freshly emitted declarations
// (its sources would otherwise be pulled into this package's output).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fromRoot, run } from './proc.mjs';
import { packagePath, typedPackages } from './workspace.mjs';

const tsc = fromRoot('node_modules', 'typescript', 'bin', 'tsc');
const configDir = fromRoot('node_modules', '.cache', 'fco-build-types');
mkdirSync(configDir, { recursive: true });

const failed = [];
for (const name of typedPackages()) {
  if (!existsSync(packagePath(name, 'src'))) continue;
  const config = {
    extends: packagePath(name, 'tsconfig.json'),
    compilerOptions: {
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      declarationMap: true,
      composite: false,
      incremental: false,
      rootDir: packagePath(name, 'src'),
      outDir: packagePath(name, 'dist', 'types'),
      declarationDir: packagePath(name, 'dist', 'types'),
      customConditions: [],
      // The type checks of the test command check these sources (each package's tsconfig.test.json or tsconfig.json,
      // as strict as this): emitting declarations without checking again halves the time this takes.
      noCheck: true,
    },
    include: [packagePath(name, 'src')],
    exclude: ['**/*.test.ts', '**/*.stories.ts'],
  };
  const file = `${configDir}/${name}.tsconfig.json`;
  writeFileSync(file, JSON.stringify(config, null, 2));
  console.log(`types: packages/${name}/dist/types`);
  const result = await run(process.execPath, [tsc, '-p', file], { timeoutMs: 5 * 60_000 });
  if (!result.ok) failed.push(name);
}
if (failed.length) {
  console.error(`build:types failed for ${failed.join(', ')}`);
  process.exit(1);
}
