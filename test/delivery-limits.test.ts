// Delivery under hostile conditions: a hanging endpoint must not delay the others, private
// addresses are refused where configured, and a webhook failing for long enough is disabled.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp, eventData } from './helpers.ts';

interface Attempt {
  error_class: string | null;
  error_message: string | null;
}
interface Delivery {
  id: string;
  status: string;
  attempt_count: number;
  attempts: Attempt[];
}

for (const backend of BACKENDS) {
  describe(`delivery limits on ${backend}`, () => {
    const cleanup: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanup.reverse()) await c();
    });
    const track = <T extends TestApp | Receiver>(x: T) => (cleanup.push(() => x.close()), x);

    test('a hanging endpoint never delays the others (bounded per endpoint)', async () => {
      const t = track(await startApp(backend, { SALESOS_MAX_PER_ENDPOINT: '2', SALESOS_MAX_CONCURRENCY: '8', SALESOS_DELIVERY_TIMEOUT: '20s' }));
      const hanging = track(await startReceiver(() => new Promise(() => {})));
      const healthy = track(await startReceiver());
      await t.api('POST', '/v1/webhooks', { url: hanging.url, events: ['lead.created'] });
      await t.api('POST', '/v1/webhooks', { url: healthy.url, events: ['lead.created', 'lead.updated'] });
      for (let i = 0; i < 10; i++) await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      for (let i = 0; i < 10; i++) await t.api('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated') });
      // All 20 reach the healthy endpoint while the hanging one holds its 2 slots (its 20 s timeout
      // has not run out: none of its attempts is finished).
      await healthy.waitFor(20);
      assert.equal(hanging.requests.length, 2, 'at most 2 attempts in flight to one endpoint');
      // Its attempts end now: stopping the worker waits for attempts under way, and would
      // otherwise wait for their 20 s timeout.
      await hanging.close();
      await t.app.worker?.stop();
    });

    test("a webhook at its bound with deliveries due does not hold up another webhook's new deliveries or retries (no fast path: every delivery claimed)", async () => {
      const t = track(
        await startApp(
          backend,
          { SALESOS_MAX_PER_ENDPOINT: '2', SALESOS_DELIVERY_TIMEOUT: '20s', SALESOS_RETRY_SCHEDULE: '100ms,100ms,100ms' },
          { worker: false },
        ),
      );
      const hanging = track(await startReceiver(() => new Promise(() => {})));
      // Fails its first three attempts, then answers.
      const flaky = track(await startReceiver(async (_req, n, res) => void res.writeHead(n < 3 ? 500 : 200).end()));
      const { Worker } = await import('../src/delivery/worker.ts');
      const worker = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      cleanup.push(() => worker.stop());
      worker.start();
      await t.api('POST', '/v1/webhooks', { url: hanging.url, events: ['lead.created'] });
      for (let i = 0; i < 10; i++) await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      await hanging.waitFor(2);
      // The hanging webhook's other 8 deliveries are due and it has no room; new work and retries
      // of another webhook still go out.
      const hook = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: flaky.url, events: ['lead.updated'] })).body;
      await t.api('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated') });
      await flaky.waitFor(4);
      const [d] = (await t.api<{ data: Delivery[] }>('GET', `/v1/webhooks/${hook.id}/deliveries`)).body.data;
      await waitFor(
        async () => (await t.api<Delivery>('GET', `/v1/deliveries/${d.id}`)).body.status === 'succeeded' || null,
        15_000,
        'the fourth attempt succeeded',
      );
      assert.equal(hanging.requests.length, 2, 'at most 2 attempts in flight to one endpoint');
      await hanging.close(); // its attempts end now, so stopping does not wait for their timeout
      await worker.stop();
    });

    test('an answer with NUL bytes is logged (NUL as U+FFFD) and does not hold up the outcomes written with it', async () => {
      const t = track(await startApp(backend));
      const odd = track(await startReceiver((_req, _n, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\u0000\u0000done')));
      const plain = track(await startReceiver());
      const hooks = [];
      for (const r of [odd, plain]) hooks.push((await t.api<{ id: string }>('POST', '/v1/webhooks', { url: r.url, events: ['lead.created'] })).body.id);
      for (let i = 0; i < 5; i++) await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      await odd.waitFor(5);
      await plain.waitFor(5);
      for (const hook of hooks) {
        const log = await waitFor(
          async () => {
            const r = await t.api<{ data: Array<{ id: string; status: string }> }>('GET', `/v1/webhooks/${hook}/deliveries`);
            return r.body.data.length === 5 && r.body.data.every((d) => d.status === 'succeeded') && r.body.data;
          },
          15_000,
          'every outcome written',
        );
        const d = (await t.api<Delivery & { attempts: Array<{ response_body: string | null }> }>('GET', `/v1/deliveries/${log[0].id}`)).body;
        assert.equal(d.attempt_count, 1, 'delivered once, not again after a lost outcome');
        assert.equal(d.attempts[0].response_body, hook === hooks[0] ? 'ok\uFFFD\uFFFDdone' : 'ok');
      }
    });

    test('where private URLs are not allowed, deliveries to private addresses are refused', async () => {
      const t = track(await startApp(backend, { SALESOS_ALLOW_PRIVATE_URLS: 'false' }));
      const rx = track(await startReceiver());
      // Creating such a webhook is already refused…
      const refused = await t.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      assert.equal(refused.status, 400);
      // …so point existing webhooks at private addresses behind the API's back, as a DNS change would.
      const targets = [
        rx.url,
        `http://localhost:${rx.port}/hooks`,
        `http://[::ffff:127.0.0.1]:${rx.port}/x`,
        'http://169.254.169.254/latest/meta-data',
        'http://10.0.0.1/x',
      ];
      const hookIds: string[] = [];
      for (const url of targets) {
        const created = await t.api<{ id: string }>('POST', '/v1/webhooks', { url: 'https://93.184.215.14/hooks', events: ['order.created'] });
        assert.equal(created.status, 201);
        await t.app.storage.connection.exec('UPDATE webhooks SET url = ? WHERE id = ?', [url, created.body.id]);
        hookIds.push(created.body.id);
      }
      await t.api('POST', '/v1/events', { type: 'order.created', data: eventData('order.created') });
      for (const [i, id] of hookIds.entries()) {
        const d = await waitFor(async () => {
          const [x] = (await t.api<{ data: Delivery[] }>('GET', `/v1/webhooks/${id}/deliveries`)).body.data;
          return x && x.attempt_count > 0 ? (await t.api<Delivery>('GET', `/v1/deliveries/${x.id}`)).body : null;
        });
        assert.equal(d.attempts[0].error_class, 'blocked_address', targets[i]);
      }
      assert.equal(rx.requests.length, 0, 'the receiver on loopback received nothing');
    });

    test('disabling a webhook takes its waiting deliveries out of the queue until it is enabled', async () => {
      const t = track(await startApp(backend, {}, { worker: false }));
      const w = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] })).body;
      await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      const next = async () =>
        (await t.api<{ data: Array<{ status: string; next_attempt_at: string | null }> }>('GET', `/v1/webhooks/${w.id}/deliveries`)).body.data[0];
      assert.notEqual((await next()).next_attempt_at, null);
      await t.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: false });
      const parked = await next();
      assert.equal(parked.status, 'pending');
      assert.equal(parked.next_attempt_at, null);
      await t.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: true });
      const again = await next();
      assert.equal(again.status, 'pending');
      assert.ok(again.next_attempt_at && Date.parse(again.next_attempt_at) <= Date.now());
    });

    test('a webhook failing without a single success for SALESOS_DISABLE_AFTER is disabled', async () => {
      const t = track(await startApp(backend, { SALESOS_DISABLE_AFTER: '250ms' }));
      const rx = track(await startReceiver((_req, _n, res) => void res.writeHead(500).end()));
      const w = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).body;
      await t.api('POST', '/v1/events', { type: 'task.completed', data: eventData('task.completed') });
      const disabled = await waitFor(async () => {
        const x = (await t.api<{ enabled: boolean; disabled_reason: string | null }>('GET', `/v1/webhooks/${w.id}`)).body;
        return !x.enabled && x;
      });
      assert.equal(disabled.disabled_reason, 'failing');
      // The next publish no longer dispatches to it (this process had just published to it).
      const next = (await t.api<{ id: string }>('POST', '/v1/events', { type: 'task.completed', data: eventData('task.completed') })).body;
      const ev = await t.api<{ deliveries: Array<{ webhook_id: string }> }>('GET', `/v1/events/${next.id}`);
      assert.deepEqual(
        ev.body.deliveries.filter((d) => d.webhook_id === w.id),
        [],
      );
      // Enabling it again clears the reason.
      const enabled = await t.api<{ enabled: boolean; disabled_reason: string | null }>('PATCH', `/v1/webhooks/${w.id}`, { enabled: true });
      assert.equal(enabled.body.enabled, true);
      assert.equal(enabled.body.disabled_reason, null);
      await t.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: false });
    });
  });
}
