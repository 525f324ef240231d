// API keys carry scopes: every route needs one (documented on each operation of the OpenAPI
// document), a key without it gets 403 insufficient_scope naming it before anything is read or
// changed, keys made without scopes can do everything, and the dashboard holds to them too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SCOPES, type Scope } from '../src/model.ts';
import { BACKENDS, eventData, startApp, startReceiver, type Receiver, type TestApp } from './helpers.ts';
import { apiRoutes, fill, synth } from './reliability/routes.ts';

type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string; message: string }> } };
type Operation = { 'x-required-scope'?: string; 'x-accepted-scopes'?: string[] };

for (const backend of BACKENDS) {
  describe(`scoped API keys on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    const keyWith = async (...scopes: string[]) => (await t.app.keys.createKey('default', `scoped-${scopes.join('+')}`, undefined, scopes)).key;

    before(async () => {
      t = await startApp(backend, {}, { worker: false });
      rx = await startReceiver();
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    test('a read-only key reads the log and changes nothing: 403 naming the scope it lacks', async () => {
      const hook = await t.api<{ id: string }>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      const read = await keyWith('webhooks:read');
      assert.equal((await t.api('GET', '/v1/webhooks', undefined, { key: read })).status, 200);
      assert.equal((await t.api('GET', `/v1/webhooks/${hook.body.id}/deliveries`, undefined, { key: read })).status, 200);
      for (const [method, path, body, scope] of [
        ['POST', '/v1/webhooks', { url: rx.url, events: ['*'] }, 'webhooks:write'],
        ['PATCH', `/v1/webhooks/${hook.body.id}`, { enabled: false }, 'webhooks:write'],
        ['GET', `/v1/webhooks/${hook.body.id}/secret`, undefined, 'webhooks:write'],
        ['POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') }, 'events:write'],
        ['GET', '/v1/leads', undefined, 'crm:read'],
        // Scope first: a bad body from a key that may not write is a 403, not a 400.
        ['POST', '/v1/webhooks', { url: 'not a url' }, 'webhooks:write'],
      ] as const) {
        const res = await t.api<ErrorBody>(method, path, body, { key: read });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body.error.code, 'insufficient_scope');
        assert.match(res.body.error.message, new RegExp(scope));
      }
      const after = await t.api<{ enabled: boolean }>('GET', `/v1/webhooks/${hook.body.id}`);
      assert.equal(after.body.enabled, true, 'the refused PATCH changed nothing');
      assert.equal((await t.api<{ data: unknown[] }>('GET', '/v1/webhooks')).body.data.length, 1, 'the refused POST created nothing');
    });

    test('a publishing key publishes and reads nothing; CRM scopes split reads from writes', async () => {
      const publisher = await keyWith('events:write');
      assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') }, { key: publisher })).status, 202);
      assert.equal((await t.api('GET', '/v1/events', undefined, { key: publisher })).status, 403);
      assert.equal((await t.api('GET', '/v1/webhooks', undefined, { key: publisher })).status, 403);
      const crmWriter = await keyWith('crm:write');
      const lead = await t.api<{ id: string }>(
        'POST',
        '/v1/leads',
        { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' },
        { key: crmWriter },
      );
      assert.equal(lead.status, 201);
      assert.equal((await t.api('GET', `/v1/leads/${lead.body.id}`, undefined, { key: crmWriter })).status, 403);
      assert.equal((await t.api('GET', `/v1/leads/${lead.body.id}`, undefined, { key: await keyWith('crm:read') })).status, 200);
    });

    test('every operation documents the scope it needs, and refuses a key with every other scope', async () => {
      const doc = t.app.http.swagger() as { paths: Record<string, Record<string, Operation>> };
      const routes = apiRoutes(t.app);
      assert.ok(routes.length > 40);
      const wrong: string[] = [];
      for (const r of routes) {
        const op = doc.paths[r.path][r.method.toLowerCase()];
        // One scope, or (GET /v1/tasks/{id}: a background task or a CRM task) any of several.
        const needs = op['x-accepted-scopes'] ?? [op['x-required-scope']].filter((s) => s !== undefined);
        if (!needs.length || !needs.every((n) => (SCOPES as readonly string[]).includes(n)) || (op['x-accepted-scopes'] && op['x-required-scope'])) {
          wrong.push(`${r.method} ${r.path}: documents ${JSON.stringify(needs)}`);
          continue;
        }
        const others = await keyWith(...SCOPES.filter((s) => !needs.includes(s as Scope)));
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : synth(r.body ?? { type: 'object' });
        const res = await t.api<ErrorBody>(r.method, fill(r.path, 'wh_01ZZZZZZZZZZZZZZZZZZZZZZZZ'), body, { key: others });
        if (res.status !== 403 || res.body.error?.code !== 'insufficient_scope') wrong.push(`${r.method} ${r.path} → ${res.status}`);
      }
      assert.deepEqual(wrong, []);
    });

    test("a key made without scopes has '*': every scope", async () => {
      const all = (await t.app.keys.createKey('default', 'all')).key;
      const keys = await t.app.keys.listKeys((await t.app.keys.organizationByName('default'))!.id);
      assert.deepEqual(keys.find((k) => k.name === 'all')?.scopes, ['*']);
      assert.equal((await t.api('GET', '/v1/leads', undefined, { key: all })).status, 200);
      assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') }, { key: all })).status, 202);
      await assert.rejects(t.app.keys.createKey('default', 'bad', undefined, ['webhooks:admin']), /Unknown scope webhooks:admin/);
    });
  });
}
