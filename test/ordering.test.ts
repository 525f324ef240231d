// Ordered delivery per object (a webhook with `ordering: "per_object"`), end to end with real CRM
// events: 200 opportunity updates over 20 opportunities, interleaved, to a receiver that fails
// one opportunity's third update twice. Every opportunity's updates arrive in the order they were
// made (each update sets `amount` to its sequence number), one at a time; the failing one's later
// updates wait while the other 19 finish; once its third succeeds, the rest follow in order.
// (Ordering is a property of each object's chain, not of the volume: 10 rounds of 20 concurrent
// updates exercise it as 20 rounds of 50 did, in a fifth of the time.)
// On SQLite in one process (whose publishes must not take ordered deliveries on the fast path), and
// on PostgreSQL with the API in this process and two worker processes sharing the queue, where
// one of them is then killed (SIGKILL) mid-burst: its leased deliveries go to the other once their
// leases run out, and every object's updates still arrive in order.
//
// The failing update's first answer is a 503 with `Retry-After: 3600`, so that "the others finish
// first" does not depend on how fast this machine is (retries are otherwise short: an attempt that
// times out on a loaded machine is retried within a second, not an hour). The test waits for the
// others, checks that the failing object's later updates are still queued and unattempted, then
// retries the failed delivery by hand (POST /v1/deliveries/{id}/retry): that second attempt gets a
// 500, and the automatic retry after it succeeds. A delivery may arrive twice (an attempt that
// timed out on the service's side after the receiver had it), never ahead of its turn.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verify } from '@salesos/webhooks';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';
import { startService, type Service } from './process-helpers.ts';

const OBJECTS = 20;
const UPDATES = 200;
const PER_OBJECT = UPDATES / OBJECTS;
/** Which object fails, and which of its updates (1-based sequence numbers: amount = 1..PER_OBJECT). */
const FAILING = 7;
const FAILING_SEQ = 3;
const RETRY_ENV = { SALESOS_RETRY_SCHEDULE: '100ms,500ms,1s,2s,5s,10s,10s,10s', SALESOS_DELIVERY_TIMEOUT: '30s' };

/**
 * Waits until `done()`, for as long as deliveries keep arriving (a loaded machine is slow, not
 * stuck); fails when none arrived for `stallMs`, saying how far it got.
 */
async function untilDone(done: () => boolean, arrivals: readonly unknown[], what: string, explain: () => Promise<string>, stallMs = 30_000): Promise<void> {
  while (!done()) {
    const n = arrivals.length;
    try {
      await waitFor(() => done() || arrivals.length !== n, stallMs, what);
    } catch {
      throw new Error(`${what}: no delivery arrived for ${stallMs / 1000} s, after ${arrivals.length}; ${await explain()}`);
    }
  }
}

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

    test(`${UPDATES} updates over ${OBJECTS} objects arrive in order per object; a failing one holds back only its own object`, async () => {
      let secret = '';
      rx = await startReceiver(async (req, _n, res) => {
        // Verified with the SDK, as a receiver would.
        const event = await verify(req.body, req.headers as Record<string, string>, secret);
        const object = (event.data as { object: { id: string; amount: number } }).object;
        const fail = object.id === failingId && object.amount === FAILING_SEQ && failures < 2;
        // The first time: come back in an hour. The second: an error.
        const status = fail ? (failures++ === 0 ? 503 : 500) : 200;
        arrivals.push({ object: object.id, seq: object.amount, status });
        res.writeHead(status, { 'content-type': 'text/plain', ...(status === 503 ? { 'retry-after': '3600' } : {}) }).end(fail ? 'not now' : 'ok');
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

      // Interleaved: round r updates every object to amount r, the OBJECTS of a round at once; an
      // object's update r+1 is made only after its update r answered.
      for (let seq = 1; seq <= PER_OBJECT; seq++) {
        const answers = await Promise.all(ids.map((id) => t.api('PATCH', `/v1/opportunities/${id}`, { amount: seq })));
        for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
      }

      /** What is pending and why, for a failure message. */
      const explain = async () => {
        const list = await t.api<{ data: Array<{ id: string; attempt_count: number; next_attempt_at: string | null }> }>(
          'GET',
          `/v1/webhooks/${hook.body.id}/deliveries?status=pending&limit=100`,
        );
        const tried = list.body.data.filter((d) => d.attempt_count > 0);
        const details = await Promise.all(
          tried.map(async (d) => {
            const full = await t.api<{ attempts: Array<{ error_class: string | null; response_status: number | null }> }>('GET', `/v1/deliveries/${d.id}`);
            return `${d.id} next ${d.next_attempt_at} attempts ${JSON.stringify(full.body.attempts.map((a) => a.error_class ?? a.response_status))}`;
          }),
        );
        return `${list.body.data.length} pending (${list.body.data.filter((d) => d.next_attempt_at === null).length} leased); attempted: ${details.join('; ')}`;
      };
      /** The updates of an object delivered (answered 200), each once. */
      const ok = (object: string) => [...new Set(arrivals.filter((a) => a.object === object && a.status === 200).map((a) => a.seq))];
      const others = ids.filter((id) => id !== failingId);
      await untilDone(() => others.every((id) => ok(id).length === PER_OBJECT), arrivals, `the other ${others.length} objects’ updates`, explain);
      // The failing object: its first two, then its third failed once and waits an hour for its
      // retry; none of its later updates has been attempted.
      await waitFor(() => failures === 1, 60_000, 'the failing object’s third update');
      await new Promise((r) => setTimeout(r, 300)); // room for a wrong delivery to show up
      const early = arrivals.filter((a) => a.object === failingId);
      assert.deepEqual([...new Set(early.map((a) => a.seq))], [1, 2, FAILING_SEQ], 'nothing after the failing update');
      assert.deepEqual(
        early.filter((a) => a.seq === FAILING_SEQ).map((a) => a.status),
        [503],
      );
      const log = await t.api<{ data: Array<{ id: string; event_id: string; status: string; attempt_count: number }> }>(
        'GET',
        `/v1/webhooks/${hook.body.id}/deliveries?status=pending&limit=100`,
      );
      assert.equal(log.status, 200);
      assert.equal(log.body.data.length, PER_OBJECT - FAILING_SEQ + 1, `the failing update and the ${PER_OBJECT - FAILING_SEQ} after it are pending`);
      const waiting = log.body.data.filter((d) => d.attempt_count === 0);
      assert.equal(waiting.length, PER_OBJECT - FAILING_SEQ, 'the later ones were never attempted');
      const failed = log.body.data.find((d) => d.attempt_count > 0)!;

      // Retried by hand: fails again, then succeeds on the automatic retry; the rest follow in order.
      assert.equal((await t.api('POST', `/v1/deliveries/${failed.id}/retry`)).status, 202);
      await untilDone(() => ok(failingId).length === PER_OBJECT, arrivals, 'the failing object’s updates', explain);
      assert.equal(failures, 2);

      // Every object: its updates in order, each attempted only after the one before succeeded
      // (or again, when the service missed the receiver's answer).
      for (const id of ids) {
        const seen = arrivals.filter((a) => a.object === id);
        let done = 0;
        for (const a of seen) {
          assert.ok(a.seq === done + 1 || a.seq === done, `${id}: update ${a.seq} arrived after update ${done} succeeded`);
          if (a.status === 200) done = a.seq;
        }
        assert.equal(done, PER_OBJECT);
      }
      // The others finished before the failing object's fourth update went out.
      const firstLate = arrivals.findIndex((a) => a.object === failingId && a.seq === FAILING_SEQ + 1);
      const firstOk = new Set<string>();
      let lastOther = -1;
      for (const [i, a] of arrivals.entries()) {
        if (a.object === failingId || a.status !== 200 || firstOk.has(`${a.object}/${a.seq}`)) continue;
        firstOk.add(`${a.object}/${a.seq}`);
        lastOther = i;
      }
      assert.ok(lastOther < firstLate, 'every other object was done first');
      assert.equal(new Set(arrivals.filter((a) => a.status === 200).map((a) => `${a.object}/${a.seq}`)).size, UPDATES, 'every update, delivered');
    });

    if (backend === 'postgres') {
      test('a worker killed mid-burst: every object’s updates still arrive, in order', async () => {
        for (const h of (await t.api<{ data: Array<{ id: string }> }>('GET', '/v1/webhooks?limit=100')).body.data)
          await t.api('DELETE', `/v1/webhooks/${h.id}`);
        const got: Arrival[] = [];
        // A slow answer (100 ms), so that the killed worker has attempts under way.
        const crx = await startReceiver(async (req, _n, res) => {
          const object = (JSON.parse(req.body) as { data: { object: { id: string; amount: number } } }).data.object;
          got.push({ object: object.id, seq: object.amount, status: 200 });
          await new Promise((r) => setTimeout(r, 100));
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        });
        try {
          // A timeout of its own keeps the lease short (2 × 2 s + 5 s): the killed worker's deliveries are taken over within seconds.
          const hook = await t.api<{ id: string }>('POST', '/v1/webhooks', {
            url: crx.url,
            events: ['opportunity.updated'],
            ordering: 'per_object',
            timeout: '2s',
          });
          assert.equal(hook.status, 201, JSON.stringify(hook.body));
          const account = await t.api<{ id: string }>('POST', '/v1/accounts', { name: 'Crash Ltd' });
          const ids: string[] = [];
          for (let i = 0; i < 20; i++)
            ids.push((await t.api<{ id: string }>('POST', '/v1/opportunities', { name: `Crash ${i}`, account_id: account.body.id, amount: 0 })).body.id);
          const killed = (async () => {
            await waitFor(() => got.length >= 40, 120_000, 'the first deliveries');
            await workers[0].kill('SIGKILL');
          })();
          for (let seq = 1; seq <= 10; seq++) {
            const answers = await Promise.all(ids.map((id) => t.api('PATCH', `/v1/opportunities/${id}`, { amount: seq })));
            for (const a of answers) assert.equal(a.status, 200);
          }
          await killed;
          assert.equal(workers[0].proc.signalCode, 'SIGKILL');
          const delivered = () => new Set(got.map((a) => `${a.object}/${a.seq}`)).size;
          await untilDone(
            () => delivered() === 200,
            got,
            'every update after the kill',
            async () => `${delivered()} of 200 delivered`,
            60_000,
          );
          for (const id of ids) {
            let done = 0;
            for (const a of got.filter((x) => x.object === id)) {
              // Again (its outcome died with the worker), or the next: never ahead of its turn.
              assert.ok(a.seq === done + 1 || a.seq === done, `${id}: update ${a.seq} arrived after update ${done}`);
              done = a.seq;
            }
            assert.equal(done, 10);
          }
        } finally {
          await crx.close();
        }
      });
    }
  });
}
