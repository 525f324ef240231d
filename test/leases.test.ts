// Leases: claimed work that is not finished becomes due again; a stopping worker gives back what
// it held; held work whose lease ran out is given back, not sent beside the claim that took it over.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, startApp, startReceiver, waitFor, eventData } from './helpers.ts';

describe('leases', () => {
  test('claimed but unfinished work becomes due again when the lease runs out', async () => {
    const rx = await startReceiver();
    const t = await startApp(BACKENDS.includes('postgres') ? 'postgres' : 'sqlite', {}, { worker: false });
    try {
      await t.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      // A worker that claims and then dies: nothing else may take the work while the lease holds.
      const claimed = await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 400 });
      assert.equal(claimed.length, 1);
      assert.equal((await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 400 })).length, 0);
      const { Worker } = await import('../src/delivery/worker.ts');
      const worker = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      worker.start();
      const [req] = await rx.waitFor(1);
      assert.equal(req.headers['x-webhook-attempt'], '1');
      await worker.stop();
    } finally {
      await t.close();
      await rx.close();
    }
  });

  for (const backend of BACKENDS) {
    test(`a worker that stops gives back the work it held, and another worker sends it without waiting for the lease (${backend})`, async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const rx = await startReceiver(async (_req, n, res) => {
        if (n === 0) await gate;
        res.writeHead(200).end('ok');
      });
      // One attempt per endpoint at a time, and a 30 s timeout: a lease of 65 s, longer than the
      // test waits for the second delivery.
      const t = await startApp(backend, { SALESOS_MAX_PER_ENDPOINT: '1', SALESOS_DELIVERY_TIMEOUT: '30s' }, { worker: false });
      const { Worker } = await import('../src/delivery/worker.ts');
      const first = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      const second = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      try {
        const hook = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).body;
        const deliveries = async () =>
          (await t.api<{ data: Array<{ status: string; next_attempt_at: string | null }> }>('GET', `/v1/webhooks/${hook.id}/deliveries`)).body.data;
        first.start();
        for (let i = 0; i < 2; i++) assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).status, 202);
        await rx.waitFor(1);
        // Both leased to the first worker: one under way (held up by the receiver), one held.
        await waitFor(
          async () => {
            const list = await deliveries();
            return list.length === 2 && list.every((d) => d.status === 'pending' && d.next_attempt_at === null);
          },
          15_000,
          'two leased deliveries',
        );
        const stopping = first.stop();
        // The held one is due again at once; the one under way finishes.
        await waitFor(
          async () => (await deliveries()).some((d) => d.status === 'pending' && d.next_attempt_at !== null),
          15_000,
          'the held delivery given back',
        );
        open();
        await stopping;
        second.start();
        await rx.waitFor(2);
        await waitFor(async () => (await deliveries()).every((d) => d.status === 'succeeded') || null, 15_000, 'both delivered');
        assert.equal(rx.requests.length, 2);
      } finally {
        open();
        await first.stop();
        await second.stop();
        await t.close();
        await rx.close();
      }
    });

    test(`held work whose lease ran out while it waited is given back, not sent beside the claim that took it over (${backend})`, async () => {
      const rx = await startReceiver(async (_req, _n, res) => {
        await new Promise((r) => setTimeout(r, 300));
        res.writeHead(200).end('ok');
      });
      const t = await startApp(backend, {}, { worker: false });
      const { Worker } = await import('../src/delivery/worker.ts');
      const worker = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      try {
        await t.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
        const event = (await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).body;
        // Work the worker held so long (its endpoint slowed down) that its lease ran out: the
        // delivery is due again, and the worker's next claim takes it over.
        const [stale] = await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 1 });
        await new Promise((r) => setTimeout(r, 5));
        worker.start();
        assert.ok(worker.scheduler.tryReserve(stale.organization_id, stale.webhook_id));
        worker.scheduler.adopt([stale]);
        const [req] = await rx.waitFor(1);
        assert.equal(req.headers['webhook-id'], event.id);
        await waitFor(
          async () =>
            (await t.api<{ data: Array<{ status: string }> }>('GET', '/v1/webhooks/' + stale.webhook_id + '/deliveries')).body.data[0]?.status === 'succeeded',
          15_000,
          'delivered',
        );
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(rx.requests.length, 1, 'the delivery was sent once');
      } finally {
        await worker.stop();
        await t.close();
        await rx.close();
      }
    });
  }
});
