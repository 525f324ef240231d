// Retention: events older than the cutoff go with their finished deliveries and every attempt of
// those; a delivery still pending keeps its event (and loses only its attempts older than the
// cutoff); anything younger stays.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { purgeExpired } from '../src/delivery/retention.ts';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp, eventData } from './helpers.ts';

interface Delivery {
  id: string;
  webhook_id: string;
  status: string;
  attempts?: unknown[];
}
interface EventWithDeliveries {
  id: string;
  deliveries: Delivery[];
}

for (const backend of BACKENDS) {
  describe(`retention on ${backend}`, () => {
    const cleanup: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanup.reverse()) await c();
    });
    const track = <T extends TestApp | Receiver>(x: T) => (cleanup.push(() => x.close()), x);

    test('old events go with their finished deliveries and attempts; pending and younger ones stay', async () => {
      // Failed attempts are retried an hour later: b's deliveries stay pending with one attempt each.
      const t = track(await startApp(backend, { SALESOS_RETRY_SCHEDULE: '1h' }));
      const ok = track(await startReceiver());
      const down = track(await startReceiver((_req, _n, res) => void res.writeHead(500).end('down')));
      const a = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: ok.url, events: ['lead.created', 'lead.updated'] })).body;
      const b = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: down.url, events: ['lead.created'] })).body;
      const publish = async (type: 'lead.created' | 'lead.updated') =>
        (await t.api<{ id: string }>('POST', '/v1/events', { type, data: eventData(type) })).body.id;
      const event = async (id: string) => t.api<EventWithDeliveries>('GET', `/v1/events/${id}`);

      // e1, e2: one delivery succeeds (a), one keeps failing and stays pending (b); e3: a only.
      const e1 = await publish('lead.created');
      const e2 = await publish('lead.created');
      const e3 = await publish('lead.updated');
      await ok.waitFor(3);
      await down.waitFor(2);
      const before = await Promise.all([e1, e2, e3].map(async (id) => (await event(id)).body));
      await waitFor(
        async () => {
          const all = await Promise.all([e1, e2, e3].map(async (id) => (await event(id)).body.deliveries));
          return all.flat().every((d) => (d.webhook_id === a.id ? d.status === 'succeeded' : d.status === 'pending'));
        },
        15_000,
        'outcomes written',
      );
      await new Promise((r) => setTimeout(r, 5));
      const cutoff = Date.now();
      await new Promise((r) => setTimeout(r, 5));
      const e4 = await publish('lead.updated');
      await ok.waitFor(4);
      await waitFor(async () => (await event(e4)).body.deliveries?.[0]?.status === 'succeeded', 15_000, 'e4 delivered');

      // b's first failure published webhook.failing (an operational event no webhook subscribes
      // to: it has no delivery), before the cutoff: it goes too.
      const operational = (await t.api<{ data: { type: string; created_at: string }[] }>('GET', '/v1/events?type=webhook.failing')).body.data;
      assert.equal(operational.filter((e) => Date.parse(e.created_at) < cutoff).length, 1);
      const { rollups, tasks: _tasks, ...counts } = await purgeExpired(t.app.storage.deliveries, 60_000, cutoff + 60_000);
      assert.deepEqual(counts, { attempts: 5, deliveries: 3, events: 2 });
      // Endpoint health rollups of the minutes that ended by the cutoff (test/store/conformance.test.ts checks which).
      assert.ok(rollups >= 0);

      // e3 and its delivery are gone.
      assert.equal((await event(e3)).status, 404);
      const d3 = before[2].deliveries[0];
      assert.equal((await t.api('GET', `/v1/deliveries/${d3.id}`)).status, 404);
      // e1, e2 stay for b's pending delivery, which lost its old attempt; a's delivery is gone.
      for (const [i, id] of [e1, e2].entries()) {
        const r = await event(id);
        assert.equal(r.status, 200);
        assert.deepEqual(
          r.body.deliveries.map((d) => d.webhook_id),
          [b.id],
        );
        const pending = await t.api<Delivery>('GET', `/v1/deliveries/${r.body.deliveries[0].id}`);
        assert.equal(pending.body.status, 'pending');
        assert.deepEqual(pending.body.attempts, []);
        const gone = before[i].deliveries.find((d) => d.webhook_id === a.id)!;
        assert.equal((await t.api('GET', `/v1/deliveries/${gone.id}`)).status, 404);
      }
      // The younger event keeps everything.
      const young = await event(e4);
      assert.equal(young.status, 200);
      const kept = await t.api<Delivery>('GET', `/v1/deliveries/${young.body.deliveries[0].id}`);
      assert.equal(kept.body.attempts?.length, 1);

      // A second run finds nothing more to purge.
      assert.deepEqual(await purgeExpired(t.app.storage.deliveries, 60_000, cutoff + 60_000), { attempts: 0, deliveries: 0, events: 0, rollups: 0, tasks: 0 });
      await t.app.worker?.stop();
    });
  });
}
