// Bad input beyond the API: the SDK's `verify` under generated forgeries and garbage, and the
// `salesos` command under generated arguments (spawned for real: exit code 0, 1 or 2, never a
// stack trace).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe } from 'node:test';
import { generateSecret, signHeaders, verify, WebhookVerificationError } from '../../packages/sdk/src/index.ts';
import { startApp, type TestApp } from '../helpers.ts';
import { fmtMs, pool, ROOT, section } from './support.ts';

const VERIFY_RUNS = 3000;
const CLI_RUNS = 200;
const check = section(
  import.meta.url,
  'Bad input: the SDK and the CLI',
  `fast-check against \`verify\` of packages/sdk (${VERIFY_RUNS} garbage deliveries, forgeries by one changed byte, malformed secrets), and ${CLI_RUNS} runs of \`node bin/salesos.js\` with generated arguments.`,
  5,
);

const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', ' ', 'v1,', 'v1,====', 'v1,AAAA v2,BBBB', 'v1a,xyz', '\u0000', '9'.repeat(400), '-1', '1e10', 'NaN', 'v1,' + 'A'.repeat(10_000)),
);
const now = () => Math.floor(Date.now() / 1000);

describe('SDK verify under generated input', () => {
  check(`${VERIFY_RUNS} garbage deliveries are rejected with WebhookVerificationError, never accepted, never another error`, async (fig) => {
    const secret = await generateSecret();
    const headerValue = fc.oneof(nasty, fc.constant(String(now())), fc.integer().map(String));
    const arb = fc.record({
      body: fc.oneof(nasty, fc.uint8Array({ maxLength: 200 }), fc.json()),
      headers: fc.record(
        { 'webhook-id': headerValue, 'webhook-timestamp': headerValue, 'webhook-signature': nasty, 'x-webhook-signature': nasty },
        { requiredKeys: [] },
      ),
    });
    const codes = new Map<string, number>();
    for (const { body, headers } of fc.sample(arb, VERIFY_RUNS)) {
      const outcome = await verify(body, headers, secret).then(
        () => 'accepted',
        (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `other: ${String(e)}`),
      );
      codes.set(outcome, (codes.get(outcome) ?? 0) + 1);
      assert.ok(
        outcome !== 'accepted' && !outcome.startsWith('other'),
        `${outcome} for ${JSON.stringify({ body: String(body).slice(0, 80), headers }).slice(0, 300)}`,
      );
    }
    fig('rejections by code', [...codes].map(([c, n]) => `${c} ${n}`).join(', '));
  });

  check('a correctly signed delivery with one bit changed (body, id, timestamp or signature) is always rejected', async (fig) => {
    const secret = await generateSecret();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.json(), fc.constantFrom('body', 'id', 'timestamp', 'signature'), fc.nat(), async (json, where, pos) => {
        const body = JSON.stringify({ id: 'evt_x', type: 'lead.created', data: { object: JSON.parse(json) as unknown } });
        const headers: Record<string, string> = await signHeaders({ id: 'evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD', body, secret });
        assert.ok(await verify(body, headers, secret), 'the untouched delivery verifies');
        const flip = (s: string) => {
          const i = pos % s.length;
          return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 1) + s.slice(i + 1);
        };
        let b = body;
        if (where === 'body') b = flip(body);
        else if (where === 'signature') {
          // Flip a bit of the signature itself (a flipped base64 padding bit decodes to the same bytes).
          const sig = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
          sig[pos % sig.length] ^= 1;
          headers['webhook-signature'] = headers['x-webhook-signature'] = `v1,${sig.toString('base64')}`;
        } else headers[`webhook-${where}`] = flip(headers[`webhook-${where}`]);
        runs++;
        await assert.rejects(verify(b, headers, secret), WebhookVerificationError);
      }),
      { numRuns: 1000 },
    );
    fig('forgeries rejected', runs);
  });

  check('malformed secrets are a TypeError or a verification error, never a crash', async (fig) => {
    let n = 0;
    for (const s of fc.sample(
      fc.oneof(
        nasty,
        fc.constant('whsec_'),
        fc.constant('whsec_!!!!'),
        nasty.map((x) => `whsec_${x}`),
      ),
      500,
    )) {
      await verify('{}', { 'webhook-id': 'evt_1', 'webhook-timestamp': String(now()), 'webhook-signature': 'v1,AAAA' }, s).then(
        () => assert.fail(`accepted with secret ${JSON.stringify(s)}`),
        (e: unknown) => assert.ok(e instanceof TypeError || e instanceof WebhookVerificationError, `${String(e)} for ${JSON.stringify(s)}`),
      );
      n++;
    }
    fig('malformed secrets tried', n);
  });
});

describe('CLI under generated arguments', () => {
  let t: TestApp;
  let home: string;
  before(async () => {
    // No worker: generated `webhooks create --url …` must never lead to deliveries anywhere.
    t = await startApp('sqlite', { SALESOS_AUTH_FAILURES_PER_MINUTE: '1000000' }, { worker: false });
    home = mkdtempSync(join(tmpdir(), 'salesos-cli-fuzz-'));
  });
  after(async () => {
    await t?.close();
    rmSync(home, { recursive: true, force: true });
  });

  check(
    `${CLI_RUNS} runs with generated arguments exit 0, 1 or 2 without a stack trace`,
    async (fig) => {
      const words = [
        'webhooks',
        'events',
        'deliveries',
        'keys',
        'migrate',
        'help',
        'list',
        'create',
        'delete',
        'show',
        'retry',
        'trigger',
        'revoke',
        'lead.created',
        '--help',
        '--version',
        '--json',
        '--url',
        '--events',
        '--limit',
        '--org',
        '--status',
        '--description',
        '-x',
        '--',
        '--api-key',
        '--port',
      ];
      const arg = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...words) },
        {
          weight: 2,
          arbitrary: fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.constantFrom('-1', '0', '1e9', "' OR 1=1", '\u00e9\u0301', '🙂', 'x'.repeat(3000), 'wh_01ZZZZZZZZZZZZZZZZZZZZZZZZ', '--=', '-'),
          ),
        },
      );
      // Long-running commands (serve, listen, tail) are not for a fuzzer; NUL cannot be an argument.
      const argv = fc.array(arg, { minLength: 0, maxLength: 5 }).filter((a) => !a.some((w) => /serve|listen|tail/.test(w) || w.includes('\u0000')));
      const runs = fc.sample(argv, CLI_RUNS);
      const exits = new Map<string, number>();
      const failures: string[] = [];
      const t0 = Date.now();
      await pool(runs, 3, async (args) => {
        const r = await new Promise<{ code: number | null; stderr: string; timedOut: boolean }>((resolve) => {
          const p = spawn(process.execPath, ['bin/salesos.js', ...args], {
            cwd: ROOT,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: home,
              XDG_CONFIG_HOME: home,
              SALESOS_DATA_DIR: join(home, 'data'),
              SALESOS_API_URL: t.url,
              SALESOS_API_KEY: t.key,
              LOG_LEVEL: 'silent',
            },
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let stderr = '';
          let timedOut = false;
          p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          const timer = setTimeout(() => {
            timedOut = true;
            p.kill('SIGKILL');
          }, 30_000);
          p.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code, stderr, timedOut });
          });
        });
        exits.set(String(r.code), (exits.get(String(r.code)) ?? 0) + 1);
        const trace = /\n\s+at .+[:(].*\d+:\d+\)?/.test(r.stderr);
        if ((r.timedOut || ![0, 1, 2].includes(r.code ?? -1) || trace) && failures.length < 10) {
          failures.push(
            `salesos ${JSON.stringify(args).slice(0, 200)} → ${r.timedOut ? 'timed out' : `exit ${r.code}`}${trace ? ', stack trace' : ''}: ${r.stderr.slice(0, 300)}`,
          );
        }
      });
      fig('runs', `${runs.length} in ${fmtMs(Date.now() - t0)} (3 at a time)`);
      fig('exit codes', [...exits].map(([c, n]) => `${n}× ${c}`).join(', '));
      assert.deepEqual(failures, []);
    },
    { timeout: 10 * 60_000 },
  );
});
