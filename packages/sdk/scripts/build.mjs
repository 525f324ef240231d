// Builds dist/esm and dist/cjs with tsc and marks the CommonJS folder as such, so one package
// serves both `import` and `require` (see the exports map in package.json). It builds into a
// staging folder and swaps it in, so a process loading the package meanwhile never sees a
// half-written dist.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Resolve tsc from wherever npm installed typescript (the workspace root in this repository).
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
// Under node_modules: ignored by git, and on the same filesystem as dist for the rename.
const staging = join(root, 'node_modules', '.cache', `build-${process.pid}`);

rmSync(staging, { recursive: true, force: true });
try {
  for (const [config, out] of [
    ['tsconfig.esm.json', 'esm'],
    ['tsconfig.cjs.json', 'cjs'],
  ]) {
    execFileSync(process.execPath, [tsc, '-p', join(root, config), '--outDir', join(staging, 'dist', out)], { stdio: 'inherit' });
  }
  writeFileSync(join(staging, 'dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
  const dist = join(root, 'dist');
  if (existsSync(dist)) renameSync(dist, join(staging, 'old'));
  mkdirSync(dirname(dist), { recursive: true });
  renameSync(join(staging, 'dist'), dist);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
