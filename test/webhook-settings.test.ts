// Per-webhook delivery settings (issue 20, SPEC §11): taken on create and update, checked field by
// field, shown in the webhook's JSON with secret header values masked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, startApp, type TestApp } from './helpers.ts';

interface ErrorAnswer {
  error: { code: string; details: Array<{ field?: string; message: string }> };
}
interface Hook {
  id: string;
  retry_schedule: string | null;
  timeout: string | null;
  max_in_flight: number | null;
  rate_limit: number | null;
  headers: Record<string, string | { value: string; secret: true }> | null;
  filter: unknown;
  ordering: string;
}

for (const backend of BACKENDS) {
  describe(`webhook delivery settings on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, { SALESOS_MAX_PER_ENDPOINT: '8' }, { worker: false });
    });
    after(() => t.close());

    test('null by default; set on create, shown by get and list; secret header values masked', async () => {
      const plain = (await t.api<Hook>('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/a', events: ['*'] })).body;
      assert.deepEqual(
        [plain.retry_schedule, plain.timeout, plain.max_in_flight, plain.rate_limit, plain.headers, plain.filter, plain.ordering],
        [null, null, null, null, null, null, 'none'],
      );
      const created = await t.api<Hook>('POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/b',
        events: ['lead.*'],
        retry_schedule: '1s, 1m,1h',
        timeout: '10s',
        max_in_flight: 4,
        rate_limit: 50,
        headers: { 'X-Tenant': 'acme', Authorization: { value: 'Bearer s3cr3t', secret: true } },
        ordering: 'per_object',
      });
      assert.equal(created.status, 201);
      for (const h of [created.body, (await t.api<Hook>('GET', `/v1/webhooks/${created.body.id}`)).body]) {
        assert.equal(h.retry_schedule, '1s,1m,1h');
        assert.equal(h.timeout, '10s');
        assert.equal(h.max_in_flight, 4);
        assert.equal(h.rate_limit, 50);
        assert.deepEqual(h.headers, { 'X-Tenant': 'acme', Authorization: { value: '••••', secret: true } });
        assert.equal(h.ordering, 'per_object');
      }
      const listed = (await t.api<{ data: Hook[] }>('GET', '/v1/webhooks')).body.data.find((h) => h.id === created.body.id)!;
      assert.equal(listed.rate_limit, 50);
      assert.ok(!JSON.stringify(listed).includes('s3cr3t'));
      // Stored with its value: the attempt context (what the worker sends) has it.
      const stored = await t.app.storage.webhooks.get(await orgOf(t), created.body.id);
      assert.deepEqual(stored?.headers?.Authorization, { value: 'Bearer s3cr3t', secret: true });
    });

    test('update changes what it names, null resets to the default, a masked secret keeps its value', async () => {
      const id = (
        await t.api<Hook>('POST', '/v1/webhooks', {
          url: 'http://127.0.0.1:9/c',
          events: ['*'],
          timeout: '5s',
          rate_limit: 10,
          headers: { Authorization: { value: 'Bearer old', secret: true } },
        })
      ).body.id;
      const u = await t.api<Hook>('PATCH', `/v1/webhooks/${id}`, {
        timeout: null,
        max_in_flight: 2,
        headers: { Authorization: { value: '••••', secret: true }, 'X-Extra': '1' },
      });
      assert.equal(u.status, 200);
      assert.equal(u.body.timeout, null);
      assert.equal(u.body.max_in_flight, 2);
      assert.equal(u.body.rate_limit, 10, 'not named: unchanged');
      assert.deepEqual(u.body.headers, { Authorization: { value: '••••', secret: true }, 'X-Extra': '1' });
      const stored = await t.app.storage.webhooks.get(await orgOf(t), id);
      assert.equal(stored?.headers?.Authorization.value, 'Bearer old');
      const cleared = await t.api<Hook>('PATCH', `/v1/webhooks/${id}`, { headers: null, ordering: null });
      assert.equal(cleared.body.headers, null);
      assert.equal(cleared.body.ordering, 'none');
    });

    test('each invalid setting is a 400 naming body.<field> and the problem', async () => {
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ retry_schedule: '1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s' }, 'body.retry_schedule', /at most 10/],
        [{ retry_schedule: '2d,2d' }, 'body.retry_schedule', /3 days/],
        [{ retry_schedule: 'soon' }, 'body.retry_schedule', /duration/],
        [{ timeout: '31s' }, 'body.timeout', /1s to 30s/],
        [{ timeout: '500ms' }, 'body.timeout', /1s to 30s/],
        [{ timeout: 'fast' }, 'body.timeout', /duration/],
        [{ max_in_flight: 9 }, 'body.max_in_flight', /1 to 8/],
        [{ max_in_flight: 0 }, 'body.max_in_flight', /./],
        [{ rate_limit: 10001 }, 'body.rate_limit', /./],
        [{ rate_limit: 1.5 }, 'body.rate_limit', /./],
        [{ headers: { Host: 'x' } }, 'body.headers.Host', /may not be set/],
        [{ headers: { 'webhook-signature': 'x' } }, 'body.headers.webhook-signature', /signature/],
        [{ headers: { 'X-Webhook-Id': 'x' } }, 'body.headers.X-Webhook-Id', /signature/],
        [{ headers: { 'Proxy-Authorization': 'x' } }, 'body.headers.Proxy-Authorization', /hop-by-hop/],
        [{ headers: { 'Bad Name': 'x' } }, 'body.headers.Bad Name', /header name/],
        [{ headers: { 'X-A': 'a\r\nX-B: b' } }, 'body.headers.X-A', /CR or LF/],
        [{ headers: { 'X-A': 'a'.repeat(1025) } }, 'body.headers', /./],
        [{ headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v'])) }, 'body.headers', /./],
        [{ headers: { Authorization: { secret: true } } }, 'body.headers.Authorization', /secret header needs its value/],
        [{ filter: { 'data.object.amount': { gte: 1 } } }, 'body.filter', /./],
        [{ ordering: 'fifo' }, 'body.ordering', /./],
      ];
      for (const [settings, field, problem] of cases) {
        const r = await t.api<ErrorAnswer>('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['*'], ...settings });
        assert.equal(r.status, 400, JSON.stringify(settings));
        assert.equal(r.body.error.code, 'validation_failed');
        const detail = r.body.error.details.find((d) => d.field?.startsWith(field));
        assert.ok(detail, `${JSON.stringify(settings)}: ${JSON.stringify(r.body.error.details)} names ${field}`);
        assert.match(detail.message, problem);
      }
      // User-Agent may be set.
      assert.equal((await t.api('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['*'], headers: { 'User-Agent': 'acme/1' } })).status, 201);
      // An update is checked the same way and changes nothing.
      const id = (await t.api<Hook>('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/y', events: ['*'], rate_limit: 3 })).body.id;
      const bad = await t.api<ErrorAnswer>('PATCH', `/v1/webhooks/${id}`, { rate_limit: 5, timeout: '1m' });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        bad.body.error.details.map((d) => d.field),
        ['body.timeout'],
      );
      assert.equal((await t.api<Hook>('GET', `/v1/webhooks/${id}`)).body.rate_limit, 3);
    });
  });
}

async function orgOf(t: TestApp): Promise<string> {
  const org = await t.app.storage.keys.organizationByName('default');
  return org!.id;
}
