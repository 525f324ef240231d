// Builds dist/salesos.js: src/main.ts and everything it imports (the client commands in the
// server's src/cli, commander, the receiver SDK's event catalog) bundled by esbuild into one ES
// module with no dependencies, so that installing @salesos/cli needs no native build and none of
// the server's packages. Runs on `npm pack` (prepack) and from the server's build.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outfile: join(root, 'dist/salesos.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The SDK from its sources: no need for its build.
  alias: { '@salesos/webhooks': join(repo, 'packages/sdk/src/index.ts') },
  define: { VERSION: JSON.stringify(version) },
  // commander is CommonJS: its require() calls of Node's modules need a require in an ES module.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __salesosRequire } from 'node:module';\nconst require = __salesosRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
