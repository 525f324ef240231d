import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

interface WebhookAnswer {
  id: string;
  secret: string;
}
interface DeliveryAnswer {
  id: string;
  status: string;
  attempt_count: number;
  attempts: Array<{ attempt_number: number; trigger: string; response_status: number | null; error_class: string | null; response_body: string | null }>;
}

for (const backend of BACKENDS) {
  describe(`delivery on ${backend}`, () => {
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

    test('a published event reaches the receiver, signed and verifiable by standardwebhooks', async () => {
      const hook = await t.api<WebhookAnswer>('POST', '/v1/webhooks', { url: rx.url, events: ['lead.*'] });
      assert.equal(hook.status, 201);
      const published = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: { object: { id: 'lead_1', object: 'lead', last_name: 'Lovelace' } } });
      assert.equal(published.status, 202);
      const [req] = await rx.waitFor(1);
      const verified = new StandardWebhook(hook.body.secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['x-webhook-signature']),
      }) as { id: string; type: string; data: { object: { last_name: string } } };
      assert.equal(verified.id, published.body.id);
      assert.equal(verified.type, 'lead.created');
      assert.equal(verified.data.object.last_name, 'Lovelace');
      assert.equal(req.headers['x-webhook-signature'], req.headers['webhook-signature']);
      assert.equal(req.headers['x-webhook-event'], 'lead.created');
      assert.equal(req.headers['x-webhook-attempt'], '1');
      assert.match(String(req.headers['user-agent']), /^SalesOS-Webhooks\//);
      const log = await t.api<{ data: Array<{ id: string; status: string }> }>('GET', `/v1/webhooks/${hook.body.id}/deliveries`);
      const done = await waitFor(async () => {
        const d = await t.api<DeliveryAnswer>('GET', `/v1/deliveries/${log.body.data[0].id}`);
        return d.body.status === 'succeeded' && d.body;
      });
      assert.equal(done.attempt_count, 1);
      assert.equal(done.attempts[0].response_status, 200);
      assert.equal(done.attempts[0].trigger, 'scheduled');
    });
  });
}
