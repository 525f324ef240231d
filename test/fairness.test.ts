// Fairness between organizations (docs/operations.md): one organization's flood of publishes is
// refused beyond its bound (429, nothing stored) while another's are taken and delivered, and a
// flood of one organization's deliveries does not queue another's new deliveries behind it.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { verify } from '@salesos/webhooks';
import type { NewDelivery, NewEvent } from '../src/store/ports.ts';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

interface ErrorJson {
  error: { code: string; message: string; details: unknown[] };
}
interface EventJson {
  id: string;
  type: string;
}

for (const backend of BACKENDS) {
  describe(`fairness between organizations on ${backend}`, () => {
    const cleanup: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanup.reverse()) await c();
    });
    const track = <T extends TestApp | Receiver>(x: T) => (cleanup.push(() => x.close()), x);

    test("an organization's publishes beyond its bound get 429 and store nothing, while another organization's get 202 and are delivered", async () => {
      const t = track(await startApp(backend, { SALESOS_PUBLISH_QUEUE: '5' }));
      const rxA = track(await startReceiver());
      const rxB = track(await startReceiver());
      const keyB = await t.otherKey();
      await t.api('POST', '/v1/webhooks', { url: rxA.url, events: ['lead.created'] });
      const hookB = (await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: rxB.url, events: ['lead.updated'] }, { key: keyB })).body;

      // The store is slow for organization A (its events are lead.created): its publishes wait
      // for their writes until the test lets them go. B's writes are not held.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const outbox = t.app.storage.outbox;
      const write = outbox.publish.bind(outbox);
      outbox.publish = async (events: NewEvent[], deliveries: NewDelivery[]) => {
        if (events.some((e) => e.type === 'lead.created')) await held;
        return write(events, deliveries);
      };
      cleanup.push(async () => release());

      // A sends 8 publishes at once: 5 are taken (and wait for the store), 3 are refused.
      const answers: Array<{ status: number; body: unknown; retryAfter: string | null }> = [];
      const floods = Array.from({ length: 8 }, (_, i) =>
        t
          .api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created', { last_name: `Flood ${i}` }) })
          .then((r) => void answers.push({ status: r.status, body: r.body, retryAfter: r.headers.get('retry-after') })),
      );
      await waitFor(() => answers.length >= 3, 10_000, "A's excess publishes answered");
      assert.deepEqual(
        answers.map((a) => a.status),
        [429, 429, 429],
      );
      for (const a of answers) {
        const body = a.body as ErrorJson;
        assert.equal(body.error.code, 'rate_limited');
        assert.match(body.error.message, /waiting to be stored/);
        assert.deepEqual(body.error.details, []);
        assert.equal(a.retryAfter, '1');
      }
      // A batch publish of A at the same moment is refused too, whatever its Idempotency-Key.
      const batch = { events: [0, 1].map((i) => ({ type: 'lead.created', data: eventData('lead.created', { last_name: `Batch ${i}` }) })) };
      const refused = await t.api<ErrorJson>('POST', '/v1/events/batch', batch, { headers: { 'idempotency-key': 'fairness-batch' } });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'rate_limited');
      assert.equal(refused.headers.get('retry-after'), '1');

      // B publishes meanwhile: taken at once, stored (A's publishes still wait), and delivered.
      const published = await t.api<EventJson>('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated') }, { key: keyB });
      assert.equal(published.status, 202);
      const [got] = await rxB.waitFor(1);
      const delivered = await verify(got.body, got.headers as Record<string, string>, hookB.secret);
      assert.equal(delivered.id, published.body.id);
      assert.equal(rxA.requests.length, 0, "none of A's publishes was stored yet");
      assert.equal(answers.length, 3, "A's 5 taken publishes still wait for the store");

      // The store goes on: A's 5 taken publishes are answered 202 and delivered; the refused ones
      // stored nothing.
      release();
      await Promise.all(floods);
      assert.deepEqual(answers.map((a) => a.status).sort(), [202, 202, 202, 202, 202, 429, 429, 429]);
      await rxA.waitFor(5);
      const eventsA = (await t.api<{ data: EventJson[] }>('GET', '/v1/events?limit=100')).body.data;
      assert.equal(eventsA.length, 5, 'the refused publishes stored no event');
      const eventsB = (await t.api<{ data: EventJson[] }>('GET', '/v1/events?limit=100', undefined, { key: keyB })).body.data;
      assert.deepEqual(
        eventsB.map((e) => e.id),
        [published.body.id],
      );
      // The refused batch's key was not kept: the same request now publishes.
      const retried = await t.api<{ data: Array<{ status: number }> }>('POST', '/v1/events/batch', batch, { headers: { 'idempotency-key': 'fairness-batch' } });
      assert.equal(retried.status, 202);
      assert.deepEqual(
        retried.body.data.map((d) => d.status),
        [202, 202],
      );
      await rxA.waitFor(7);
    });

    test("one organization's backlog of deliveries does not hold up another's new delivery: it is received while most of the backlog still waits", async () => {
      // Two attempts at once in the process, one per endpoint: A's 600 deliveries (20 webhooks)
      // fill what the worker may hold, and most of them wait in the queue.
      const t = track(await startApp(backend, { SALESOS_MAX_CONCURRENCY: '2', SALESOS_MAX_PER_ENDPOINT: '1' }));
      const rxA = track(await startReceiver());
      let aBeforeB = -1;
      const rxB = track(
        await startReceiver((_req, _n, res) => {
          aBeforeB = rxA.requests.length;
          res.writeHead(200).end();
        }),
      );
      const keyB = await t.otherKey();
      for (let i = 0; i < 20; i++) await t.api('POST', '/v1/webhooks', { url: `${rxA.url}?hook=${i}`, events: ['lead.created'] });
      const hookB = (await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: rxB.url, events: ['lead.updated'] }, { key: keyB })).body;

      const flood = await t.api('POST', '/v1/events/batch', {
        events: Array.from({ length: 30 }, (_, i) => ({ type: 'lead.created', data: eventData('lead.created', { last_name: `Backlog ${i}` }) })),
      });
      assert.equal(flood.status, 202);
      const published = await t.api<EventJson>('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated') }, { key: keyB });
      assert.equal(published.status, 202);

      const [got] = await rxB.waitFor(1, 30_000);
      const delivered = await verify(got.body, got.headers as Record<string, string>, hookB.secret);
      assert.equal(delivered.id, published.body.id);
      assert.ok(aBeforeB >= 0 && aBeforeB < 300, `B's delivery arrived after ${aBeforeB} of A's 600: it must not wait behind A's backlog`);
      // A's backlog is delivered all the same.
      await rxA.waitFor(600, 60_000);
    });
  });
}
