// Security: tenant isolation on every route, revoked and malformed keys, bad-key rate limiting,
// logs without keys, secrets or signatures, and the SSRF matrix.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe } from 'node:test';
import { literalHostBlocked } from '../../src/webhooks/ssrf.ts';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp, eventData } from '../helpers.ts';
import { apiRoutes, fill, resourceOf, seedObjects, snapshot, synth } from './routes.ts';
import { section } from './support.ts';

const check = section(
  import.meta.url,
  'Security',
  'In-process apps on each backend: tenant isolation on every route of the OpenAPI document, keys, rate limits, logs, SSRF.',
  6,
);

type Hook = { id: string; secret: string };

for (const backend of BACKENDS) {
  describe(`security on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    const logs: string[] = [];
    let tl: TestApp; // with a worker and its logs captured at info level
    before(async () => {
      rx = await startReceiver((_r, n, res) => void res.writeHead(n % 2 ? 200 : 500).end(n % 2 ? 'ok' : 'fail'));
      // No worker here: the snapshots below must see only what requests did.
      t = await startApp(backend, { SALESOS_AUTH_FAILURES_PER_MINUTE: '1000000' }, { worker: false });
      const logStream = new Writable({
        write(chunk: Buffer, _enc, done) {
          logs.push(chunk.toString());
          done();
        },
      });
      tl = await startApp(backend, { SALESOS_AUTH_FAILURES_PER_MINUTE: '1000000' }, { logStream });
    });
    after(async () => {
      await t?.close();
      await tl?.close();
      await rx?.close();
    });

    check(`${backend}: another organization's object is a 404 on every route, and nothing changes`, async (fig) => {
      const ids = await seedObjects((m, p, b) => t.api(m, p, b), rx.url);
      const other = await t.otherKey();
      const routes = apiRoutes(t.app).filter((r) => r.pathParams.length);
      const before = await snapshot(t.app);
      const wrong: string[] = [];
      let tried = 0;
      for (const r of routes) {
        const id = ids[resourceOf(r.path)];
        if (!id) continue;
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : synth(r.body ?? { type: 'object' });
        const res = await t.api<{ error?: { code: string } }>(r.method, fill(r.path, id), body, { key: other });
        tried++;
        if (res.status !== 404 || res.body.error?.code !== 'not_found')
          wrong.push(`${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 150)}`);
      }
      // The same GETs with the owner's key find the objects: the 404s above are not vacuous.
      let owned = 0;
      for (const r of routes.filter((x) => x.method === 'GET' && !x.streams)) {
        const id = ids[resourceOf(r.path)];
        if (!id) continue;
        const res = await t.api(r.method, fill(r.path, id));
        assert.equal(res.status, 200, `owner: ${r.method} ${r.path}`);
        owned++;
      }
      const after = await snapshot(t.app);
      fig("routes with an {id} tried with another organization's key", `${tried} of ${routes.length} (objects: ${Object.keys(ids).join(', ')})`);
      fig('owner GETs answering 200', owned);
      assert.deepEqual(wrong, []);
      assert.equal(after.digest, before.digest, 'nothing changed');
    });

    check(`${backend}: revoked and malformed keys are a 401 on every route`, async (fig) => {
      const { key, record } = await t.app.keys.createKey('default', 'to-revoke');
      assert.equal((await t.api('GET', '/v1/webhooks', undefined, { key })).status, 200);
      await t.app.keys.revokeKey(record.organization_id, record.id);
      const bad: Array<[string, Record<string, string>]> = [
        ['revoked', { authorization: `Bearer ${key}` }],
        ['missing', {}],
        ['empty bearer', { authorization: 'Bearer ' }],
        ['basic', { authorization: `Basic ${Buffer.from(`x:${t.key}`).toString('base64')}` }],
        ['key with a suffix', { authorization: `Bearer ${t.key}x` }],
        ['key truncated', { authorization: `Bearer ${t.key.slice(0, -1)}` }],
        ['two keys', { authorization: `Bearer ${t.key} ${t.key}` }],
        ['10,000 characters', { authorization: `Bearer ${'k'.repeat(10_000)}` }],
        ['latin-1', { authorization: 'Bearer \u00ff\u00fe\u00fd\u00ff\u00fe\u00fd\u00ff\u00fe\u00fd\u00ff\u00fe\u00fd\u00ff\u00fe\u00fd\u00ff\u00fe' }],
      ];
      const routes = apiRoutes(t.app);
      const wrong: string[] = [];
      for (const r of routes) {
        for (const [name, headers] of bad) {
          const res = await t.api<{ error?: { code: string } }>(r.method, fill(r.path, 'wh_01ZZZZZZZZZZZZZZZZZZZZZZZZ'), undefined, { key: null, headers });
          if (res.status !== 401 || res.body.error?.code !== 'unauthorized') wrong.push(`${name}: ${r.method} ${r.path} → ${res.status}`);
        }
      }
      fig('requests', `${routes.length} routes × ${bad.length} bad keys (${bad.map((b) => b[0]).join(', ')})`);
      assert.deepEqual(wrong, []);
    });

    check(`${backend}: logs hold no API key, signing secret or signature`, async (fig) => {
      const hook = await tl.api<Hook>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      const secrets = [hook.body.secret];
      for (let i = 0; i < 6; i++) await tl.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      const rotated = await tl.api<{ secret: string }>('POST', `/v1/webhooks/${hook.body.id}/rotate-secret`);
      secrets.push(rotated.body.secret);
      secrets.push((await tl.api<{ secret: string }>('GET', `/v1/webhooks/${hook.body.id}/secret`)).body.secret);
      await tl.api('POST', `/v1/webhooks/${hook.body.id}/test`, {});
      for (let i = 0; i < 5; i++) await tl.api('GET', '/v1/webhooks', undefined, { key: `sos_${'x'.repeat(40)}${i}` });
      await tl.api('POST', '/v1/webhooks', { url: 'not a url', events: ['*'] });
      await tl.api('POST', '/v1/webhooks', '{"broken": ');
      await waitFor(() => rx.requests.length >= 8, 30_000, 'deliveries, failed and succeeded');
      const signatures = rx.requests.flatMap((r) =>
        String(r.headers['webhook-signature'])
          .split(' ')
          .map((s) => s.replace(/^v1,/, '')),
      );
      await waitFor(() => logs.join('').includes('delivery attempt failed'), 10_000, 'a logged failure');
      const text = logs.join('');
      const leaks = [
        ...[tl.key, await tl.otherKey()].filter((k) => text.includes(k)).map(() => 'an API key'),
        ...secrets.filter((s) => text.includes(s) || text.includes(s.slice(6))).map(() => 'a whsec_ secret'),
        ...signatures.filter((s) => text.includes(s)).map(() => 'a signature'),
      ];
      fig('log captured', `${logs.length} lines, ${text.length} bytes at info level`);
      fig('searched for', `2 API keys, ${secrets.length} secrets (with and without whsec_), ${signatures.length} signatures, and the v1,<base64> pattern`);
      assert.deepEqual(leaks, []);
      assert.doesNotMatch(text, /v1,[A-Za-z0-9+/]{40,}={0,2}/, 'no signature-shaped value');
      assert.doesNotMatch(text, /whsec_[A-Za-z0-9+/]{20,}/, 'no secret-shaped value');
    });
  });
}

describe('rate limiting of bad keys', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(BACKENDS[0]); // the default SALESOS_AUTH_FAILURES_PER_MINUTE (60)
  });
  after(async () => t?.close());

  check('a client repeating bad keys gets 429 with Retry-After after 60 failures in a minute', async (fig) => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 70; i++) {
      const r = await t.api('GET', '/v1/webhooks', undefined, { key: `sos_bad_${'x'.repeat(30)}${i}` });
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
    }
    const first429 = statuses.indexOf(429);
    fig(
      'bad-key requests',
      `${statuses.filter((s) => s === 401).length}× 401, then ${statuses.filter((s) => s === 429).length}× 429 (from request ${first429 + 1}; Retry-After: ${retryAfter} s)`,
    );
    assert.equal(first429, 60);
    assert.ok(statuses.slice(0, 60).every((s) => s === 401));
    assert.ok(statuses.slice(60).every((s) => s === 429));
    assert.ok(Number(retryAfter) > 0);
    // The limit is on bad keys: a valid key from the same address (a shared NAT) still works.
    const good = (await t.api('GET', '/v1/webhooks')).status;
    fig('a good key from the same address meanwhile', good);
    assert.equal(good, 200);
  });
});

describe('SSRF with SALESOS_ALLOW_PRIVATE_URLS=false', () => {
  let open: TestApp; // allows private URLs: creates the webhooks, runs no worker
  let closed: TestApp; // refuses them: the one that delivers
  let trap: Server;
  let trapHits = 0;
  let port = 0;
  before(async () => {
    // Anything the service sends to loopback lands here: it must never receive a thing.
    trap = createServer((_req, res) => {
      trapHits++;
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => trap.listen(0, '::', r));
    port = (trap.address() as AddressInfo).port;
    open = await startApp(BACKENDS[BACKENDS.length - 1], { SALESOS_ALLOW_PRIVATE_URLS: 'true' }, { worker: false });
    closed = await startApp(open.backend, { ...open.env, SALESOS_ALLOW_PRIVATE_URLS: 'false' });
  });
  after(async () => {
    await closed?.close();
    await open?.close();
    trap?.closeAllConnections();
    await new Promise((r) => trap?.close(r));
  });

  // Loopback in every spelling (safe to attempt: it only reaches the trap) …
  const loopback = [
    '127.0.0.1',
    '127.1',
    '0x7f000001',
    '2130706433',
    '0177.0.0.1',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    'localhost',
    'runsc',
    'vm',
    '[0:0:0:0:0:0:0:1]',
  ];
  // … and private, link-local, CGNAT and unique-local literals, refused before any connection.
  const privateLiterals = [
    '169.254.169.254',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '[fe80::1]',
    '[fc00::1]',
    '[fd12:3456::1]',
    '[::]',
    '[64:ff9b::a00:1]',
    '[2002:a00:1::]',
  ];

  check('creating a webhook at a private address is refused (400)', async (fig) => {
    const refused: string[] = [];
    for (const host of [...loopback, ...privateLiterals]) {
      const r = await closed.api<{ error: { code: string } }>('POST', '/v1/webhooks', { url: `http://${host}:${port}/hook`, events: ['*'] });
      assert.equal(r.status, 400, `http://${host}:${port}/hook → ${r.status}`);
      assert.equal(r.body.error.code, 'validation_failed');
      refused.push(host);
    }
    for (const host of privateLiterals) assert.ok(literalHostBlocked(new URL(`http://${host}/`).hostname), `${host} is blocked before connecting`);
    fig('refused at creation', refused.join(', '));
  });

  check('deliveries to loopback in every spelling fail with blocked_address and never connect', async (fig) => {
    const hooks: Array<{ host: string; id: string }> = [];
    for (const host of loopback) {
      const r = await open.api<Hook>('POST', '/v1/webhooks', { url: `http://${host}:${port}/hook`, events: ['lead.created'] });
      assert.equal(r.status, 201, `${host}: ${JSON.stringify(r.body)}`);
      hooks.push({ host, id: r.body.id });
    }
    assert.equal((await closed.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).status, 202);
    const classes: string[] = [];
    for (const h of hooks) {
      const d = await waitFor(
        async () => {
          const list = await closed.api<{ data: Array<{ id: string }> }>('GET', `/v1/webhooks/${h.id}/deliveries`);
          const one = await closed.api<{ attempts: Array<{ error_class: string | null }> }>('GET', `/v1/deliveries/${list.body.data[0].id}`);
          return one.body.attempts.length > 0 && one.body;
        },
        30_000,
        `an attempt for ${h.host}`,
      );
      assert.equal(d.attempts[0].error_class, 'blocked_address', `${h.host}`);
      classes.push(`${h.host} → ${d.attempts[0].error_class}`);
    }
    // A redirect toward a private address is never followed either (see the fault test).
    fig('attempts', classes.join(', '));
    fig('requests that reached the loopback trap', trapHits);
    assert.equal(trapHits, 0);
  });
});
