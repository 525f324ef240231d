// The core API (SPEC §3): keys, webhooks, validation and error shapes, organization scoping.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderApiDocs } from '../scripts/api-docs.ts';
import { generateOpenApi } from '../scripts/openapi.ts';
import { BACKENDS, startApp, type TestApp } from './helpers.ts';

interface ErrorAnswer {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}
interface Webhook {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
  secret?: string;
}

const hookBody = (extra: Record<string, unknown> = {}) => ({ url: 'https://example.com/hooks', events: ['lead.created'], ...extra });

function assertError(res: { status: number; body: unknown }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  const body = res.body as ErrorAnswer;
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(Array.isArray(body.error.details));
}

for (const backend of BACKENDS) {
  describe(`core API on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, {}, { worker: false });
    });
    after(async () => t?.close());

    test('/v1 without a valid key is a 401; operations endpoints need none', async () => {
      assertError(await t.api('GET', '/v1/webhooks', undefined, { key: null }), 401, 'unauthorized');
      assertError(await t.api('GET', '/v1/webhooks', undefined, { key: 'sos_not_a_real_key_at_all' }), 401, 'unauthorized');
      assertError(await t.api('GET', '/v1/webhooks', undefined, { headers: { authorization: 'Basic abc' }, key: null }), 401, 'unauthorized');
      assert.equal((await t.api('GET', '/healthz', undefined, { key: null })).status, 200);
      const ready = await t.api<{ status: string }>('GET', '/readyz', undefined, { key: null });
      assert.equal(ready.status, 200);
      assert.equal(ready.body.status, 'ready');
      // They ignore query parameters (probes add some); /v1 refuses an unknown one (docs/api.md).
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        assert.equal((await t.api('GET', `${path}?verbose=1&probe=lb`, undefined, { key: null })).status, 200, path);
      }
      const strict = await t.api<ErrorAnswer>('GET', '/v1/webhooks?verbose=1');
      assertError(strict, 400, 'validation_failed');
      assert.equal(strict.body.error.details[0].field, 'querystring.verbose');
    });

    test('a revoked key is a 401', async () => {
      const { key, record } = await t.app.keys.createKey('default', 'to-revoke');
      assert.equal((await t.api('GET', '/v1/webhooks', undefined, { key })).status, 200);
      await t.app.keys.revokeKey(record.organization_id, record.id);
      assertError(await t.api('GET', '/v1/webhooks', undefined, { key }), 401, 'unauthorized');
    });

    test('keys are stored hashed, never in clear', async () => {
      const rows = await t.app.storage.connection.query<Record<string, unknown>>('SELECT * FROM api_keys');
      assert.ok(rows.length > 0);
      assert.ok(!JSON.stringify(rows).includes(t.key));
    });

    test('create, get, list, update and delete a webhook', async () => {
      const created = await t.api<Webhook>(
        'POST',
        '/v1/webhooks',
        hookBody({ description: 'CRM sync', metadata: { team: 'sales' }, events: ['lead.*', 'opportunity.won'] }),
      );
      assert.equal(created.status, 201);
      const w = created.body;
      assert.match(w.id, /^wh_[0-9A-Z]{26}$/);
      assert.match(w.secret!, /^whsec_[A-Za-z0-9+/]{43}=$/);
      assert.equal(Buffer.from(w.secret!.slice(6), 'base64').length, 32);
      assert.deepEqual(w.events, ['lead.*', 'opportunity.won']);
      assert.equal(w.enabled, true);
      assert.equal(w.disabled_reason, null);
      assert.deepEqual(w.metadata, { team: 'sales' });
      assert.match(w.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const got = await t.api<Webhook>('GET', `/v1/webhooks/${w.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.url, 'https://example.com/hooks');
      assert.equal(got.body.secret, undefined, 'the secret is only in create, rotate and GET …/secret');

      const patched = await t.api<Webhook>('PATCH', `/v1/webhooks/${w.id}`, { description: 'renamed', enabled: false });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.description, 'renamed');
      assert.equal(patched.body.enabled, false);
      assert.equal(patched.body.url, 'https://example.com/hooks');

      const secret = await t.api<{ secret: string }>('GET', `/v1/webhooks/${w.id}/secret`);
      assert.equal(secret.body.secret, w.secret);

      assert.equal((await t.api('DELETE', `/v1/webhooks/${w.id}`)).status, 204);
      assertError(await t.api('GET', `/v1/webhooks/${w.id}`), 404, 'not_found');
      assertError(await t.api('DELETE', `/v1/webhooks/${w.id}`), 404, 'not_found');
    });

    test('rotating a secret answers a new one; the old one stays live for the grace period', async () => {
      const w = (await t.api<Webhook>('POST', '/v1/webhooks', hookBody())).body;
      const rotated = await t.api<{ secret: string; previous_secret_expires_at: string }>('POST', `/v1/webhooks/${w.id}/rotate-secret`);
      assert.equal(rotated.status, 200);
      assert.notEqual(rotated.body.secret, w.secret);
      assert.match(rotated.body.secret, /^whsec_/);
      const expires = Date.parse(rotated.body.previous_secret_expires_at);
      assert.ok(expires > Date.now() + 23 * 3_600_000 && expires <= Date.now() + 24 * 3_600_000 + 1000);
      assert.equal((await t.api<{ secret: string }>('GET', `/v1/webhooks/${w.id}/secret`)).body.secret, rotated.body.secret);
      // The secrets that sign (newest first), now and once the grace has ended.
      const orgId = (await t.app.keys.authenticate(t.key))!.organizationId;
      const liveSecrets = async (at: number) => (await t.app.storage.outbox.subscribers(orgId, at)).find((h) => h.id === w.id)!.context.secrets;
      assert.deepEqual(await liveSecrets(Date.now()), [rotated.body.secret, w.secret]);
      assert.deepEqual(await liveSecrets(expires + 1), [rotated.body.secret]);
    });

    test('lists paginate with a cursor, newest first', async () => {
      const other = await t.otherKey();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await t.api<Webhook>('POST', '/v1/webhooks', hookBody({ description: `p${i}` }), { key: other })).body.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page: { status: number; body: { data: Webhook[]; next_cursor: string | null } } = await t.api('GET', `/v1/webhooks${q}`, undefined, {
          key: other,
        });
        assert.equal(page.status, 200);
        assert.ok(page.body.data.length <= 2);
        seen.push(...page.body.data.map((w) => w.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      assert.deepEqual(seen, [...ids].reverse());
      assertError(await t.api('GET', '/v1/webhooks?cursor=garbage'), 400, 'validation_failed');
      assertError(await t.api('GET', '/v1/webhooks?limit=0'), 400, 'validation_failed');
      assertError(await t.api('GET', '/v1/webhooks?limit=101'), 400, 'validation_failed');
      assertError(await t.api('GET', '/v1/webhooks?limit=abc'), 400, 'validation_failed');
      assertError(await t.api('GET', '/v1/webhooks?unknown=1'), 400, 'validation_failed');
    });

    test('another organization’s webhook is a 404 on every route', async () => {
      const w = (await t.api<Webhook>('POST', '/v1/webhooks', hookBody())).body;
      const other = await t.otherKey();
      for (const [method, path, body] of [
        ['GET', `/v1/webhooks/${w.id}`],
        ['PATCH', `/v1/webhooks/${w.id}`, { description: 'x' }],
        ['DELETE', `/v1/webhooks/${w.id}`],
        ['GET', `/v1/webhooks/${w.id}/secret`],
        ['POST', `/v1/webhooks/${w.id}/rotate-secret`],
        ['POST', `/v1/webhooks/${w.id}/test`, {}],
        ['GET', `/v1/webhooks/${w.id}/deliveries`],
        ['POST', `/v1/webhooks/${w.id}/recover`, { since: new Date(Date.now() - 1000).toISOString() }],
      ] as Array<[string, string, unknown?]>) {
        assertError(await t.api(method, path, body, { key: other }), 404, 'not_found');
      }
      const list = await t.api<{ data: Webhook[] }>('GET', '/v1/webhooks?limit=100', undefined, { key: other });
      assert.ok(!list.body.data.some((x) => x.id === w.id));
      assert.equal((await t.api<Webhook>('GET', `/v1/webhooks/${w.id}`)).body.description, '', 'nothing changed');
    });

    test('bad input gets a precise 4xx and changes nothing', async () => {
      const before = (await t.api<{ data: Webhook[] }>('GET', '/v1/webhooks?limit=100')).body.data.length;
      const cases: Array<[unknown, number, string, string?]> = [
        ['{"url": ', 400, 'invalid_json'],
        [[], 400, 'validation_failed'],
        [hookBody({ foo: 1 }), 400, 'validation_failed', 'body.foo'],
        [hookBody({ url: 'ftp://example.com/x' }), 400, 'validation_failed', 'url'],
        [hookBody({ url: '/relative' }), 400, 'validation_failed', 'url'],
        [hookBody({ url: `https://example.com/${'a'.repeat(2050)}` }), 400, 'validation_failed', 'body.url'],
        [hookBody({ events: ['lead.nope'] }), 400, 'validation_failed', 'events'],
        [hookBody({ events: ['nope.*'] }), 400, 'validation_failed', 'events'],
        [hookBody({ events: [] }), 400, 'validation_failed', 'body.events'],
        [hookBody({ enabled: 'true' }), 400, 'validation_failed', 'body.enabled'],
        [hookBody({ metadata: { a: 1 } }), 400, 'validation_failed'],
        [hookBody({ metadata: { ['k'.repeat(41)]: 'v' } }), 400, 'validation_failed'],
        [{ events: ['lead.created'] }, 400, 'validation_failed', 'body.url'],
        ['{"__proto__": {"x": 1}, "url": "https://e.com", "events": ["*"]}', 400, 'invalid_json'],
      ];
      for (const [body, status, code, field] of cases) {
        const res = await t.api<ErrorAnswer>('POST', '/v1/webhooks', body);
        assertError(res, status, code);
        if (field)
          assert.ok(
            res.body.error.details.some((d) => d.field?.includes(field)),
            `${JSON.stringify(res.body)} names ${field}`,
          );
      }
      const huge = JSON.stringify(hookBody({ description: 'x'.repeat(2 * 1024 * 1024) }));
      assertError(await t.api('POST', '/v1/webhooks', huge), 413, 'payload_too_large');
      assertError(await t.api('POST', '/v1/webhooks', 'url=x', { headers: { 'content-type': 'text/plain' } }), 400, 'unsupported_media_type');
      assertError(await t.api('GET', '/v1/webhooks/wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'), 404, 'not_found');
      // A malformed id is no id at all: a 400 naming the parameter, with the pattern it must match.
      const malformed = await t.api<ErrorAnswer>('GET', '/v1/webhooks/wh_nope');
      assertError(malformed, 400, 'validation_failed');
      assert.equal(malformed.body.error.details[0].field, 'params.id');
      assertError(await t.api('GET', '/v1/nothing-here'), 404, 'not_found');
      assertError(await t.api('PATCH', '/v1/webhooks/wh_nope', { enabled: 5 }), 400, 'validation_failed');
      const after = (await t.api<{ data: Webhook[] }>('GET', '/v1/webhooks?limit=100')).body.data.length;
      assert.equal(after, before);
    });

    test('event types: the 20 of the product page and the 4 operational ones, grouped, each with a JSON Schema its example fits', async () => {
      const res = await t.api<{ data: Array<{ type: string; description: string; group: string; schema: object; example: { type: string } }> }>(
        'GET',
        '/v1/event-types',
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.data.length, 24);
      assert.deepEqual(res.body.data.filter((e) => e.group === 'crm').length, 12);
      assert.deepEqual(res.body.data.filter((e) => e.group === 'operational').length, 4);
      const won = res.body.data.find((e) => e.type === 'opportunity.won')!;
      assert.deepEqual([won.description, won.group], ['An opportunity was marked as won', 'crm']);
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      ((addFormats as unknown as { default?: (a: Ajv2020) => void }).default ?? (addFormats as unknown as (a: Ajv2020) => void))(ajv);
      for (const e of res.body.data) {
        const validate = ajv.compile(e.schema);
        assert.ok(validate(e.example), `${e.type}: ${JSON.stringify(validate.errors)}`);
        assert.equal(e.example.type, e.type);
        // The schema is strict: the example with one more field, or the type of another, fails.
        assert.ok(!validate({ ...e.example, extra: 1 }), `${e.type} refuses an unknown field`);
        assert.ok(!validate({ ...e.example, type: e.type === 'lead.created' ? 'lead.updated' : 'lead.created' }));
      }
    });

    test('OpenAPI is served, has full paths, and matches docs/openapi.json', async () => {
      const res = await t.api<{ paths: Record<string, unknown> }>('GET', '/openapi.json', undefined, { key: null });
      assert.equal(res.status, 200);
      assert.ok(res.body.paths['/v1/webhooks']);
      assert.ok(res.body.paths['/v1/webhooks/{id}/rotate-secret']);
      const docs = await fetch(`${t.url}/docs`, { redirect: 'follow' });
      assert.equal(docs.status, 200);
      assert.match(await docs.text(), /<html/i);
      if (backend === 'sqlite') {
        const checkedIn = readFileSync('docs/openapi.json', 'utf8');
        const generated = await generateOpenApi();
        assert.ok(generated === checkedIn, 'docs/openapi.json is stale: run `npm run openapi`');
        assert.ok(renderApiDocs(JSON.parse(generated)) === readFileSync('docs/api.md', 'utf8'), 'docs/api.md is stale: run `npm run openapi`');
      }
    });
  });
}

describe('configuration that refuses private networks', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp('sqlite', { NODE_ENV: 'production' }, { worker: false });
  });
  after(async () => t?.close());

  test('production requires https and a public host', async () => {
    for (const url of [
      'http://example.com/x',
      'https://127.0.0.1/x',
      'https://localhost/x',
      'https://[::1]/x',
      'https://169.254.169.254/latest',
      'https://10.0.0.1/x',
      'https://0x7f000001/x',
    ]) {
      const res = await t.api<ErrorAnswer>('POST', '/v1/webhooks', hookBody({ url }));
      assertError(res, 400, 'validation_failed');
    }
    assert.equal((await t.api('POST', '/v1/webhooks', hookBody({ url: 'https://93.184.215.14/hooks' }))).status, 201);
  });
});
