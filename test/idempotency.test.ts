// Idempotency-Key on the creating POSTs (docs/idempotency.md), on both backends: a replay answers
// the first response with Idempotent-Replayed: true and acts once; another body with the same key
// is a 409; keys are per organization and expire after 24 hours; concurrent replays act once and
// answer alike.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, eventData, startApp, type TestApp } from './helpers.ts';

interface Lead {
  id: string;
  last_name: string;
}
interface ErrorAnswer {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

for (const backend of BACKENDS) {
  describe(`idempotency keys on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, {}, { worker: false });
    });
    after(async () => t?.close());

    const key = (name: string) => ({ headers: { 'idempotency-key': `${name}-${backend}-${Date.now()}` } });
    const leads = async (lastName: string, k?: string | null) =>
      (await t.api<{ data: Lead[] }>('GET', '/v1/leads?limit=100', undefined, k === undefined ? {} : { key: k })).body.data.filter(
        (l) => l.last_name === lastName,
      );

    test('a replay answers the first response, says so, and creates nothing', async () => {
      const k = key('lead');
      const first = await t.api<Lead>('POST', '/v1/leads', { last_name: 'Replay' }, k);
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      // Key order does not make another request.
      const again = await t.api<Lead>('POST', '/v1/leads', '{ "last_name" : "Replay" }', k);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      assert.equal((await leads('Replay')).length, 1);
      // Without a key, every POST acts.
      await t.api('POST', '/v1/leads', { last_name: 'Unkeyed' });
      await t.api('POST', '/v1/leads', { last_name: 'Unkeyed' });
      assert.equal((await leads('Unkeyed')).length, 2);
    });

    test('the same key with another body or on another route is a 409 idempotency_conflict that changes nothing', async () => {
      const k = key('clash');
      assert.equal((await t.api('POST', '/v1/leads', { last_name: 'First' }, k)).status, 201);
      for (const [path, body] of [
        ['/v1/leads', { last_name: 'Second' }],
        ['/v1/accounts', { name: 'First' }],
      ] as const) {
        const res = await t.api<ErrorAnswer>('POST', path, body, k);
        assert.equal(res.status, 409, JSON.stringify(res.body));
        assert.equal(res.body.error.code, 'idempotency_conflict');
        assert.equal(res.body.error.details[0].field, 'headers.idempotency-key');
      }
      assert.equal((await leads('Second')).length, 0);
    });

    test('keys are per organization', async () => {
      const k = key('org');
      const other = await t.otherKey();
      const mine = await t.api<Lead>('POST', '/v1/leads', { last_name: 'Tenant' }, k);
      const theirs = await t.api<Lead>('POST', '/v1/leads', { last_name: 'Tenant' }, { ...k, key: other });
      assert.equal(theirs.status, 201);
      assert.equal(theirs.headers.get('idempotent-replayed'), null);
      assert.notEqual(theirs.body.id, mine.body.id);
      assert.equal((await leads('Tenant', other)).length, 1);
    });

    test('a replayed action answers as the first time instead of acting again', async () => {
      const account = (await t.api<{ id: string }>('POST', '/v1/accounts', { name: 'Acme' })).body;
      const opp = (await t.api<{ id: string }>('POST', '/v1/opportunities', { name: 'Deal', account_id: account.id })).body;
      const quote = (
        await t.api<{ id: string }>('POST', '/v1/quotes', { opportunity_id: opp.id, line_items: [{ description: 'x', quantity: 1, unit_amount: 100 }] })
      ).body;
      const k = key('approve');
      const first = await t.api<{ status: string }>('POST', `/v1/quotes/${quote.id}/approve`, undefined, k);
      assert.equal(first.status, 200);
      const again = await t.api<{ status: string }>('POST', `/v1/quotes/${quote.id}/approve`, undefined, k);
      assert.deepEqual([again.status, again.headers.get('idempotent-replayed'), again.body], [200, 'true', first.body]);
      // Without the key, approving twice is the 409 it always was.
      assert.equal((await t.api('POST', `/v1/quotes/${quote.id}/approve`)).status, 409);
      const events = (await t.api<{ data: Array<{ type: string; data: { object: { id: string } } }> }>('GET', '/v1/events?type=quote.approved')).body.data;
      assert.equal(events.filter((e) => e.data.object.id === quote.id).length, 1, 'one quote.approved');
      // A webhook's create answer, secret included, is replayed as it was.
      const hk = key('hook');
      const hook = await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: 'https://example.com/h', events: ['*'] }, hk);
      const hookAgain = await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: 'https://example.com/h', events: ['*'] }, hk);
      assert.deepEqual(hookAgain.body, hook.body);
    });

    test('20 concurrent requests with one key create one object and all answer the same', async () => {
      const k = key('burst');
      const answers = await Promise.all(Array.from({ length: 20 }, () => t.api<Lead>('POST', '/v1/leads', { last_name: 'Burst' }, k)));
      assert.deepEqual(
        answers.map((a) => a.status),
        answers.map(() => 201),
      );
      assert.equal(new Set(answers.map((a) => JSON.stringify(a.body))).size, 1);
      assert.equal(answers.filter((a) => a.headers.get('idempotent-replayed') === null).length, 1, 'one answer is the original');
      assert.equal((await leads('Burst')).length, 1);
    });

    test('a key expires after 24 hours: then it makes a new object', async () => {
      const k = key('expiry');
      const first = await t.api<Lead>('POST', '/v1/leads', { last_name: 'Expiry' }, k);
      await t.app.storage.connection.exec('UPDATE idempotency_keys SET created_at = created_at - ? WHERE idempotency_key = ?', [
        24 * 3_600_000 + 1000,
        k.headers['idempotency-key'],
      ]);
      const later = await t.api<Lead>('POST', '/v1/leads', { last_name: 'Expiry' }, k);
      assert.equal(later.status, 201);
      assert.equal(later.headers.get('idempotent-replayed'), null);
      assert.notEqual(later.body.id, first.body.id);
      assert.equal((await leads('Expiry')).length, 2);
    });

    test("an event's id or Idempotency-Key is held as long as the event, not 24 hours: a late replay still answers the first event", async () => {
      const data = eventData('lead.created');
      const byId = { id: `late-${backend}-${Date.now()}`, type: 'lead.created', data };
      const byHeader = { headers: { 'idempotency-key': `late-header-${backend}-${Date.now()}` } };
      const first = await t.api<{ id: string }>('POST', '/v1/events', byId);
      const firstByHeader = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data }, byHeader);
      assert.deepEqual([first.status, firstByHeader.status], [202, 202]);
      // A day and more later (the events are kept for SALESOS_RETENTION, 30 days by default).
      for (const id of [first.body.id, firstByHeader.body.id]) {
        await t.app.storage.connection.exec('UPDATE events SET created_at = created_at - ? WHERE id = ?', [25 * 3_600_000, id]);
      }
      const late = await t.api<{ id: string }>('POST', '/v1/events', byId);
      const lateByHeader = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data }, byHeader);
      assert.deepEqual([late.status, late.headers.get('idempotent-replayed'), late.body.id], [200, 'true', first.body.id]);
      assert.deepEqual([lateByHeader.status, lateByHeader.headers.get('idempotent-replayed'), lateByHeader.body.id], [200, 'true', firstByHeader.body.id]);
      // …and another event under the same id is still a conflict, not a second event.
      const clash = await t.api<ErrorAnswer>('POST', '/v1/events', { ...byId, data: eventData('lead.created') });
      assert.deepEqual([clash.status, clash.body.error.code], [409, 'idempotency_conflict']);
      const events = (await t.api<{ data: Array<{ id: string; data: { object: { id: string } } }> }>('GET', '/v1/events?type=lead.created&limit=100')).body
        .data;
      assert.deepEqual(
        events
          .filter((e) => e.data.object.id === data.object.id)
          .map((e) => e.id)
          .sort(),
        [first.body.id, firstByHeader.body.id].sort(),
        'two events, no more',
      );
    });

    test('a bad key is a 400; a request refused before it acts keeps no answer', async () => {
      const bad = await t.api<ErrorAnswer>('POST', '/v1/leads', { last_name: 'Bad' }, { headers: { 'idempotency-key': 'x'.repeat(256) } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details[0].field, 'headers.idempotency-key');
      const k = key('invalid');
      assert.equal((await t.api('POST', '/v1/leads', { first_name: 'NoLastName' }, k)).status, 400);
      assert.equal((await t.api('POST', '/v1/leads', { last_name: 'Valid' }, k)).status, 201, 'the refused request took no key');
    });
  });
}
