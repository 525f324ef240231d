// Searching the log across webhooks: GET /v1/deliveries with every filter and GET /v1/events by
// types, time range and CRM object, on both backends, against real receivers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

type Delivery = { id: string; event_id: string; event_type: string; webhook_id: string; status: string };
type Page<T> = { data: T[]; next_cursor: string | null };
type Event = { id: string; type: string; data: { object: { id: string } } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of BACKENDS) {
  describe(`search on ${backend}`, () => {
    let t: TestApp;
    let ok: Receiver;
    let refuses: Receiver;
    let down: Receiver;
    const hooks: Record<'ok' | 'refuses' | 'down', string> = { ok: '', refuses: '', down: '' };
    const early: string[] = [];
    const late: string[] = [];
    let between = '';
    let oppId = '';

    before(async () => {
      t = await startApp(backend);
      ok = await startReceiver();
      refuses = await startReceiver((_r, _n, res) => void res.writeHead(400).end('no'));
      down = await startReceiver();
      await down.close(); // its port now refuses connections: attempts get no answer
      for (const [name, rx, events] of [
        ['ok', ok, ['*']],
        ['refuses', refuses, ['lead.*']],
        ['down', down, ['opportunity.updated']],
      ] as const) {
        const res = await t.api<{ id: string }>('POST', '/v1/webhooks', { url: rx.url, events });
        assert.equal(res.status, 201);
        hooks[name] = res.body.id;
      }
      const publish = async (type: 'lead.created' | 'opportunity.updated', object: Record<string, unknown> = {}) => {
        const res = await t.api<{ id: string }>('POST', '/v1/events', { type, data: eventData(type, object) });
        assert.equal(res.status, 202);
        return res.body.id;
      };
      early.push(await publish('lead.created'), await publish('lead.created'));
      oppId = (eventData('opportunity.updated').object as { id: string }).id;
      early.push(await publish('opportunity.updated', { id: oppId }));
      await sleep(5);
      between = new Date().toISOString();
      await sleep(5);
      late.push(await publish('opportunity.updated', { id: oppId }), await publish('opportunity.updated'), await publish('lead.created'));
      // Every delivery finished: 3 lead events × 2 hooks + 3 opportunity events × 2 hooks.
      await waitFor(
        async () => {
          const all = await t.api<Page<Delivery>>('GET', '/v1/deliveries?limit=100');
          return all.body.data.length === 12 && all.body.data.every((d) => d.status !== 'pending');
        },
        30_000,
        'every delivery finished',
      );
    });
    after(async () => {
      await t?.close();
      await ok?.close();
      await refuses?.close();
    });

    const search = async (query: string) => {
      const res = await t.api<Page<Delivery>>('GET', `/v1/deliveries?${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.data;
    };

    test('the whole log across webhooks, newest first, and each filter narrows it', async () => {
      const all = await search('limit=100');
      assert.equal(all.length, 12);
      assert.deepEqual(
        all.map((d) => d.id),
        all
          .map((d) => d.id)
          .sort()
          .reverse(),
      );
      assert.equal(new Set(all.map((d) => d.webhook_id)).size, 3);

      const failed = await search('status=failed&limit=100');
      assert.equal(failed.length, 6); // 3 lead events to the refusing hook, 3 opportunity events to the one that is down
      assert.ok(failed.every((d) => d.webhook_id !== hooks.ok));
      assert.equal((await search('status=failed&status=succeeded&limit=100')).length, 12);

      assert.ok((await search(`webhook_id=${hooks.refuses}`)).every((d) => d.webhook_id === hooks.refuses));
      const opp = await search('event_type=opportunity.updated&limit=100');
      assert.equal(opp.length, 6);
      assert.equal((await search('event_type=opportunity.updated&event_type=lead.created&limit=100')).length, 12);

      const ofEvent = await search(`event_id=${early[0]}`);
      assert.deepEqual(ofEvent.map((d) => d.webhook_id).sort(), [hooks.ok, hooks.refuses].sort());

      assert.deepEqual(await search(`webhook_id=${hooks.ok}&status=failed`), [], 'filters combine: the healthy hook has no failed delivery');
    });

    test("by the class of the last attempt's answer", async () => {
      const c2 = await search('response_status_class=2xx&limit=100');
      assert.equal(c2.length, 6);
      assert.ok(c2.every((d) => d.webhook_id === hooks.ok && d.status === 'succeeded'));
      const c4 = await search('response_status_class=4xx&limit=100');
      assert.equal(c4.length, 3);
      assert.ok(c4.every((d) => d.webhook_id === hooks.refuses));
      const none = await search('response_status_class=none&limit=100');
      assert.equal(none.length, 3);
      assert.ok(none.every((d) => d.webhook_id === hooks.down));
      assert.deepEqual(await search('response_status_class=5xx'), []);
    });

    test('a time range: since is inclusive, until exclusive', async () => {
      const lateEvents = new Set(late);
      const since = await search(`since=${encodeURIComponent(between)}&limit=100`);
      assert.equal(since.length, 6);
      assert.ok(since.every((d) => lateEvents.has(d.event_id)));
      const until = await search(`until=${encodeURIComponent(between)}&limit=100`);
      assert.equal(until.length, 6);
      assert.ok(until.every((d) => !lateEvents.has(d.event_id)));
      const failedLate = await search(`since=${encodeURIComponent(between)}&status=failed`);
      assert.equal(failedLate.length, 3); // "every failed delivery since …"
    });

    test('pages walk the whole result once, in order', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: Page<Delivery> } = await t.api<Page<Delivery>>(
          'GET',
          `/v1/deliveries?limit=5&status=failed&status=succeeded${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(res.status, 200);
        seen.push(...res.body.data.map((d) => d.id));
        cursor = res.body.next_cursor;
      } while (cursor);
      assert.equal(seen.length, 12);
      assert.equal(new Set(seen).size, 12);
    });

    test('another organization sees none of it; bad searches are a 400 naming the parameter', async () => {
      const other = await t.otherKey();
      const theirs = await t.api<Page<Delivery>>('GET', '/v1/deliveries?limit=100', undefined, { key: other });
      assert.equal(theirs.status, 200);
      assert.deepEqual(theirs.body.data, []);
      const events = await t.api<Page<Event>>(`GET`, `/v1/events?object_id=${oppId}`, undefined, { key: other });
      assert.deepEqual(events.body.data, []);
      for (const [query, field] of [
        ['status=lost', 'querystring.status'],
        ['event_type=lead.exploded', 'querystring.event_type'],
        ['webhook_id=wh_nope', 'querystring.webhook_id'],
        ['response_status_class=6xx', 'querystring.response_status_class'],
        ['since=yesterday', 'querystring.since'],
        ['since=2026-12-02T10:00:00Z&until=2026-12-01T10:00:00Z', 'querystring.until'],
      ]) {
        const res = await t.api<{ error: { code: string; details: Array<{ field: string }> } }>('GET', `/v1/deliveries?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.ok(
          res.body.error.details.some((d) => d.field.startsWith(field)),
          `${query}: ${JSON.stringify(res.body.error.details)}`,
        );
      }
    });

    test('events by several types, a time range and the CRM object they are about', async () => {
      const list = async (query: string) => {
        const res = await t.api<Page<Event>>('GET', `/v1/events?${query}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        // Left out: the operational events the log's failing endpoints brought (webhook.failing, …).
        return res.body.data.filter((e) => !/^(webhook|delivery)\./.test(e.type));
      };
      assert.equal((await list('limit=100')).length, 6);
      assert.equal((await list('type=lead.created')).length, 3);
      assert.equal((await list('type=lead.created&type=opportunity.updated')).length, 6);
      const about = await list(`object_id=${oppId}`);
      assert.deepEqual(
        about.map((e) => e.id),
        [late[0], early[2]],
      );
      assert.ok(about.every((e) => e.data.object.id === oppId));
      assert.deepEqual(
        (await list(`since=${encodeURIComponent(between)}`)).map((e) => e.id),
        [...late].reverse(),
      );
      assert.deepEqual(
        (await list(`until=${encodeURIComponent(between)}&type=lead.created`)).map((e) => e.id),
        [early[1], early[0]],
      );
      assert.deepEqual(await list('object_id=opp_01ZZZZZZZZZZZZZZZZZZZZZZZZ'), []);
    });
  });
}
