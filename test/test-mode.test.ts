// Test events: a test send and a publish with `test: true` carry `"test": true` in the signed
// payload and `X-Webhook-Test: true` on every attempt, are listed as test events, and real
// events (from the API or the CRM) carry neither. Both backends, real receivers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Received, type Receiver, type TestApp } from './helpers.ts';

type Hook = { id: string; secret: string };
type EventJson = { id: string; type: string; test?: boolean; data: { object: Record<string, unknown> } };
type DeliveryJson = { id: string; status: string; attempts: Array<{ request_headers: Record<string, string> }> };

function verified(req: Received, secret: string): { id: string; test?: boolean } {
  return new StandardWebhook(secret).verify(req.body, {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers['webhook-signature']),
  }) as { id: string; test?: boolean };
}

for (const backend of BACKENDS) {
  describe(`test events on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    let hook: Hook;
    const byEvent = (id: string) => rx.requests.filter((r) => r.headers['webhook-id'] === id);

    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver();
      hook = (await t.api<Hook>('POST', '/v1/webhooks', { url: rx.url, events: ['lead.*', 'account.created'] })).body;
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    test('a test send is marked in the signed payload and in X-Webhook-Test, and listed as a test event', async () => {
      const sent = await t.api<{ event: EventJson; delivery_id: string }>('POST', `/v1/webhooks/${hook.id}/test`, { event_type: 'lead.created' });
      assert.equal(sent.status, 202);
      assert.equal(sent.body.event.test, true);
      const [req] = await waitFor(() => (byEvent(sent.body.event.id).length ? byEvent(sent.body.event.id) : null));
      assert.equal(req.headers['x-webhook-test'], 'true');
      assert.equal(verified(req, hook.secret).test, true, 'the signed body says test: true');
      assert.equal((await t.api<EventJson>('GET', `/v1/events/${sent.body.event.id}`)).body.test, true);
      const listed = await t.api<{ data: EventJson[] }>('GET', '/v1/events?limit=100');
      assert.equal(listed.body.data.find((e) => e.id === sent.body.event.id)?.test, true);
      // The delivery log shows the header the attempt sent.
      const d = await waitFor(async () => {
        const got = await t.api<DeliveryJson>('GET', `/v1/deliveries/${sent.body.delivery_id}`);
        return got.body.attempts.length ? got.body : null;
      });
      assert.equal(d.attempts[0].request_headers['x-webhook-test'], 'true');
    });

    test('POST /v1/events with test: true fans out like any event, marked; without it nothing is marked', async () => {
      const marked = await t.api<EventJson>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created'), test: true });
      const real = await t.api<EventJson>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      assert.equal(marked.status, 202);
      assert.equal(marked.body.test, true);
      assert.equal(real.status, 202);
      assert.equal(real.body.test, undefined);
      const [m] = await waitFor(() => (byEvent(marked.body.id).length ? byEvent(marked.body.id) : null));
      const [r] = await waitFor(() => (byEvent(real.body.id).length ? byEvent(real.body.id) : null));
      assert.equal(m.headers['x-webhook-test'], 'true');
      assert.equal(verified(m, hook.secret).test, true);
      assert.equal(r.headers['x-webhook-test'], undefined);
      assert.equal('test' in verified(r, hook.secret), false);
      const bad = await t.api<{ error: { details: Array<{ field: string }> } }>('POST', '/v1/events', {
        type: 'lead.created',
        data: eventData('lead.created'),
        test: 'yes',
      });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.details.some((x) => x.field === 'body.test'));
    });

    test('a CRM change is never a test event', async () => {
      const acct = await t.api<{ id: string }>('POST', '/v1/accounts', { name: 'Initech' });
      assert.equal(acct.status, 201);
      const events = await t.api<{ data: EventJson[] }>('GET', `/v1/events?object_id=${acct.body.id}`);
      assert.equal(events.body.data.length, 1);
      assert.equal(events.body.data[0].test, undefined);
      const [req] = await waitFor(() => {
        const got = rx.requests.filter((r) => r.body.includes(acct.body.id));
        return got.length ? got : null;
      });
      assert.equal(req.headers['x-webhook-test'], undefined);
    });
  });
}
