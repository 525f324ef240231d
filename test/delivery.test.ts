// The delivery engine end to end (SPEC §5-§7): real receivers, real signatures, the retry
// schedule, the delivery log and its manual actions, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { BACKENDS, startApp, startReceiver, waitFor, type Received, type Receiver, type TestApp, eventData } from './helpers.ts';

interface WebhookAnswer {
  id: string;
  secret: string;
  enabled: boolean;
  disabled_reason: string | null;
}
interface Attempt {
  attempt_number: number;
  trigger: string;
  response_status: number | null;
  error_class: string | null;
  response_body: string | null;
  request_headers: Record<string, string>;
}
interface Delivery {
  id: string;
  event_id: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  attempts: Attempt[];
}
interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

const lead = (last = 'Lovelace') => eventData('lead.created', { last_name: last });

function headersOf(req: Received, signatureHeader = 'webhook-signature') {
  return {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers[signatureHeader]),
  };
}

async function deliveriesOf(t: TestApp, webhookId: string, query = ''): Promise<Delivery[]> {
  return (await t.api<Page<Delivery>>('GET', `/v1/webhooks/${webhookId}/deliveries${query}`)).body.data;
}

async function settled(t: TestApp, webhookId: string, status: string, count = 1): Promise<Delivery[]> {
  return waitFor(
    async () => {
      const list = await deliveriesOf(t, webhookId);
      if (list.length < count || list.some((d) => d.status !== status)) return null;
      return Promise.all(list.map(async (d) => (await t.api<Delivery>('GET', `/v1/deliveries/${d.id}`)).body));
    },
    20_000,
    `${count} ${status} deliveries`,
  );
}

for (const backend of BACKENDS) {
  describe(`delivery on ${backend}`, () => {
    let t: TestApp;
    const receivers: Receiver[] = [];
    const receiver = async (respond?: Receiver['respond']) => {
      const r = await startReceiver(respond);
      receivers.push(r);
      return r;
    };
    const hook = async (url: string, events: string[] = ['*']) => (await t.api<WebhookAnswer>('POST', '/v1/webhooks', { url, events })).body;
    const publish = async (type = 'lead.created', data: unknown = lead(), headers?: Record<string, string>) =>
      t.api<{ id: string; type: string; created_at: string; data: unknown }>('POST', '/v1/events', { type, data }, { headers });

    before(async () => {
      t = await startApp(backend);
    });
    after(async () => {
      for (const r of receivers) await r.close();
      await t?.close();
    });

    test('a published event reaches every matching webhook, signed, verifiable by standardwebhooks', async () => {
      const rx = await receiver();
      const a = await hook(rx.url + '/a', ['lead.*']);
      const b = await hook(rx.url + '/b', ['lead.created']);
      const c = await hook(rx.url + '/c', ['opportunity.*']);
      const published = await publish();
      assert.equal(published.status, 202);
      assert.match(published.body.id, /^evt_/);
      const reqs = await rx.waitFor(2);
      await settled(t, a.id, 'succeeded');
      await settled(t, b.id, 'succeeded');
      assert.equal((await deliveriesOf(t, c.id)).length, 0, 'a webhook not subscribed gets nothing');
      assert.equal(rx.requests.length, 2);
      for (const req of reqs) {
        const secret = req.url.endsWith('/a') ? a.secret : b.secret;
        for (const header of ['webhook-signature', 'x-webhook-signature']) {
          const verified = new StandardWebhook(secret).verify(req.body, headersOf(req, header)) as {
            id: string;
            type: string;
            organization_id: string;
            data: { object: { last_name: string } };
          };
          assert.equal(verified.id, published.body.id);
          assert.equal(verified.type, 'lead.created');
          assert.match(verified.organization_id, /^org_/);
          assert.equal(verified.data.object.last_name, 'Lovelace');
        }
        assert.equal(req.headers['webhook-id'], published.body.id);
        assert.equal(req.headers['x-webhook-signature'], req.headers['webhook-signature']);
        assert.equal(req.headers['x-webhook-event'], 'lead.created');
        assert.equal(req.headers['x-webhook-attempt'], '1');
        assert.equal(req.headers['content-type'], 'application/json');
        assert.match(String(req.headers['user-agent']), /^SalesOS-Webhooks\/\d/);
      }
      assert.equal(reqs[0].body, reqs[1].body, 'the body is serialized once');
    });

    test('during a rotation both secrets sign, and each alone verifies', async () => {
      const rx = await receiver();
      const w = await hook(rx.url);
      const rotated = (await t.api<{ secret: string }>('POST', `/v1/webhooks/${w.id}/rotate-secret`)).body.secret;
      await publish();
      const [req] = await rx.waitFor(1);
      const signatures = String(req.headers['webhook-signature']).split(' ');
      assert.equal(signatures.length, 2);
      assert.ok(signatures.every((s) => s.startsWith('v1,')));
      for (const secret of [rotated, w.secret]) {
        new StandardWebhook(secret).verify(req.body, headersOf(req));
        new StandardWebhook(secret).verify(req.body, headersOf(req, 'x-webhook-signature'));
      }
      assert.throws(() => new StandardWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(req.body, headersOf(req)));
    });

    test('a change to a webhook applies to the very next publish (URL, secret, events, disabled)', async () => {
      const a = await receiver();
      const b = await receiver();
      const w = await hook(a.url, ['lead.created']);
      const deliveriesFor = async (eventId: string) =>
        (await t.api<{ deliveries: Array<Delivery & { webhook_id: string }> }>('GET', `/v1/events/${eventId}`)).body.deliveries.filter(
          (d) => d.webhook_id === w.id,
        );
      await publish();
      await a.waitFor(1); // the process now knows this organization's webhooks
      assert.equal((await t.api('PATCH', `/v1/webhooks/${w.id}`, { url: b.url })).status, 200);
      await publish();
      const [moved] = await b.waitFor(1);
      new StandardWebhook(w.secret).verify(moved.body, headersOf(moved));
      const rotated = (await t.api<{ secret: string }>('POST', `/v1/webhooks/${w.id}/rotate-secret`)).body.secret;
      await publish();
      const signed = (await b.waitFor(2))[1];
      assert.equal(String(signed.headers['webhook-signature']).split(' ').length, 2, 'signed with the new secret beside the old one');
      new StandardWebhook(rotated).verify(signed.body, headersOf(signed));
      await t.api('PATCH', `/v1/webhooks/${w.id}`, { events: ['lead.updated'] });
      assert.deepEqual(await deliveriesFor((await publish()).body.id), [], 'no longer subscribed to lead.created');
      await t.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: false });
      assert.deepEqual(await deliveriesFor((await publish('lead.updated', eventData('lead.updated'))).body.id), [], 'disabled');
      assert.equal(a.requests.length, 1);
      assert.equal(b.requests.length, 2);
    });

    test('a receiver that fails twice then succeeds: 3 attempts, succeeded', async () => {
      const rx = await receiver((_req, n, res) => void res.writeHead(n < 2 ? 500 : 200).end(n < 2 ? 'boom' : 'ok'));
      const w = await hook(rx.url);
      await publish();
      const [d] = await settled(t, w.id, 'succeeded');
      assert.equal(d.attempt_count, 3);
      assert.deepEqual(
        d.attempts.map((a) => [a.attempt_number, a.trigger, a.response_status, a.error_class]),
        [
          [1, 'scheduled', 500, 'http_status'],
          [2, 'scheduled', 500, 'http_status'],
          [3, 'scheduled', 200, null],
        ],
      );
      assert.equal(d.attempts[0].response_body, 'boom');
      assert.deepEqual(
        rx.requests.map((r) => r.headers['x-webhook-attempt']),
        ['1', '2', '3'],
      );
      assert.equal(new Set(rx.requests.map((r) => r.headers['webhook-id'])).size, 1, 'the same event id on every retry');
      // The log shows each attempt's request headers as they were sent, in order (the row keeps
      // only those its delivery does not determine).
      const sent = [
        'content-type',
        'user-agent',
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
        'x-webhook-signature',
        'x-webhook-event',
        'x-webhook-attempt',
      ];
      d.attempts.forEach((a, i) =>
        assert.deepEqual(
          Object.entries(a.request_headers),
          sent.map((h) => [h, rx.requests[i].headers[h]]),
          `attempt ${i + 1}`,
        ),
      );
    });

    test('a receiver that always fails: 6 attempts, then failed', async () => {
      const rx = await receiver((_req, _n, res) => void res.writeHead(503).end('down'));
      const w = await hook(rx.url);
      await publish();
      const [d] = await settled(t, w.id, 'failed');
      assert.equal(d.attempt_count, 6);
      assert.equal(d.attempts.length, 6);
      assert.equal(d.next_attempt_at, null);
      assert.ok(d.attempts.every((a) => a.error_class === 'http_status' && a.response_status === 503));
      assert.equal(rx.requests.length, 6);

      // Recover (a background task) re-queues it: one more (manual) attempt, which now succeeds.
      rx.respond = (_req, _n, res) => void res.writeHead(200).end('ok');
      const rec = await t.api<{ id: string; kind: string }>('POST', `/v1/webhooks/${w.id}/recover`, { since: new Date(Date.now() - 60_000).toISOString() });
      assert.equal(rec.status, 202);
      assert.equal(rec.body.kind, 'recover');
      const task = await waitFor(async () => {
        const r = (await t.api<{ status: string; queued: number }>('GET', `/v1/tasks/${rec.body.id}`)).body;
        return r.status === 'succeeded' ? r : null;
      });
      assert.equal(task.queued, 1);
      const [again] = await settled(t, w.id, 'succeeded');
      assert.equal(again.attempt_count, 7);
      assert.equal(again.attempts[6].trigger, 'manual');
    });

    test('manual retry: one more attempt now, logged as manual', async () => {
      const rx = await receiver();
      const w = await hook(rx.url);
      await publish();
      const [d] = await settled(t, w.id, 'succeeded');
      const retried = await t.api<Delivery>('POST', `/v1/deliveries/${d.id}/retry`);
      assert.equal(retried.status, 202);
      await rx.waitFor(2);
      const [after2] = await settled(t, w.id, 'succeeded');
      assert.equal(after2.attempt_count, 2);
      assert.equal(after2.attempts[1].trigger, 'manual');
      assert.equal((await t.api('POST', '/v1/deliveries/dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD/retry')).status, 404);
      assert.equal((await t.api('POST', `/v1/deliveries/${d.id}/retry`, undefined, { key: await t.otherKey() })).status, 404);
    });

    test('a test event is a real, logged delivery with trigger test', async () => {
      const rx = await receiver();
      const w = await hook(rx.url, ['opportunity.*']);
      const res = await t.api<{ event: { id: string; type: string }; delivery_id: string }>('POST', `/v1/webhooks/${w.id}/test`, {
        event_type: 'opportunity.won',
      });
      assert.equal(res.status, 202);
      const [req] = await rx.waitFor(1);
      assert.equal(req.headers['x-webhook-event'], 'opportunity.won');
      const body = new StandardWebhook(w.secret).verify(req.body, headersOf(req)) as { data: { object: { stage: string }; previous_attributes: unknown } };
      assert.equal(body.data.object.stage, 'closed_won');
      const [d] = await settled(t, w.id, 'succeeded');
      assert.equal(d.id, res.body.delivery_id);
      assert.equal(d.attempts[0].trigger, 'test');
      assert.equal((await t.api('POST', `/v1/webhooks/${w.id}/test`, { event_type: 'nope.nope' })).status, 400);
    });

    test('publishing is idempotent on the client id and on Idempotency-Key', async () => {
      const rx = await receiver();
      const w = await hook(rx.url, ['contact.created']);
      const c1 = eventData('contact.created');
      const first = await t.api<{ id: string }>('POST', '/v1/events', { id: `order-${backend}-1`, type: 'contact.created', data: c1 });
      const again = await t.api<{ id: string }>('POST', '/v1/events', { id: `order-${backend}-1`, type: 'contact.created', data: c1 });
      assert.equal(first.status, 202);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      // A replay answers the first event, as a 200 (nothing new was queued) that says so.
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      // The same id with other data is a conflict, not the first event.
      const clash = await t.api<{ error: { code: string } }>('POST', '/v1/events', {
        id: `order-${backend}-1`,
        type: 'contact.created',
        data: eventData('contact.created'),
      });
      assert.equal(clash.status, 409);
      assert.equal(clash.body.error.code, 'idempotency_conflict');
      const c2 = eventData('contact.created');
      const k1 = await publish('contact.created', c2, { 'idempotency-key': `k-${backend}` });
      const k2 = await publish('contact.created', c2, { 'idempotency-key': `k-${backend}` });
      assert.equal(k1.body.id, k2.body.id);
      assert.equal(k2.status, 200);
      await rx.waitFor(2);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rx.requests.length, 2, 'repeats queued nothing');
      const ev = await t.api<{ id: string; deliveries: Array<Delivery & { webhook_id: string }> }>('GET', `/v1/events/${first.body.id}`);
      assert.equal(ev.status, 200);
      assert.equal(ev.body.deliveries.filter((d) => d.webhook_id === w.id).length, 1);
      assert.equal((await deliveriesOf(t, w.id)).length, 2);

      // At once (on PostgreSQL these share one statement): 8 repeats of one key among 8 other
      // events give one event for the key, and 9 deliveries in all.
      const burst = eventData('contact.created');
      const same = () => t.api<{ id: string }>('POST', '/v1/events', { id: `burst-${backend}`, type: 'contact.created', data: burst });
      const other = () => t.api<{ id: string }>('POST', '/v1/events', { type: 'contact.created', data: eventData('contact.created') });
      const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? other() : same())));
      assert.equal(answers.filter((a) => a.status === 202).length, 9, 'one new event for the key, 8 others');
      assert.ok(answers.every((a) => a.status === 202 || a.status === 200));
      const keyed = new Set(answers.filter((_, i) => i % 2 === 0).map((a) => a.body.id));
      assert.equal(keyed.size, 1, 'one event for the repeated key');
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 9);
      await rx.waitFor(11);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rx.requests.length, 11);
      assert.equal((await deliveriesOf(t, w.id)).length, 11);
    });

    test('bad events are refused and store nothing', async () => {
      const before = (await t.api<Page<unknown>>('GET', '/v1/events?limit=100')).body.data.length;
      assert.equal((await publish('lead.nope')).status, 400);
      assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created' })).status, 400);
      assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: { object: {}, extra: 1 } })).status, 400);
      // data.object must follow the schema of its type: each field that does not is named.
      const { email: _email, ...noEmail } = eventData('lead.created').object;
      const loose = await t.api<{ error: { code: string; details: Array<{ field: string }> } }>('POST', '/v1/events', {
        type: 'lead.created',
        data: { object: { ...noEmail, last_name: 7, nickname: 'x' } },
      });
      assert.equal(loose.status, 400);
      assert.equal(loose.body.error.code, 'validation_failed');
      assert.deepEqual(loose.body.error.details.map((d) => d.field).sort(), ['data.object.email', 'data.object.last_name', 'data.object.nickname']);
      const noPrevious = await t.api('POST', '/v1/events', { type: 'lead.updated', data: { object: eventData('lead.updated').object } });
      assert.equal(noPrevious.status, 400, 'an update carries previous_attributes');
      const big = await publish('lead.created', eventData('lead.created', { company: 'x'.repeat(300 * 1024) }));
      assert.equal(big.status, 413);
      assert.equal((big.body as unknown as { error: { code: string } }).error.code, 'payload_too_large');
      assert.equal((await t.api<Page<unknown>>('GET', '/v1/events?limit=100')).body.data.length, before);
    });

    test('events list and get; another organization sees none of them', async () => {
      const sent = eventData('quote.sent');
      const e = await publish('quote.sent', sent);
      const list = await t.api<Page<{ id: string }>>('GET', '/v1/events?type=quote.sent');
      assert.ok(list.body.data.some((x) => x.id === e.body.id));
      const got = await t.api<{ id: string; type: string; data: { object: { id: string } } }>('GET', `/v1/events/${e.body.id}`);
      assert.equal(got.body.type, 'quote.sent');
      assert.equal(got.body.data.object.id, sent.object.id);
      const other = await t.otherKey();
      assert.equal((await t.api('GET', `/v1/events/${e.body.id}`, undefined, { key: other })).status, 404);
      assert.ok(!(await t.api<Page<{ id: string }>>('GET', '/v1/events', undefined, { key: other })).body.data.some((x) => x.id === e.body.id));
    });

    test('the delivery log filters by status and event type', async () => {
      const rx = await receiver((req, _n, res) => void res.writeHead(req.headers['x-webhook-event'] === 'task.completed' ? 410 : 200).end());
      const w = await hook(rx.url);
      await publish('task.completed', eventData('task.completed'));
      await publish('meeting.completed', eventData('meeting.completed'));
      await waitFor(
        async () => (await deliveriesOf(t, w.id, '?status=succeeded')).length === 1 && (await deliveriesOf(t, w.id, '?status=pending')).length === 1,
      );
      const byType = await deliveriesOf(t, w.id, '?event_type=task.completed');
      assert.equal(byType.length, 1);
      assert.equal(byType[0].status, 'pending');
      assert.equal((await t.api('GET', `/v1/webhooks/${w.id}/deliveries?status=bogus`)).status, 400);
    });

    test('a disabled webhook gets nothing new, and its pending deliveries wait until it is enabled', async () => {
      let up = false;
      let disabled!: () => void;
      const whenDisabled = new Promise<void>((r) => (disabled = r));
      // The first attempt is answered (500) only once the webhook is disabled, so its retry is
      // due while the webhook is disabled.
      const rx = await receiver(async (_req, n, res) => {
        if (n === 0) await whenDisabled;
        res.writeHead(up ? 200 : 500).end();
      });
      const w = await hook(rx.url);
      await publish();
      await rx.waitFor(1);
      assert.equal((await t.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: false })).status, 200);
      disabled();
      await waitFor(async () => (await deliveriesOf(t, w.id))[0].attempt_count === 1 || null);
      await publish(); // disabled: queues nothing
      await new Promise((r) => setTimeout(r, 800)); // longer than the short retry schedule
      const waiting = await deliveriesOf(t, w.id);
      assert.equal(waiting.length, 1);
      assert.equal(waiting[0].status, 'pending');
      assert.equal(rx.requests.length, 1);
      up = true;
      await t.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: true });
      const [d] = await settled(t, w.id, 'succeeded');
      assert.equal(d.attempt_count, 2);
    });

    // With one attempt per endpoint, a second delivery waits in the worker (held, leased to it)
    // while the first is under way; the webhook changes meanwhile.
    for (const change of ['disabled', 'moved to another URL'] as const) {
      test(`work the worker holds for a webhook that is ${change} is not sent as it was`, async () => {
        // A 30 s timeout makes the lease 65 s: what this test sees again is given back, not
        // claimed again after its lease ran out.
        const t1 = await startApp(backend, { SALESOS_MAX_PER_ENDPOINT: '1', SALESOS_DELIVERY_TIMEOUT: '30s' });
        let open!: () => void;
        const gate = new Promise<void>((r) => (open = r));
        const rx = await receiver(async (_req, n, res) => {
          if (n === 0) await gate;
          res.writeHead(200).end();
        });
        const rx2 = await receiver();
        try {
          const w = (await t1.api<WebhookAnswer>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).body;
          await t1.api('POST', '/v1/events', { type: 'lead.created', data: lead() });
          await rx.waitFor(1);
          await t1.api('POST', '/v1/events', { type: 'lead.created', data: lead() });
          // Both leased: one under way, one held (a leased delivery shows no next_attempt_at).
          await waitFor(
            async () => {
              const list = await deliveriesOf(t1, w.id);
              return list.length === 2 && list.every((d) => d.status === 'pending' && d.next_attempt_at === null);
            },
            15_000,
            'two leased deliveries',
          );
          const patch = change === 'disabled' ? { enabled: false } : { url: rx2.url };
          assert.equal((await t1.api('PATCH', `/v1/webhooks/${w.id}`, patch)).status, 200);
          open();
          if (change === 'disabled') {
            await waitFor(async () => (await deliveriesOf(t1, w.id)).some((d) => d.status === 'succeeded'), 15_000, 'the first delivered');
            await new Promise((r) => setTimeout(r, 500));
            assert.equal(rx.requests.length, 1, 'nothing sent for the disabled webhook');
            assert.equal((await t1.api('PATCH', `/v1/webhooks/${w.id}`, { enabled: true })).status, 200);
            await rx.waitFor(2);
          } else {
            await rx2.waitFor(1);
            await new Promise((r) => setTimeout(r, 300));
            assert.equal(rx.requests.length, 1, 'nothing more sent to the old URL');
          }
          const done = await settled(t1, w.id, 'succeeded', 2);
          assert.deepEqual(
            done.map((d) => d.attempt_count),
            [1, 1],
          );
        } finally {
          await t1.close();
        }
      });
    }

    test("a deleted webhook's pending deliveries are canceled", async () => {
      const rx = await receiver((_req, _n, res) => void res.writeHead(500).end());
      const w = await hook(rx.url);
      const e = await publish();
      await rx.waitFor(1);
      // Retries come 100 ms apart here: one may already be under way when the DELETE lands (it
      // finishes, and its outcome is dropped); none starts after.
      const sentBefore = rx.requests.length;
      assert.equal((await t.api('DELETE', `/v1/webhooks/${w.id}`)).status, 204);
      const ev = await t.api<{ deliveries: Delivery[] }>('GET', `/v1/events/${e.body.id}`);
      const mine = ev.body.deliveries.find((d) => d.status === 'canceled');
      assert.ok(mine, JSON.stringify(ev.body.deliveries));
      await new Promise((r) => setTimeout(r, 600));
      assert.ok(rx.requests.length <= sentBefore + 1, `${rx.requests.length} requests, ${sentBefore} before the DELETE`);
      assert.equal((await t.api<Delivery>('GET', `/v1/deliveries/${mine.id}`)).body.status, 'canceled');
      assert.equal((await t.api('POST', `/v1/deliveries/${mine.id}/retry`)).status, 409);
    });

    test('failures are logged with their error class; redirects are never followed', async () => {
      const target = await receiver();
      const redirecting = await receiver((_req, _n, res) => void res.writeHead(301, { location: target.url }).end());
      const hanging = await receiver(() => new Promise(() => {})); // never answers
      const big = await receiver((_req, _n, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('y'.repeat(64 * 1024));
      });
      const closed = await receiver();
      const closedUrl = closed.url;
      await closed.close();
      const cases: Array<[string, string, number | null]> = [
        [redirecting.url, 'redirect', 301],
        [hanging.url, 'timeout', null],
        [big.url, 'http_status', 500],
        [closedUrl, 'connection_refused', null],
        ['http://no-such-host.invalid/hooks', 'dns', null],
      ];
      for (const [url, errorClass, status] of cases) {
        const w = await hook(url, ['account.created']);
        const e = await publish('account.created', eventData('account.created'));
        const d = await waitFor(async () => {
          const list = await deliveriesOf(t, w.id);
          if (!list.length || !list[0].attempt_count) return null;
          return (await t.api<Delivery>('GET', `/v1/deliveries/${list[0].id}`)).body;
        });
        assert.equal(d.event_id, e.body.id);
        assert.equal(d.attempts[0].error_class, errorClass, url);
        assert.equal(d.attempts[0].response_status, status, url);
        if (url === big.url) assert.equal(d.attempts[0].response_body!.length, 4096, 'the body excerpt is capped at 4 KiB');
        await t.api('DELETE', `/v1/webhooks/${w.id}`);
      }
      assert.equal(target.requests.length, 0, 'the redirect target never received anything');
    });

    test('429 with Retry-After waits as long as asked', async () => {
      const rx = await receiver((_req, _n, res) => void res.writeHead(429, { 'retry-after': '3600' }).end());
      const w = await hook(rx.url);
      await publish();
      const d = await waitFor(async () => {
        const [x] = await deliveriesOf(t, w.id);
        return x && x.attempt_count === 1 && x.next_attempt_at ? x : null;
      });
      const wait = Date.parse(d.next_attempt_at!) - Date.now();
      assert.ok(wait > 3_500_000 && wait <= 3_600_000, `next attempt in ${wait} ms`);
      await t.api('DELETE', `/v1/webhooks/${w.id}`);
    });

    test('metrics expose deliveries, attempt durations and the queue', async () => {
      const res = await fetch(`${t.url}/metrics`);
      const text = await res.text();
      for (const name of [
        'salesos_delivery_attempts_total',
        'salesos_deliveries_total',
        'salesos_delivery_attempt_duration_seconds_bucket',
        'salesos_queue_depth',
        'salesos_queue_oldest_due_seconds',
      ]) {
        assert.ok(text.includes(name), name);
      }
      assert.match(text, /salesos_delivery_attempts_total\{outcome="success"\} [1-9]/);
    });
  });
}
