// The published shape: builds dist with `npm run build -w @salesos/webhooks` (so it passes on
// a clean clone), then loads the package by name from ESM and from CommonJS, and type-checks a
// consumer of each kind against the emitted declarations.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { VECTOR } from './helpers.js';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(sdk, '..', '..');

// Signs the test vector and verifies a fresh delivery through the built package.
const probe = (load: string) => `
${load}
const { sign, signHeaders, verify, EVENT_TYPES, WebhookVerificationError } = m;
(async () => {
  const signature = await sign({ id: '${VECTOR.id}', timestamp: ${VECTOR.timestamp}, body: '${VECTOR.body}', secret: '${VECTOR.secret}' });
  const body = JSON.stringify({ id: 'evt_1', type: 'lead.created', created_at: '', organization_id: 'org_1', data: { object: {} } });
  const headers = await signHeaders({ id: 'evt_1', body, secret: '${VECTOR.secret}' });
  const event = await verify(body, headers, '${VECTOR.secret}');
  let code;
  try { await verify(body + ' ', headers, '${VECTOR.secret}'); } catch (e) { code = e instanceof WebhookVerificationError && e.code; }
  console.log(JSON.stringify({ signature, type: event.type, count: EVENT_TYPES.length, code }));
})();`;

const expected = { signature: VECTOR.signature, type: 'lead.created', count: 20, code: 'invalid_signature' };

function runNode(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: repo, encoding: 'utf8' }));
}

describe('the built package', () => {
  before(() => {
    execFileSync('npm', ['run', 'build', '-w', '@salesos/webhooks'], { cwd: repo, stdio: 'pipe' });
  });

  it('has an ESM build, a CommonJS build marked as such, and declarations for both', () => {
    for (const file of ['esm/index.js', 'esm/index.d.ts', 'cjs/index.js', 'cjs/index.d.ts']) {
      assert.ok(existsSync(join(sdk, 'dist', file)), file);
    }
    assert.deepEqual(JSON.parse(readFileSync(join(sdk, 'dist', 'cjs', 'package.json'), 'utf8')), { type: 'commonjs' });
    const manifest = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
    assert.equal(manifest.name, '@salesos/webhooks');
    assert.equal(manifest.version, '0.1.0');
    assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
  });

  it('imports by name from ESM', () => {
    assert.deepEqual(runNode(['--input-type=module', '-e', probe("import * as m from '@salesos/webhooks';")]), expected);
  });

  it('requires by name from CommonJS', () => {
    assert.deepEqual(runNode(['--input-type=commonjs', '-e', probe("const m = require('@salesos/webhooks');")]), expected);
    const resolved = createRequire(join(repo, 'package.json')).resolve('@salesos/webhooks');
    assert.match(resolved, /dist[\\/]cjs[\\/]index\.js$/);
  });

  it('loads no Node.js module and runs without Buffer, as on Deno, Bun and Workers', () => {
    const esm = join(sdk, 'dist', 'esm');
    const files = execFileSync('find', [esm, '-name', '*.js'], { encoding: 'utf8' }).trim().split('\n');
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      assert.doesNotMatch(code, /^import .* from ['"]node:/m, file);
      assert.doesNotMatch(code, /\bBuffer\.\w+\(/, file);
    }
    const load = "delete globalThis.Buffer; const m = await import('@salesos/webhooks');";
    assert.deepEqual(runNode(['--input-type=module', '-e', probe(load)]), expected);
    // Node's own Request and Response use Buffer internally, so this probe keeps it; the
    // source check above shows the SDK itself never touches it.
    const fetchProbe = `
      const { fetchHandler, signHeaders } = await import('@salesos/webhooks');
      const secret = '${VECTOR.secret}';
      const body = JSON.stringify({ id: 'evt_1', type: 'task.completed', created_at: '', organization_id: 'org_1', data: { object: {} } });
      const handle = fetchHandler(secret, (event) => Response.json({ got: event.type }));
      const ok = await handle(new Request('http://worker/', { method: 'POST', body, headers: await signHeaders({ id: 'evt_1', body, secret }) }));
      const bad = await handle(new Request('http://worker/', { method: 'POST', body, headers: { 'webhook-id': 'evt_1' } }));
      console.log(JSON.stringify({ ok: [ok.status, await ok.json()], bad: [bad.status, (await bad.json()).error.code] }));`;
    assert.deepEqual(runNode(['--input-type=module', '-e', fetchProbe]), { ok: [200, { got: 'task.completed' }], bad: [400, 'missing_header'] });
  });

  it('type-checks ESM and CommonJS consumers against the declarations', () => {
    const dir = join(sdk, 'dist', '.consumer');
    mkdirSync(dir, { recursive: true });
    const use = `
const event: SalesOSEvent | undefined = undefined as SalesOSEvent | undefined;
if (event?.type === 'opportunity.won') { const amount: number | null | undefined = event.data.object.amount; void amount; }
const types: readonly string[] = EVENT_TYPES;
void types; void verify; void nodeHandler;`;
    writeFileSync(
      join(dir, 'esm.mts'),
      `import { EVENT_TYPES, verify, type SalesOSEvent } from '@salesos/webhooks';\nimport { nodeHandler } from '@salesos/webhooks/node';\n${use}\n`,
    );
    writeFileSync(
      join(dir, 'cjs.cts'),
      `import webhooks = require('@salesos/webhooks');\nimport { EVENT_TYPES, verify } from '@salesos/webhooks';\nimport { nodeHandler } from '@salesos/webhooks/node';\ntype SalesOSEvent = webhooks.SalesOSEvent;\n${use}\n`,
    );
    const tsc = createRequire(join(repo, 'package.json')).resolve('typescript/bin/tsc');
    execFileSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        '--skipLibCheck',
        join(dir, 'esm.mts'),
        join(dir, 'cjs.cts'),
      ],
      { cwd: repo, stdio: 'pipe' },
    );
  });
});
