// `npm run typecheck`: the root scripts (tsconfig.json) and every package, each project with `tsc --noEmit`.
// A package is checked through its tsconfig.json and, when present, its tsconfig.test.json (sources plus tests) and
// tsconfig.node.json (node-side test support).
// Exported for the test command, which checks one package at a time.
import { existsSync } from 'node:fs';
import { isMain, fromRoot, run } from './proc.mjs';
import { codePackages, packagePath } from './workspace.mjs';

const tsc = fromRoot('node_modules', 'typescript', 'bin', 'tsc');

/** The tsconfig files of a package that exist, relative to the repository root. @param {string} name */
export const packageProjects = (name) => ['tsconfig.json', 'tsconfig.test.json', 'tsconfig.node.json']
  .map((file) => packagePath(name, file))
  .filter((file) => existsSync(file));

/**
 * Type-checks projects one after the other; true when all are clean.
 * @param {string[]} projects tsconfig paths
 * @param {(command: string, args: string[], options: { timeoutMs: number }) => Promise<{ ok: boolean }>} [runner]
 *   how tsc is run (the test command passes one that sends output to its log and counts processor time)
 */
export async function typecheck(projects, runner = run) {
  let clean = true;
  for (const project of projects) {
    console.log(`tsc -p ${project.replace(`${fromRoot()}/`, '')} --noEmit`);
    const result = await runner(process.execPath, [tsc, '-p', project, '--noEmit'], { timeoutMs: 5 * 60_000 });
    clean &&= result.ok;
  }
  return clean;
}

if (isMain(import.meta.url)) {
  const projects = [fromRoot('tsconfig.json'), ...codePackages.flatMap(packageProjects)];
  if (!(await typecheck(projects))) {
    console.error('typecheck: errors above');
    process.exit(1);
  }
  console.log('typecheck: no errors');
}
