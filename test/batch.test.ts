// POST /v1/events/batch: up to 100 events in one request and one write, each idempotent on its
// own id; one invalid event refuses the whole batch and stores nothing. Both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

type EventJson = { id: string; type: string };
type Item = { status: number; event: EventJson | null; error: { code: string; message: string } | null };
type Batch = { data: Item[] };
type ErrorBody = { error: { code: string; details: Array<{ field: string }> } };

for (const backend of BACKENDS) {
  describe(`batch publish on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    const eventCount = async () => (await t.api<{ data: unknown[] }>('GET', '/v1/events?limit=100')).body.data.length;

    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver();
      assert.equal((await t.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).status, 201);
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    test('a batch is published in order and delivered like single events', async () => {
      const events = [
        { type: 'lead.created', data: eventData('lead.created'), id: 'sync-1' },
        { type: 'account.created', data: eventData('account.created') },
        { type: 'opportunity.won', data: eventData('opportunity.won'), id: 'sync-2' },
      ];
      const res = await t.api<Batch>('POST', '/v1/events/batch', { events });
      assert.equal(res.status, 202);
      assert.deepEqual(
        res.body.data.map((i) => [i.status, i.event?.type, i.error]),
        events.map((e) => [202, e.type, null]),
      );
      const ids = res.body.data.map((i) => i.event!.id);
      await rx.waitFor(3);
      assert.deepEqual(rx.requests.map((r) => r.headers['webhook-id']).sort(), [...ids].sort());
      for (const id of ids) assert.equal((await t.api('GET', `/v1/events/${id}`)).status, 200);
    });

    test('each event is idempotent on its own id: a repeat answers the first, other data is a 409 for that event alone', async () => {
      const sameData = eventData('lead.created');
      const contact = eventData('contact.created');
      const first = await t.api<Batch>('POST', '/v1/events/batch', { events: [{ type: 'lead.created', data: sameData, id: 'again-1' }] });
      const firstId = first.body.data[0].event!.id;
      const before = rx.requests.length;
      const res = await t.api<Batch>('POST', '/v1/events/batch', {
        events: [
          { type: 'lead.created', data: sameData, id: 'again-1' },
          { type: 'lead.created', data: eventData('lead.created'), id: 'again-1-but-new' },
          { type: 'lead.created', data: eventData('lead.created', { last_name: 'Other' }), id: 'again-1' },
          { type: 'contact.created', data: contact, id: 'twice' },
          { type: 'contact.created', data: contact, id: 'twice' },
        ],
      });
      assert.equal(res.status, 202);
      const [repeat, fresh, conflicting, once, twice] = res.body.data;
      assert.deepEqual([repeat.status, repeat.event?.id], [200, firstId]);
      assert.equal(fresh.status, 202);
      assert.deepEqual([conflicting.status, conflicting.error?.code, conflicting.event], [409, 'idempotency_conflict', null]);
      assert.equal(once.status, 202);
      assert.deepEqual([twice.status, twice.event?.id], [200, once.event!.id], 'the same id twice in one batch is one event');
      // The repeats queued nothing: the first event still has its one delivery; the new ones arrive.
      assert.equal((await t.api<{ data: unknown[] }>('GET', `/v1/deliveries?event_id=${firstId}`)).body.data.length, 1);
      await waitFor(() => rx.requests.length >= before + 2);
    });

    test('one invalid event refuses the whole batch, naming it, and stores nothing', async () => {
      const count = await eventCount();
      const bad = await t.api<ErrorBody>('POST', '/v1/events/batch', {
        events: [
          { type: 'lead.created', data: eventData('lead.created') },
          { type: 'lead.created', data: { object: { id: 'lead_x' } } },
        ],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'validation_failed');
      assert.ok(
        bad.body.error.details.every((d) => d.field.startsWith('body.events.1.data')),
        JSON.stringify(bad.body.error.details),
      );
      const unknownType = await t.api<ErrorBody>('POST', '/v1/events/batch', { events: [{ type: 'lead.exploded', data: eventData('lead.created') }] });
      assert.equal(unknownType.status, 400);
      assert.ok(unknownType.body.error.details.some((d) => d.field.startsWith('body.events.0.type')));
      for (const events of [[], Array.from({ length: 101 }, () => ({ type: 'lead.created', data: eventData('lead.created') }))]) {
        const res = await t.api<ErrorBody>('POST', '/v1/events/batch', { events });
        assert.equal(res.status, 400, `${events.length} events`);
        assert.ok(res.body.error.details.some((d) => d.field === 'body.events'));
      }
      assert.equal(await eventCount(), count, 'nothing was stored');
    });

    test('a full batch of 100 is one request', async () => {
      const events = Array.from({ length: 100 }, () => ({ type: 'task.completed', data: eventData('task.completed') }));
      const res = await t.api<Batch>('POST', '/v1/events/batch', { events });
      assert.equal(res.status, 202);
      assert.equal(res.body.data.filter((i) => i.status === 202).length, 100);
      assert.equal((await t.api<{ data: unknown[] }>('GET', '/v1/events?type=task.completed&limit=100')).body.data.length, 100);
    });
  });
}
