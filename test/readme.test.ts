// The README's configuration table against the code: every variable the program reads is in
// the table, and the table names nothing the program does not read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SALESOS_VARIABLES, unknownVariableWarnings } from '../src/config.ts';

const root = join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The variable names a source file reads from its env object: env.NAME, env['NAME'], (env, 'NAME'). */
function namesRead(file: string): Set<string> {
  const names = new Set<string>();
  for (const m of read(file).matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\['([A-Z][A-Z0-9_]*)'\]|, '([A-Z][A-Z0-9_]*)')/g)) names.add(m[1] ?? m[2] ?? m[3]);
  return names;
}

/** The names in the first column of the README's configuration table. */
function tableNames(): Set<string> {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const names = new Set<string>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    for (const m of row.split(' | ')[0].matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]);
  }
  return names;
}

test('the README configuration table lists every variable src/config.ts and the CLI client read, and only those', () => {
  // HOME and XDG_CONFIG_HOME locate the profile file: the system's, not settings of salesos.
  const system = new Set(['HOME', 'XDG_CONFIG_HOME']);
  const code = new Set([...namesRead('src/config.ts'), ...namesRead('src/cli/client.ts')].filter((n) => !system.has(n)));
  assert.deepEqual([...tableNames()].sort(), [...code].sort());
  assert.deepEqual(
    [...SALESOS_VARIABLES].sort(),
    [...code].filter((n) => n.startsWith('SALESOS_')).sort(),
    'SALESOS_VARIABLES (the known names) is what the code reads',
  );
});

test('an unknown SALESOS_ variable gets a warning naming the nearest known one; known ones get none', () => {
  assert.deepEqual(unknownVariableWarnings({ SALESOS_RETENTION: '1d', SALESOS_DATADIR: 'x', SALESOS_WEBHOOK_SECRET: 'whsec_x', PATH: '/bin' }), [
    'SALESOS_DATADIR is not a setting of salesos (did you mean SALESOS_DATA_DIR?); it is ignored',
  ]);
});
