// The checked-in OpenAPI document passes two third-party linters with no error and no warning:
// Spectral's `spectral:oas` ruleset and Redocly's `recommended` one (what client generators and
// API gateways trip over: operation ids, tags, responses, examples that fit their schemas, …).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const bin = (name: string) => `node_modules/.bin/${name}`;

test('Spectral (spectral:oas) finds nothing in docs/openapi.json', () => {
  const r = spawnSync(bin('spectral'), ['lint', 'docs/openapi.json', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], { encoding: 'utf8' });
  const findings = JSON.parse(r.stdout || '[]') as Array<{ code: string; message: string; path: string[] }>;
  assert.deepEqual(
    findings.map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`),
    [],
  );
  assert.equal(r.status, 0, r.stderr);
});

test('Redocly (recommended) finds nothing in docs/openapi.json', () => {
  const r = spawnSync(bin('redocly'), ['lint', 'docs/openapi.json', '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const out = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
    totals: { errors: number; warnings: number };
    problems: Array<{ ruleId: string; message: string }>;
  };
  assert.deepEqual(
    out.problems.map((p) => `${p.ruleId}: ${p.message}`),
    [],
  );
  assert.deepEqual(out.totals, { ...out.totals, errors: 0, warnings: 0 });
  assert.equal(r.status, 0, r.stderr);
});
