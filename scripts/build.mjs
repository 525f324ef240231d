// Builds what `salesos` runs: the receiver SDK (its own build, which the server imports by
// package name), then src/ compiled by tsc into dist/ (incremental: a build with nothing changed
// takes a second or two), with the files the code reads at run time copied beside it: the SQL
// migrations and the dashboard's assets. Runs on `npm ci`/`npm install` (prepare), before
// `npm start` and `npm test`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

/** The newest modification time of the files under a directory. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  return t;
}

// The SDK's build is not incremental: skipped when its output is newer than its sources.
const sdk = join(root, 'packages/sdk');
const sdkBuilt = join(sdk, 'dist/esm/index.js');
if (!existsSync(sdkBuilt) || statSync(sdkBuilt).mtimeMs < Math.max(newest(join(sdk, 'src')), statSync(join(sdk, 'package.json')).mtimeMs)) {
  run([join(sdk, 'scripts/build.mjs')]);
}
run([tsc, '-p', join(root, 'tsconfig.build.json')]);

// Copies of what is not TypeScript; a file removed from src/ goes from dist/ too.
for (const dir of ['store/migrations', 'dashboard/assets']) {
  const to = join(root, 'dist', dir);
  if (existsSync(to)) rmSync(to, { recursive: true });
  cpSync(join(root, 'src', dir), to, { recursive: true });
}
if (!readdirSync(join(root, 'dist/store/migrations')).some((f) => f.endsWith('.sql'))) throw new Error('build: no migrations copied');
