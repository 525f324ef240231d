// Webhook filters at fan-out, with real CRM events: a webhook subscribed to opportunity.updated
// with the filter `data.object.amount >= 10000` gets deliveries only for the updates that match,
// signed as any other (verified with the SDK); the others leave no delivery in its log. An invalid
// filter is a 400 naming where it is wrong, and nothing is stored. The language itself is unit
// tested in test/filter.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verify } from '@salesos/webhooks';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

const BIG = { path: 'data.object.amount', op: 'gte', value: 10_000 };

interface Hook {
  id: string;
  secret: string;
  filter: unknown;
}

for (const backend of BACKENDS) {
  describe(`webhook filters on ${backend}`, () => {
    let t: TestApp;
    let filtered: Receiver;
    let everything: Receiver;

    before(async () => {
      t = await startApp(backend);
      filtered = await startReceiver();
      everything = await startReceiver();
    });
    after(async () => {
      await filtered?.close();
      await everything?.close();
      await t?.close();
    });

    test('only matching opportunity.updated events are delivered; the others leave no delivery', async () => {
      const hook = await t.api<Hook>('POST', '/v1/webhooks', { url: filtered.url, events: ['opportunity.updated'], filter: BIG });
      assert.equal(hook.status, 201, JSON.stringify(hook.body));
      assert.deepEqual(hook.body.filter, BIG);
      assert.deepEqual((await t.api<Hook>('GET', `/v1/webhooks/${hook.body.id}`)).body.filter, BIG);
      // The same events without a filter: when it has them all, fan-out is over.
      assert.equal((await t.api('POST', '/v1/webhooks', { url: everything.url, events: ['opportunity.updated'] })).status, 201);

      const account = await t.api<{ id: string }>('POST', '/v1/accounts', { name: 'Filtered Ltd' });
      const opp = await t.api<{ id: string }>('POST', '/v1/opportunities', { name: 'Big deal', account_id: account.body.id, amount: 100 });
      assert.equal(opp.status, 201);
      const amounts = [5_000, 15_000, 9_999, 10_000, 250, 20_000];
      for (const amount of amounts) assert.equal((await t.api('PATCH', `/v1/opportunities/${opp.body.id}`, { amount })).status, 200);
      const all = await everything.waitFor(amounts.length);
      await filtered.waitFor(3);
      await new Promise((r) => setTimeout(r, 300)); // room for a wrong delivery to show up

      const got = await Promise.all(filtered.requests.map((r) => verify(r.body, r.headers as Record<string, string>, hook.body.secret)));
      assert.deepEqual(
        got.map((e) => [e.type, (e.data.object as { amount: number }).amount]),
        [
          ['opportunity.updated', 15_000],
          ['opportunity.updated', 10_000],
          ['opportunity.updated', 20_000],
        ],
      );
      // The log holds the three and nothing for the others; each unmatched event has no delivery of this webhook.
      const log = await waitFor(async () => {
        const l = await t.api<{ data: Array<{ event_id: string; status: string }> }>('GET', `/v1/webhooks/${hook.body.id}/deliveries`);
        return l.body.data.every((d) => d.status === 'succeeded') && l;
      });
      assert.deepEqual(new Set(log.body.data.map((d) => d.event_id)), new Set(got.map((e) => e.id)));
      const unmatched = all.map((r) => JSON.parse(r.body) as { id: string; data: { object: { amount: number } } }).filter((e) => e.data.object.amount < 10_000);
      assert.equal(unmatched.length, 3);
      for (const e of unmatched) {
        const ev = await t.api<{ deliveries: Array<{ webhook_id: string }> }>('GET', `/v1/events/${e.id}`);
        assert.equal(ev.status, 200);
        assert.ok(!ev.body.deliveries.some((d) => d.webhook_id === hook.body.id), `no delivery of ${e.id} to the filtered webhook`);
      }

      // Changed to null: every update again.
      const cleared = await t.api<Hook>('PATCH', `/v1/webhooks/${hook.body.id}`, { filter: null });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.filter, null);
      await t.api('PATCH', `/v1/opportunities/${opp.body.id}`, { amount: 1 });
      await filtered.waitFor(4);
    });

    test('an invalid filter is a 400 naming the problem, and nothing is stored', async () => {
      const before = (await t.api<{ data: unknown[] }>('GET', '/v1/webhooks?limit=100')).body.data.length;
      const bad = { all: [BIG, { path: 'data.object.amount', op: 'gt=', value: 1 }] };
      const res = await t.api<{ error: { code: string; message: string; details: Array<{ field: string; message: string }> } }>('POST', '/v1/webhooks', {
        url: filtered.url,
        events: ['opportunity.updated'],
        filter: bad,
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.equal(res.body.error.details[0].field, 'body.filter.all[1].op');
      assert.match(res.body.error.details[0].message, /^unknown operator "gt="; known: eq, ne, gt, gte, lt, lte, in, nin, exists, contains, starts_with$/);
      for (const [filter, field] of [
        [{ path: 'data.object.stage', op: 'in', value: 'negotiation' }, 'body.filter.value'],
        [{ path: 'data..amount', op: 'gte', value: 1 }, 'body.filter.path'],
        [{ not: { not: { not: { not: { not: BIG } } } } }, 'body.filter.not.not.not.not.not'],
      ] as const) {
        const r = await t.api<{ error: { details: Array<{ field: string }> } }>('POST', '/v1/webhooks', { url: filtered.url, events: ['*'], filter });
        assert.equal(r.status, 400, JSON.stringify(filter));
        assert.equal(r.body.error.details[0].field, field);
      }
      assert.equal((await t.api<{ data: unknown[] }>('GET', '/v1/webhooks?limit=100')).body.data.length, before, 'no webhook was created');
      // On update too: the webhook keeps its filter.
      const hook = await t.api<Hook>('POST', '/v1/webhooks', { url: filtered.url, events: ['*'], filter: BIG });
      const upd = await t.api<{ error: { details: Array<{ field: string }> } }>('PATCH', `/v1/webhooks/${hook.body.id}`, { filter: { any: [] } });
      assert.equal(upd.status, 400);
      assert.equal(upd.body.error.details[0].field, 'body.filter.any');
      assert.deepEqual((await t.api<Hook>('GET', `/v1/webhooks/${hook.body.id}`)).body.filter, BIG);
    });
  });
}
