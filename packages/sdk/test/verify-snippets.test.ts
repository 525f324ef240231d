// The dependency-free verification snippets of docs/webhooks.md, run as the files they are
// (examples/verify/verify.mjs and verify.py) against deliveries signed by an independent
// implementation, the standardwebhooks package.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { sampleEvents } from './fixtures.js';
import { OLD_SECRET, SECRET, tamper } from './helpers.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'salesos-verify-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface RequestFile {
  headers: Record<string, string>;
  body: string;
}

/** A delivery signed by standardwebhooks, in the scripts' input format. */
function signedRequest(options: { secret?: string; timestamp?: number; body?: string } = {}): RequestFile {
  const event = sampleEvents['opportunity.won'];
  const body = options.body ?? JSON.stringify(event);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new Webhook(options.secret ?? SECRET).sign(event.id, new Date(timestamp * 1000), body);
  return {
    headers: { 'Webhook-Id': event.id, 'Webhook-Timestamp': String(timestamp), 'Webhook-Signature': signature },
    body,
  };
}

let files = 0;
function run(command: string[], request: RequestFile, via: 'file' | 'stdin', secret = SECRET) {
  const json = JSON.stringify(request);
  const args = [...command];
  if (via === 'file') {
    const file = join(scratch, `request-${++files}.json`);
    writeFileSync(file, json);
    args.push(file);
  }
  const result = spawnSync(args[0]!, args.slice(1), {
    cwd: repo,
    env: { ...process.env, SALESOS_WEBHOOK_SECRET: secret },
    input: via === 'stdin' ? json : '',
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Whether `tool` runs here: python3 always does; Go, Ruby and PHP only where installed. */
function installed(tool: string): boolean {
  return spawnSync(tool, [tool === 'go' ? 'version' : '--version'], { stdio: 'ignore' }).status === 0;
}

// Go compiles once; the others run their file directly.
function goBinary(): string[] {
  const binary = join(scratch, 'verify-go');
  execFileSync('go', ['build', '-o', binary, 'examples/verify/verify.go'], { cwd: repo, stdio: 'pipe', env: { ...process.env, GO111MODULE: 'off' } });
  return [binary];
}

const scripts: Array<[string, string, () => string[]]> = [
  ['examples/verify/verify.mjs (Node.js, node:crypto)', 'node', () => [process.execPath, 'examples/verify/verify.mjs']],
  ['examples/verify/verify.py (Python, stdlib)', 'python3', () => ['python3', 'examples/verify/verify.py']],
  ['examples/verify/verify.go (Go, stdlib)', 'go', goBinary],
  ['examples/verify/verify.rb (Ruby, stdlib)', 'ruby', () => ['ruby', 'examples/verify/verify.rb']],
  ['examples/verify/verify.php (PHP)', 'php', () => ['php', 'examples/verify/verify.php']],
];

for (const [name, tool, commandLine] of scripts) {
  const skip = tool === 'node' || installed(tool) ? false : `${tool} is not installed here`;
  describe(name, { skip }, () => {
    let command: string[] = [];
    before(() => {
      command = commandLine();
    });
    const id = sampleEvents['opportunity.won'].id;

    it('accepts a delivery signed by standardwebhooks, from a file and from stdin', () => {
      for (const via of ['file', 'stdin'] as const) {
        const result = run(command, signedRequest(), via);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout.trim(), `verified ${id} opportunity.won`);
      }
    });

    it('accepts either secret of a rotation (two signatures)', () => {
      const request = signedRequest();
      const old = signedRequest({ secret: OLD_SECRET, timestamp: Number(request.headers['Webhook-Timestamp']) });
      request.headers['Webhook-Signature'] += ` ${old.headers['Webhook-Signature']}`;
      assert.equal(run(command, request, 'file', OLD_SECRET).status, 0);
      assert.equal(run(command, request, 'file', SECRET).status, 0);
    });

    it('falls back to X-Webhook-Signature', () => {
      const { headers, body } = signedRequest();
      const { 'Webhook-Signature': signature, ...rest } = headers;
      assert.equal(run(command, { headers: { ...rest, 'X-Webhook-Signature': signature! }, body }, 'file').status, 0);
    });

    it('rejects a tampered body, a tampered id, a wrong secret, a stale timestamp and missing headers', () => {
      const good = signedRequest();
      const cases: Array<[RequestFile, string, string?]> = [
        [{ ...good, body: tamper(good.body) }, 'invalid signature'],
        [{ ...good, headers: { ...good.headers, 'Webhook-Id': 'evt_forged' } }, 'invalid signature'],
        [good, 'invalid signature', OLD_SECRET],
        [signedRequest({ timestamp: Math.floor(Date.now() / 1000) - 600 }), 'timestamp outside the tolerance'],
        [{ ...good, headers: { 'Webhook-Id': good.headers['Webhook-Id']! } }, 'missing webhook headers'],
      ];
      for (const [request, reason, secret] of cases) {
        const result = run(command, request, 'file', secret);
        assert.equal(result.status, 1, reason);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr.trim(), `rejected: ${reason}`);
      }
    });
  });
}

// A reader copies the function into a server: importing the file must not run its command line
// (which reads a request from stdin and sets the exit code).
describe('the verification functions import without running the command line', () => {
  const request = signedRequest();
  const env = { ...process.env, SALESOS_WEBHOOK_SECRET: SECRET, REQUEST: JSON.stringify(request) };
  const id = sampleEvents['opportunity.won'].id;

  it('examples/verify/verify.mjs: import { verifyWebhook }', () => {
    const program = `
      const { verifyWebhook } = await import('./examples/verify/verify.mjs');
      const { body, headers } = JSON.parse(process.env.REQUEST);
      const event = verifyWebhook(body, headers, process.env.SALESOS_WEBHOOK_SECRET);
      let rejected;
      try { verifyWebhook(body + ' ', headers, process.env.SALESOS_WEBHOOK_SECRET); } catch (error) { rejected = error.message; }
      console.log(JSON.stringify({ id: event.id, rejected, exitCode: process.exitCode ?? 0 }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { id, rejected: 'invalid signature', exitCode: 0 });
  });

  it('examples/verify/verify.py: from verify import verify_webhook', { skip: installed('python3') ? false : 'python3 is not installed here' }, () => {
    const program = `
import json, os, sys
sys.path.insert(0, "examples/verify")
from verify import verify_webhook
request = json.loads(os.environ["REQUEST"])
event = verify_webhook(request["body"].encode(), request["headers"], os.environ["SALESOS_WEBHOOK_SECRET"])
print(json.dumps({"id": event["id"]}))`;
    const result = spawnSync('python3', ['-c', program], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { id });
  });
});
