// Ordered delivery per object (a webhook with `ordering: "per_object"`), end to end with real CRM
// events: 1,000 opportunity updates over 50 opportunities, interleaved, to a receiver that fails
// one opportunity's third update twice. Every opportunity's updates arrive in the order they were
// made (each update sets `amount` to its sequence number), one at a time; the failing one's later
// updates wait while the other 49 finish; once its third succeeds, the rest follow in order.
// On SQLite in one process (whose publishes must not take ordered deliveries on the fast path), and
// on PostgreSQL with the API in this process and two worker processes sharing the queue.
//
// The first retry waits an hour, so that "the others finish first" does not depend on how fast
// this machine is: the test waits for them, checks that the failing object's later updates are
// still queued, unattempted, then retries the failed delivery by hand (POST /v1/deliveries/{id}/retry);
// that second attempt fails too and the automatic retry after it (100 ms) succeeds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verify } from '@salesos/webhooks';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';
import { startService, type Service } from './process-helpers.ts';

const OBJECTS = 50;
const UPDATES = 1000;
const PER_OBJECT = UPDATES / OBJECTS;
/** Which object fails, and which of its updates (1-based sequence numbers: amount = 1..20). */
const FAILING = 7;
const FAILING_SEQ = 3;
const RETRY_ENV = { SALESOS_RETRY_SCHEDULE: '1h,100ms,100ms', SALESOS_DELIVERY_TIMEOUT: '5s' };

interface Arrival {
  object: string;
  seq: number;
  status: number;
}

for (const backend of BACKENDS) {
  describe(`ordered delivery per object on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    const workers: Service[] = [];
    const arrivals: Arrival[] = [];
    let failingId = '';
    let failures = 0;

    before(async () => {
      // On PostgreSQL the API publishes, and two worker processes deliver.
      t = await startApp(backend, RETRY_ENV, { worker: backend === 'sqlite' });
      if (backend === 'postgres') {
        const env = { ...t.env, ...RETRY_ENV, LOG_LEVEL: 'warn' };
        for (let i = 0; i < 2; i++) workers.push(await startService(env, ['--role', 'worker']));
      }
    });
    after(async () => {
      for (const w of workers) await w.kill();
      await rx?.close();
      await t?.close();
    });

    test('1,000 updates over 50 objects arrive in order per object; a failing one holds back only its own object', async () => {
      let secret = '';
      rx = await startReceiver(async (req, _n, res) => {
        // Verified with the SDK, as a receiver would.
        const event = await verify(req.body, req.headers as Record<string, string>, secret);
        const object = (event.data as { object: { id: string; amount: number } }).object;
        const fail = object.id === failingId && object.amount === FAILING_SEQ && failures < 2;
        if (fail) failures++;
        const status = fail ? 500 : 200;
        arrivals.push({ object: object.id, seq: object.amount, status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(fail ? 'not now' : 'ok');
      });
      const account = await t.api<{ id: string }>('POST', '/v1/accounts', { name: 'Ordered Ltd' });
      assert.equal(account.status, 201);
      const ids: string[] = [];
      for (let i = 0; i < OBJECTS; i++) {
        const opp = await t.api<{ id: string }>('POST', '/v1/opportunities', { name: `Deal ${i}`, account_id: account.body.id, amount: 0 });
        assert.equal(opp.status, 201);
        ids.push(opp.body.id);
      }
      failingId = ids[FAILING];
      const hook = await t.api<{ id: string; secret: string; ordering: string }>('POST', '/v1/webhooks', {
        url: rx.url,
        events: ['opportunity.updated'],
        ordering: 'per_object',
      });
      assert.equal(hook.status, 201, JSON.stringify(hook.body));
      assert.equal(hook.body.ordering, 'per_object');
      secret = hook.body.secret;

      // Interleaved: round r updates every object to amount r, the 50 of a round at once; an
      // object's update r+1 is made only after its update r answered.
      for (let seq = 1; seq <= PER_OBJECT; seq++) {
        const answers = await Promise.all(ids.map((id) => t.api('PATCH', `/v1/opportunities/${id}`, { amount: seq })));
        for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
      }

      const ok = (object: string) => arrivals.filter((a) => a.object === object && a.status === 200).map((a) => a.seq);
      const others = ids.filter((id) => id !== failingId);
      await waitFor(() => others.every((id) => ok(id).length === PER_OBJECT), 120_000, 'the other 49 objects’ updates');
      // The failing object: its first two, then its third failed once and waits an hour for its
      // retry; none of its later updates has been attempted.
      await waitFor(
        () => failures === 1 && arrivals.filter((a) => a.object === failingId).length === FAILING_SEQ,
        15_000,
        'the failing object’s first attempts',
      );
      await new Promise((r) => setTimeout(r, 300)); // room for a wrong delivery to show up
      assert.deepEqual(
        arrivals.filter((a) => a.object === failingId).map((a) => [a.seq, a.status]),
        [
          [1, 200],
          [2, 200],
          [3, 500],
        ],
      );
      const log = await t.api<{ data: Array<{ id: string; event_id: string; status: string; attempt_count: number }> }>(
        'GET',
        `/v1/webhooks/${hook.body.id}/deliveries?status=pending&limit=100`,
      );
      assert.equal(log.status, 200);
      assert.equal(log.body.data.length, PER_OBJECT - FAILING_SEQ + 1, 'the failing update and the 17 after it are pending');
      const waiting = log.body.data.filter((d) => d.attempt_count === 0);
      assert.equal(waiting.length, PER_OBJECT - FAILING_SEQ, 'the later ones were never attempted');
      const failed = log.body.data.find((d) => d.attempt_count === 1)!;

      // Retried by hand: fails again, then succeeds on the automatic retry; the rest follow in order.
      assert.equal((await t.api('POST', `/v1/deliveries/${failed.id}/retry`)).status, 202);
      await waitFor(() => ok(failingId).length === PER_OBJECT, 60_000, 'the failing object’s updates');
      assert.equal(failures, 2);

      // Every object: its updates in order, each attempted only after the one before succeeded.
      for (const id of ids) {
        const seen = arrivals.filter((a) => a.object === id);
        let done = 0;
        for (const a of seen) {
          assert.ok(a.seq === done + 1, `${id}: update ${a.seq} arrived after update ${done} succeeded`);
          if (a.status === 200) done = a.seq;
        }
        assert.equal(done, PER_OBJECT);
      }
      // The other 49 finished before the failing object's fourth update went out.
      const firstLate = arrivals.findIndex((a) => a.object === failingId && a.seq === FAILING_SEQ + 1);
      const lastOther = arrivals.map((a, i) => (a.object !== failingId ? i : -1)).reduce((m, i) => Math.max(m, i), -1);
      assert.ok(lastOther < firstLate, 'every other object was done first');
      assert.equal(arrivals.length, UPDATES + 2, 'each update once, and the two failed attempts');
    });
  });
}
