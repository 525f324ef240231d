// A client generated from the document (openapi-typescript + openapi-fetch, test/client/) works
// without a cast: its types are what the generator makes of docs/openapi.json today, the program
// compiles under `tsc --strict` and holds no type assertion, and it runs against a real server on
// both backends (create a webhook, publish, read deliveries and attempts, rotate, delete), every
// answer checked against the document as well.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import ts from 'typescript';
import { CLIENT_TYPES, generateClientTypes } from '../scripts/openapi.ts';
import { run } from './client/program.ts';
import { checkAnswer } from './contract.ts';
import { BACKENDS, startApp, startReceiver, type Receiver, type TestApp } from './helpers.ts';

const PROGRAM = 'test/client/program.ts';

test(`${CLIENT_TYPES} is what openapi-typescript generates from docs/openapi.json`, async () => {
  const generated = await generateClientTypes(readFileSync('docs/openapi.json', 'utf8'));
  assert.ok(generated === readFileSync(CLIENT_TYPES, 'utf8'), `${CLIENT_TYPES} is stale: run \`npm run openapi\``);
});

test('the client program compiles under tsc --strict', () => {
  const r = spawnSync(
    'node_modules/.bin/tsc',
    [
      '--strict',
      '--noEmit',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--allowImportingTsExtensions',
      '--types',
      'node',
      PROGRAM,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.stdout + r.stderr, '');
  assert.equal(r.status, 0);
});

test('the client program holds no cast: no `as`, no <T>x, no non-null `!`, no `any`, no @ts- directive', () => {
  const text = readFileSync(PROGRAM, 'utf8');
  const source = ts.createSourceFile(PROGRAM, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [...text.matchAll(/@ts-\w+/g)].map((m) => m[0]);
  const visit = (node: ts.Node) => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || node.kind === ts.SyntaxKind.AnyKeyword) {
      found.push(`line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  assert.deepEqual(found, []);
});

/** fetch that checks every answer against docs/openapi.json, as the suite's api() does. */
async function checkedFetch(request: Request): Promise<Response> {
  const res = await fetch(request);
  const text = await res.clone().text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: checked as text
  }
  checkAnswer(request.method, request.url, res.status, res.headers, body);
  return res;
}

for (const backend of BACKENDS) {
  describe(`the generated client on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver();
    });
    after(async () => {
      await rx?.close();
      await t?.close();
    });

    test('creates a webhook, publishes, reads deliveries and attempts, rotates the secret and deletes the webhook', async () => {
      const out = await run({ baseUrl: t.url, apiKey: t.key, receiverUrl: rx.url, fetch: checkedFetch });
      assert.match(out.webhook.id, /^wh_/);
      assert.match(out.webhook.secret, /^whsec_/);
      assert.deepEqual(out.webhook.events, ['lead.*']);
      // Published once: the replay with the same Idempotency-Key is the same event, as a 200.
      assert.equal(out.published.status, 202);
      assert.deepEqual([out.replayed.status, out.replayed.replayedHeader, out.replayed.event.id], [200, 'true', out.published.event.id]);
      // The one delivery arrived, signed with the webhook's secret, carrying the lead.
      const [req] = await rx.waitFor(1);
      const payload = new StandardWebhook(out.webhook.secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      });
      assert.deepEqual(payload, {
        id: out.published.event.id,
        type: 'lead.created',
        created_at: out.published.event.created_at,
        organization_id: JSON.parse(req.body).organization_id,
        data: { object: out.lead },
      });
      assert.equal(rx.requests.length, 1);
      assert.deepEqual(
        out.deliveries.map((d) => [d.event_id, d.event_type, d.status]),
        [[out.published.event.id, 'lead.created', 'succeeded']],
      );
      assert.equal(out.delivery.id, out.deliveries[0].id);
      assert.deepEqual(
        out.delivery.attempts.map((a) => [a.attempt_number, a.trigger, a.response_status, a.error_class]),
        [[1, 'scheduled', 200, null]],
      );
      assert.match(out.rotated.secret, /^whsec_/);
      assert.notEqual(out.rotated.secret, out.webhook.secret);
      assert.equal(out.deletedStatus, 204);
      assert.equal(out.afterDelete.status, 404);
      assert.equal(out.afterDelete.error.error.code, 'not_found');
    });
  });
}
