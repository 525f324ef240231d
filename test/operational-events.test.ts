// Operational events (issue 21 item 2, SPEC §11): webhook.failing (once, and not again within
// the hour), webhook.recovered, delivery.exhausted and webhook.disabled reach the organization's
// webhooks that subscribe to them, signed (verified with the SDK) like any event; never the
// webhook they are about; a failing receiver of them brings no more of them; `*` does not take
// them. Both backends, real receivers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verify, type SalesOSEvent } from '@salesos/webhooks';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Received, type Receiver, type TestApp } from './helpers.ts';
import { newId } from '../src/ids.ts';
import type { ClaimedWork, CompleteOptions, OperationalNotice, OutcomeRecord } from '../src/store/ports.ts';

type Hook = { id: string; secret: string };
type EventJson = { id: string; type: string; data: { object: Record<string, unknown> } };
type DeliveryJson = { id: string; status: string; webhook_id: string; event_id: string; attempts: Array<{ response_status: number | null }> };

const OPERATIONAL = /^(webhook|delivery)\./;
const typeOf = (r: Received) => String(r.headers['x-webhook-event']);

/** The events a receiver got, each verified with the SDK against its webhook's secret. */
async function verified(rx: Receiver, secret: string): Promise<SalesOSEvent[]> {
  return Promise.all(rx.requests.map((r) => verify(r.body, r.headers as Record<string, string>, secret)));
}

/** The operational events a receiver got about one webhook (or one of its deliveries). */
async function about(rx: Receiver, secret: string, webhookId: string): Promise<SalesOSEvent[]> {
  return (await verified(rx, secret)).filter((e) => {
    if (e.type === 'delivery.exhausted') return e.data.object.webhook_id === webhookId;
    if (e.type === 'webhook.failing' || e.type === 'webhook.recovered' || e.type === 'webhook.disabled') return e.data.object.id === webhookId;
    return false;
  });
}

for (const backend of BACKENDS) {
  describe(`operational events on ${backend}`, () => {
    let t: TestApp;
    // ops: subscribes to the operational events and answers 200. flaky: subscribes to lead.created
    // and to the operational events too, fails while `failing` is set. star: subscribes to `*`.
    // dead: subscribes to the operational events and always fails.
    let ops: Receiver, flaky: Receiver, star: Receiver, dead: Receiver;
    let opsHook: Hook, flakyHook: Hook, starHook: Hook, deadHook: Hook;
    let failing = true;

    const publishLead = async () => (await t.api<EventJson>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).body;
    const deliveryOf = async (eventId: string, webhookId: string) => {
      const list = await t.api<{ data: DeliveryJson[] }>('GET', `/v1/deliveries?event_id=${eventId}&webhook_id=${webhookId}`);
      return list.body.data[0] ? (await t.api<DeliveryJson>('GET', `/v1/deliveries/${list.body.data[0].id}`)).body : null;
    };
    const eventsOf = async (type: string) => (await t.api<{ data: EventJson[] }>('GET', `/v1/events?type=${type}&limit=100`)).body.data;

    before(async () => {
      t = await startApp(backend);
      ops = await startReceiver();
      star = await startReceiver();
      flaky = await startReceiver((_req, _n, res) => void res.writeHead(failing ? 500 : 200).end(failing ? 'down' : 'ok'));
      dead = await startReceiver((_req, _n, res) => void res.writeHead(503).end('down'));
      opsHook = (await t.api<Hook>('POST', '/v1/webhooks', { url: ops.url, events: ['webhook.*', 'delivery.*'] })).body;
      starHook = (await t.api<Hook>('POST', '/v1/webhooks', { url: star.url, events: ['*'] })).body;
      flakyHook = (
        await t.api<Hook>('POST', '/v1/webhooks', { url: flaky.url, events: ['lead.created', 'webhook.*', 'delivery.*'], retry_schedule: '100ms,100ms' })
      ).body;
      deadHook = (await t.api<Hook>('POST', '/v1/webhooks', { url: dead.url, events: ['webhook.failing', 'delivery.exhausted'], retry_schedule: '100ms' }))
        .body;
    });
    after(async () => {
      await t?.close();
      await Promise.all([ops, flaky, star, dead].map((r) => r?.close()));
    });

    test('the catalog lists the four in group operational; they cannot be published through the API', async () => {
      const types = (await t.api<{ data: Array<{ type: string; group: string; description: string }> }>('GET', '/v1/event-types')).body.data;
      const operational = types.filter((e) => e.group === 'operational').map((e) => e.type);
      assert.deepEqual(operational, ['webhook.failing', 'webhook.recovered', 'webhook.disabled', 'delivery.exhausted']);
      const refused = await t.api<{ error: { code: string } }>('POST', '/v1/events', { type: 'webhook.failing', data: { object: {} } });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'validation_failed');
      // As a test event it is accepted (salesos events trigger webhook.failing), marked as such.
      const sample = (await t.api<{ data: Array<{ type: string; example: { data: unknown } }> }>('GET', '/v1/event-types')).body.data.find(
        (e) => e.type === 'webhook.failing',
      )!.example.data;
      const asTest = await t.api<{ test?: boolean }>('POST', '/v1/events', { type: 'webhook.failing', data: sample, test: true });
      assert.equal(asTest.status, 202);
      assert.equal(asTest.body.test, true);
    });

    test('a failing endpoint: webhook.failing once, delivery.exhausted when its schedule runs out, webhook.recovered after a success; none of it sent to the endpoint itself', async () => {
      const first = await publishLead();
      const failingEvent = await waitFor(async () => (await about(ops, opsHook.secret, flakyHook.id)).find((e) => e.type === 'webhook.failing'));
      assert.equal(failingEvent.type, 'webhook.failing');
      if (failingEvent.type !== 'webhook.failing') return;
      const hook = failingEvent.data.object;
      assert.equal(hook.object, 'webhook');
      assert.equal(hook.url, flaky.url);
      assert.equal('secret' in hook, false, 'never the secret');
      assert.ok(hook.failing_since);
      assert.equal(hook.last_failure?.response_status, 500);
      assert.equal(hook.last_failure?.error_class, 'http_status');
      assert.equal(hook.last_failure?.event_id, first.id);

      // Its retry schedule (3 attempts) runs out: delivery.exhausted, about that delivery.
      const exhausted = await waitFor(async () => (await about(ops, opsHook.secret, flakyHook.id)).find((e) => e.type === 'delivery.exhausted'));
      assert.equal(exhausted.type, 'delivery.exhausted');
      if (exhausted.type !== 'delivery.exhausted') return;
      const d = exhausted.data.object;
      assert.deepEqual([d.object, d.status, d.event_id, d.attempt_count, d.webhook_url], ['delivery', 'failed', first.id, 3, flaky.url]);
      assert.equal(d.last_failure.attempt_number, 3);
      assert.equal((await deliveryOf(first.id, flakyHook.id))?.status, 'failed');

      // More failures within the hour: no second webhook.failing.
      const second = await publishLead();
      await waitFor(async () => (await deliveryOf(second.id, flakyHook.id))?.status === 'failed');
      assert.equal((await eventsOf('webhook.failing')).filter((e) => e.data.object.id === flakyHook.id).length, 1);

      // A success: webhook.recovered.
      failing = false;
      const third = await publishLead();
      const recovered = await waitFor(async () => (await about(ops, opsHook.secret, flakyHook.id)).find((e) => e.type === 'webhook.recovered'));
      if (recovered.type !== 'webhook.recovered') return assert.fail(recovered.type);
      assert.equal(recovered.data.object.failing_since, null);
      assert.equal(recovered.data.object.last_failure, null);
      assert.equal((await deliveryOf(third.id, flakyHook.id))?.status, 'succeeded');

      // The endpoint itself, though subscribed to webhook.* and delivery.*, got none of them.
      const real = flaky.requests.filter((r) => r.headers['x-webhook-test'] === undefined);
      assert.deepEqual([...new Set(real.map(typeOf))], ['lead.created']);
    });

    test('failing again within the hour after recovering: no webhook.failing, and so no webhook.recovered either', async () => {
      failing = true;
      const fourth = await publishLead();
      await waitFor(async () => (await deliveryOf(fourth.id, flakyHook.id))?.status === 'failed');
      failing = false;
      const fifth = await publishLead();
      await waitFor(async () => (await deliveryOf(fifth.id, flakyHook.id))?.status === 'succeeded');
      // Events are written with the outcomes that bring them: what the log shows is all there is.
      assert.equal((await eventsOf('webhook.failing')).filter((e) => e.data.object.id === flakyHook.id).length, 1);
      assert.equal((await eventsOf('webhook.recovered')).filter((e) => e.data.object.id === flakyHook.id).length, 1);
      // Its three given-up deliveries (first, second, fourth) were each told once.
      assert.equal((await eventsOf('delivery.exhausted')).filter((e) => e.data.object.webhook_id === flakyHook.id).length, 3);
    });

    test('a receiver of operational events that fails brings no operational events about itself (no loop)', async () => {
      // dead got webhook.failing and delivery.exhausted about flaky, and failed every one of them.
      const got = await waitFor(() => (dead.requests.length >= 4 ? dead.requests : null));
      assert.ok(got.every((r) => OPERATIONAL.test(typeOf(r))));
      const deadDeliveries = (await t.api<{ data: DeliveryJson[] }>('GET', `/v1/deliveries?webhook_id=${deadHook.id}&limit=100`)).body.data;
      await waitFor(async () => {
        const list = (await t.api<{ data: DeliveryJson[] }>('GET', `/v1/deliveries?webhook_id=${deadHook.id}&limit=100`)).body.data;
        return list.length >= deadDeliveries.length && list.every((x) => x.status === 'failed');
      });
      for (const type of ['webhook.failing', 'webhook.disabled', 'delivery.exhausted']) {
        const events = await eventsOf(type);
        assert.equal(events.filter((e) => e.data.object.id === deadHook.id || e.data.object.webhook_id === deadHook.id).length, 0, type);
      }
      assert.equal((await about(ops, opsHook.secret, deadHook.id)).length, 0);
    });

    test('a webhook subscribed to "*" gets the CRM events but no operational ones', async () => {
      await waitFor(() => (star.requests.length >= 5 ? star.requests : null));
      assert.deepEqual([...new Set(star.requests.map(typeOf))], ['lead.created']);
      assert.ok((await verified(star, starHook.secret)).length >= 5);
    });

    test('a test send of an operational type reaches its webhook, marked as a test', async () => {
      const sent = await t.api<{ event: EventJson & { test?: boolean } }>('POST', `/v1/webhooks/${opsHook.id}/test`, { event_type: 'delivery.exhausted' });
      assert.equal(sent.status, 202);
      const req = await waitFor(() => ops.requests.find((r) => r.headers['webhook-id'] === sent.body.event.id));
      assert.equal(req.headers['x-webhook-test'], 'true');
      const event = await verify(req.body, req.headers as Record<string, string>, opsHook.secret);
      assert.equal(event.type, 'delivery.exhausted');
      assert.equal(event.test, true);
    });
  });

  describe(`webhook.disabled on ${backend}`, () => {
    let t: TestApp;
    let ops: Receiver, down: Receiver, other: Receiver;
    let opsHook: Hook, downHook: Hook, otherHook: Hook;

    before(async () => {
      // Disabled once its deliveries have failed for 300 ms (SALESOS_DISABLE_AFTER).
      t = await startApp(backend, { SALESOS_DISABLE_AFTER: '300ms' });
      ops = await startReceiver();
      down = await startReceiver((_req, _n, res) => void res.writeHead(502).end('bad gateway'));
      other = await startReceiver();
      opsHook = (await t.api<Hook>('POST', '/v1/webhooks', { url: ops.url, events: ['webhook.disabled'] })).body;
      downHook = (await t.api<Hook>('POST', '/v1/webhooks', { url: down.url, events: ['lead.created'], retry_schedule: '200ms,200ms,200ms,200ms' })).body;
      otherHook = (await t.api<Hook>('POST', '/v1/webhooks', { url: other.url, events: ['lead.created'] })).body;
    });
    after(async () => {
      await t?.close();
      await Promise.all([ops, down, other].map((r) => r?.close()));
    });

    test('an automatic disable sends webhook.disabled once, to the subscribers of that type only', async () => {
      await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      const req = await waitFor(() => ops.requests.find((r) => typeOf(r) === 'webhook.disabled'));
      const event = await verify(req.body, req.headers as Record<string, string>, opsHook.secret);
      if (event.type !== 'webhook.disabled') return assert.fail(event.type);
      assert.equal(event.data.object.id, downHook.id);
      assert.equal(event.data.object.enabled, false);
      assert.equal(event.data.object.disabled_reason, 'failing');
      assert.ok(event.data.object.failing_since);
      assert.equal(event.data.object.last_failure?.response_status, 502);
      const shown = await t.api<{ enabled: boolean; disabled_reason: string }>('GET', `/v1/webhooks/${downHook.id}`);
      assert.deepEqual([shown.body.enabled, shown.body.disabled_reason], [false, 'failing']);
      const listed = (await t.api<{ data: EventJson[] }>('GET', '/v1/events?type=webhook.disabled')).body.data;
      assert.equal(listed.length, 1);
      // ops subscribes to webhook.disabled only; other to lead.created only.
      assert.deepEqual([...new Set(ops.requests.map(typeOf))], ['webhook.disabled']);
      assert.deepEqual([...new Set(other.requests.map(typeOf))], ['lead.created']);
    });

    test('disabling a webhook by hand sends no webhook.disabled (its owner did it)', async () => {
      const patched = await t.api<{ enabled: boolean; disabled_reason: string }>('PATCH', `/v1/webhooks/${otherHook.id}`, { enabled: false });
      assert.deepEqual([patched.body.enabled, patched.body.disabled_reason], [false, 'manual']);
      const listed = (await t.api<{ data: EventJson[] }>('GET', '/v1/events?type=webhook.disabled')).body.data;
      assert.equal(listed.length, 1);
    });
  });

  describe(`one notice per change, however many writers at once, on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, {}, { worker: false });
    });
    after(async () => {
      await t?.close();
    });

    const failed = (w: ClaimedWork, status: 'pending' | 'failed' = 'pending'): OutcomeRecord => ({
      work: w,
      attempt: {
        id: newId('att'),
        attempt_number: w.attempt_count + 1,
        trigger: w.next_trigger,
        started_at: Date.now(),
        duration_ms: 3,
        request_headers: {},
        response_status: 500,
        response_headers: {},
        response_body: 'down',
        error_class: 'http_status',
        error_message: null,
      },
      status,
      next_attempt_at: status === 'pending' ? Date.now() + 60_000 : null,
      health: { kind: 'failing', since: Date.now() },
    });

    test('ten outcome writes at once, each the first failure of the same healthy webhook: one webhook.failing', async () => {
      const hook = (await t.api<Hook>('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['lead.created'] })).body;
      for (let i = 0; i < 10; i++) await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      const work = await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 60_000 });
      assert.equal(work.length, 10);
      const notices: OperationalNotice[] = [];
      const opts: CompleteOptions = {
        failingEveryMs: 3_600_000,
        publish: async (n) => void notices.push(...n),
        failed: (e) => assert.fail(String(e)),
      };
      // Each its own write (its own transaction, its own connection on PostgreSQL), all at once.
      const written = await Promise.all(work.map((w, i) => t.app.storage.deliveries.complete([failed(w, i === 0 ? 'failed' : 'pending')], opts)));
      assert.deepEqual(written, Array(10).fill(1));
      assert.deepEqual(
        notices.filter((n) => n.kind === 'failing').map((n) => (n.kind === 'failing' ? n.webhook.id : '')),
        [hook.id],
      );
      // The delivery that reached failed: one delivery.exhausted about it.
      assert.deepEqual(
        notices.filter((n) => n.kind === 'exhausted').map((n) => (n.kind === 'exhausted' ? n.delivery.id : '')),
        [work[0].id],
      );
    });
  });
}
