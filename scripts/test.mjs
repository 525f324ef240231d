// Runs the test suite with node's test runner: every test/**/*.test.ts and the SDK's tests.
// `--reliability` runs test/reliability/ instead (crash, outage, fault and abuse tests).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const reliability = process.argv.includes('--reliability');
const extra = process.argv.slice(2).filter((a) => a !== '--reliability');

function collect(dir, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'node_modules' || name === 'fixtures') continue;
      if (name === 'reliability' && !reliability) continue;
      collect(p, out);
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = extra.length ? extra : reliability ? collect('test/reliability') : [...collect('test'), ...collect('packages/sdk/test')];
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 3}`, ...files];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
