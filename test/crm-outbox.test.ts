// The transactional outbox: a CRM change and its events commit together or not at all. A
// refused request leaves no event; a failure after an event is written inside the transaction leaves
// neither the row nor the event nor its deliveries; a committed change has both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { convertLead, createLead } from '../src/crm/people.ts';
import { completeOrder } from '../src/crm/sales.ts';
import type { CrmChange } from '../src/crm/store.ts';
import { BACKENDS, startApp, type TestApp } from './helpers.ts';

type Obj = Record<string, unknown> & { id: string; status?: string };
interface EventWithDeliveries {
  id: string;
  type: string;
  data: { object: Obj };
  deliveries: Array<{ webhook_id: string; event_type: string; status: string }>;
}

/**
 * A CRM change that fails once the n-th event it emits was written with its deliveries: the
 * failure lands inside the transaction, after the outbox rows exist.
 */
function failAfterEvents(c: CrmChange, n: number): CrmChange & { published: () => number } {
  let published = 0;
  return {
    tx: c.tx,
    org: c.org,
    async emit(type, object, previous) {
      if (published >= n) throw new Error('injected failure');
      await c.emit(type, object, previous);
      published++;
      if (published >= n) throw new Error('injected failure');
    },
    published: () => published,
  };
}

for (const backend of BACKENDS) {
  describe(`CRM outbox on ${backend}`, () => {
    let t: TestApp;
    let org: string;
    let webhookId: string;
    before(async () => {
      // No worker: deliveries stay pending, so they can be counted as they were committed.
      t = await startApp(backend, {}, { worker: false });
      const hook = await t.api<{ id: string }>('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['*'] });
      webhookId = hook.body.id;
      const lead = await t.api<Obj>('POST', '/v1/leads', { last_name: 'Probe' });
      org = (await t.app.storage.connection.query<{ organization_id: string }>('SELECT organization_id FROM leads WHERE id = ?', [lead.body.id]))[0]
        .organization_id;
    });
    after(async () => {
      await t?.close();
    });

    const eventCount = async () => (await t.api<{ data: unknown[] }>('GET', '/v1/events?limit=100')).body.data.length;
    const count = async (table: string) =>
      Number((await t.app.storage.connection.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE organization_id = ?`, [org]))[0].n);

    test('a committed change has its event and the event its deliveries', async () => {
      const lead = await t.api<Obj>('POST', '/v1/leads', { last_name: 'Committed' });
      assert.equal(lead.status, 201);
      const list = await t.api<{ data: Array<{ id: string; type: string; data: { object: Obj } }> }>('GET', '/v1/events?type=lead.created');
      const event = list.body.data.find((e) => e.data.object.id === lead.body.id)!;
      assert.ok(event, 'lead.created exists');
      const full = await t.api<EventWithDeliveries>('GET', `/v1/events/${event.id}`);
      assert.deepEqual(
        full.body.deliveries.map((d) => [d.webhook_id, d.event_type, d.status]),
        [[webhookId, 'lead.created', 'pending']],
      );
    });

    test('refused requests (422, 409, 400, 404) leave no event and change nothing', async () => {
      const lead = await t.api<Obj>('POST', '/v1/leads', { last_name: 'Refused', company: 'Nope Ltd' });
      const events = await eventCount();
      const [accounts, contacts, deliveries] = [await count('accounts'), await count('contacts'), await count('deliveries')];
      const bad = await t.api('POST', `/v1/leads/${lead.body.id}/convert`, { account_id: 'acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD', create_opportunity: true });
      assert.equal(bad.status, 422);
      assert.equal((await t.api('POST', '/v1/leads', { last_name: 'X', unknown: 1 })).status, 400);
      assert.equal((await t.api('POST', '/v1/orders/ord_01JDX3Q8M7K4T2V9R5Y6Z0ABCD/complete', {})).status, 404);
      const account = await t.api<Obj>('POST', '/v1/accounts', { name: 'Real' });
      const opp = await t.api<Obj>('POST', '/v1/opportunities', { name: 'Lost one', account_id: account.body.id, stage: 'closed_lost' });
      assert.equal((await t.api('PATCH', `/v1/opportunities/${opp.body.id}`, { stage: 'closed_won', name: 'Renamed' })).status, 409);
      assert.equal(await eventCount(), events + 2, 'only account.created and opportunity.created');
      assert.equal(await count('contacts'), contacts);
      assert.equal(await count('accounts'), accounts + 1);
      assert.equal(await count('deliveries'), deliveries + 2);
      assert.equal((await t.api<Obj>('GET', `/v1/leads/${lead.body.id}`)).body.status, 'new');
      assert.equal((await t.api<Obj>('GET', `/v1/opportunities/${opp.body.id}`)).body.name, 'Lost one', 'a 409 PATCH changes no field either');
    });

    test('a failure after an event is written inside the transaction leaves neither the row nor the event', async () => {
      const [events, leads, deliveries] = [await eventCount(), await count('leads'), await count('deliveries')];
      let handle: ReturnType<typeof failAfterEvents> | null = null;
      await assert.rejects(
        t.app.crm.change(org, (c) => createLead((handle = failAfterEvents(c, 1)), org, { last_name: 'Phantom' })),
        /injected failure/,
      );
      assert.equal(handle!.published(), 1, 'the event and its delivery were written before the failure');
      assert.equal(await eventCount(), events);
      assert.equal(await count('leads'), leads);
      assert.equal(await count('deliveries'), deliveries);
      const found = await t.api<{ data: Obj[] }>('GET', '/v1/leads?limit=100');
      assert.ok(!found.body.data.some((l) => l.last_name === 'Phantom'));

      // And an exception after the service returned, before commit, undoes it as well.
      await assert.rejects(
        t.app.crm.change(org, async (c) => {
          await createLead(c, org, { last_name: 'Phantom' });
          throw new Error('caller failed');
        }),
        /caller failed/,
      );
      assert.equal(await eventCount(), events);
      assert.equal(await count('leads'), leads);
    });

    test('a conversion failing at its last event undoes every object and event it created', async () => {
      const lead = await t.api<Obj>('POST', '/v1/leads', { last_name: 'Partial', company: 'Half Ltd' });
      const before = {
        events: await eventCount(),
        accounts: await count('accounts'),
        contacts: await count('contacts'),
        opportunities: await count('opportunities'),
        deliveries: await count('deliveries'),
      };
      // account.created, contact.created, opportunity.created are written; lead.converted fails.
      let handle: ReturnType<typeof failAfterEvents> | null = null;
      await assert.rejects(
        t.app.crm.change(org, (c) => convertLead((handle = failAfterEvents(c, 3)), org, lead.body.id, { create_opportunity: true })),
        /injected failure/,
      );
      assert.equal(handle!.published(), 3);
      const afterFailure = {
        events: await eventCount(),
        accounts: await count('accounts'),
        contacts: await count('contacts'),
        opportunities: await count('opportunities'),
        deliveries: await count('deliveries'),
      };
      assert.deepEqual(afterFailure, before);
      assert.equal((await t.api<Obj>('GET', `/v1/leads/${lead.body.id}`)).body.status, 'new');

      // The same conversion, committed, has all four events.
      const converted = await t.api<Obj>('POST', `/v1/leads/${lead.body.id}/convert`, { create_opportunity: true });
      assert.equal(converted.status, 200);
      assert.equal(await eventCount(), before.events + 4);
      assert.equal(await count('deliveries'), before.deliveries + 4);
    });

    test('concurrent conversions of one lead: one succeeds, the others are 409s, one set of events', async () => {
      const lead = await t.api<Obj>('POST', '/v1/leads', { last_name: 'Racer', company: 'Race Ltd' });
      const events = await eventCount();
      const answers = await Promise.all(Array.from({ length: 4 }, () => t.api('POST', `/v1/leads/${lead.body.id}/convert`, {})));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409, 409, 409]);
      assert.equal(await eventCount(), events + 3, 'account.created, contact.created, lead.converted once');
    });

    test('a state change failing after its event leaves the object as it was', async () => {
      const account = await t.api<Obj>('POST', '/v1/accounts', { name: 'Orders' });
      const order = await t.api<Obj>('POST', '/v1/orders', { account_id: account.body.id, total: 10 });
      const events = await eventCount();
      await assert.rejects(
        t.app.crm.change(org, (c) => completeOrder(failAfterEvents(c, 1), org, order.body.id)),
        /injected failure/,
      );
      assert.equal(await eventCount(), events);
      assert.equal((await t.api<Obj>('GET', `/v1/orders/${order.body.id}`)).body.status, 'open');
      assert.equal((await t.api<Obj>('POST', `/v1/orders/${order.body.id}/complete`, {})).status, 200);
      assert.equal(await eventCount(), events + 1);
    });
  });
}
