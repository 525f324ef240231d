// The storage port's contract (src/store/ports.ts), tested directly on every backend: what a
// third backend would have to pass (one folder under src/store/ and this suite). Each backend
// runs the same cases on a fresh database (a SQLite directory, a PostgreSQL schema).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newId } from '../../src/ids.ts';
import { DuplicateError } from '../../src/store/errors.ts';
import { openStorage, type OpenedStorage } from '../../src/store/index.ts';
import type { ClaimedWork, DeliveryFilter, EventFilter, NewDelivery, NewEvent, OutcomeRecord, WebhookRecord } from '../../src/store/ports.ts';
import { BACKENDS, PG_URL, uniqueSchema, waitFor } from '../helpers.ts';

const ORG = 'org_01JDX3Q8M7K4T2V9R5Y6Z0CONF';

function webhook(id: string, over: Partial<WebhookRecord> = {}): WebhookRecord {
  const now = Date.now();
  return {
    organization_id: ORG,
    id,
    url: `http://127.0.0.1:9/${id}`,
    description: '',
    events: ['*'],
    enabled: true,
    disabled_reason: null,
    metadata: {},
    failing_since: null,
    last_success_at: null,
    created_at: now,
    updated_at: now,
    retry_schedule: null,
    timeout_ms: null,
    max_in_flight: null,
    rate_limit: null,
    headers: null,
    filter: null,
    ordering: 'none',
    ...over,
  };
}

function event(over: Partial<NewEvent> = {}): NewEvent {
  const id = newId('evt');
  return { organization_id: ORG, id, type: 'lead.created', idempotency_key: null, body: JSON.stringify({ id }), created_at: Date.now(), ...over };
}

function delivery(e: NewEvent, webhookId: string, over: Partial<NewDelivery> = {}): NewDelivery {
  return {
    organization_id: ORG,
    id: newId('dlv'),
    event_id: e.id,
    webhook_id: webhookId,
    event_type: e.type,
    trigger: 'scheduled',
    created_at: e.created_at,
    lease: null,
    ...over,
  };
}

function outcome(w: ClaimedWork, over: Partial<OutcomeRecord> = {}): OutcomeRecord {
  const now = Date.now();
  return {
    work: w,
    attempt: {
      id: newId('att'),
      attempt_number: w.attempt_count + 1,
      trigger: w.next_trigger,
      started_at: now,
      duration_ms: 3,
      request_headers: { 'x-probe': '1' },
      response_status: 200,
      response_headers: { 'content-type': 'text/plain' },
      response_body: 'ok',
      error_class: null,
      error_message: null,
    },
    status: 'succeeded',
    next_attempt_at: null,
    health: null,
    ...over,
  };
}

for (const backend of BACKENDS) {
  describe(`storage port conformance on ${backend}`, () => {
    let s: OpenedStorage;
    let dir: string;
    let schema: string | undefined;
    let hookN = 0;
    /** A new enabled webhook with one secret. */
    const newHook = async (over: Partial<WebhookRecord> = {}) => {
      const id = `wh_${String(++hookN).padStart(26, '0')}`;
      await s.webhooks.create(webhook(id, over), { id: newId('whs'), secret: `whsec_${id}`, created_at: Date.now() });
      return id;
    };
    /** Publishes one event to these webhooks (queued); answers it and its deliveries. */
    const publish = async (hooks: string[], over: Partial<NewEvent> = {}) => {
      const e = event(over);
      const ds = hooks.map((h) => delivery(e, h));
      const stored = await s.outbox.publish([e], ds);
      return { e, ds, stored };
    };
    const status = async (id: string) => (await s.log.get(ORG, id))!;
    /** Claims what is due (others' work, left by earlier cases, is given back at once) and answers this webhook's. */
    const claimFor = async (hook: string, opts: { leaseMs?: number; perWebhook?: number } = {}) => {
      const all = await s.deliveries.claim({ limit: 1000, leaseMs: opts.leaseMs ?? 60_000, perWebhook: opts.perWebhook });
      await s.deliveries.release(all.filter((w) => w.webhook_id !== hook));
      return all.filter((w) => w.webhook_id === hook);
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'salesos-store-'));
      schema = backend === 'postgres' ? uniqueSchema() : undefined;
      s = await openStorage({ databaseUrl: backend === 'postgres' ? PG_URL : null, dataDir: dir, schema });
      assert.ok((await s.migrate()).length > 0, 'a fresh database gets every migration');
    });
    after(async () => {
      if (schema) await s.connection.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('migrations run once: a second run applies nothing', async () => {
      assert.deepEqual(await s.migrate(), []);
      await s.ping();
    });

    test('publish stores events and their deliveries, and skips an event whose idempotency key is taken', async () => {
      const hook = await newHook();
      const first = await publish([hook], { idempotency_key: 'k-1' });
      assert.deepEqual([...first.stored], [first.e.id]);
      // The same key again, and twice in one batch: only the first event of it is stored.
      const again = event({ idempotency_key: 'k-1' });
      const twin1 = event({ idempotency_key: 'k-2' });
      const twin2 = event({ idempotency_key: 'k-2' });
      const stored = await s.outbox.publish([again, twin1, twin2], [delivery(again, hook), delivery(twin1, hook), delivery(twin2, hook)]);
      assert.deepEqual([...stored], [twin1.id]);
      assert.equal((await s.outbox.eventByIdempotencyKey(ORG, 'k-1'))!.id, first.e.id);
      assert.equal((await s.outbox.eventByIdempotencyKey(ORG, 'k-2'))!.id, twin1.id);
      assert.equal(await s.events.get(ORG, again.id), null);
      assert.deepEqual(
        (await s.log.listForEvent(ORG, first.e.id)).map((d) => [d.webhook_id, d.status, d.attempt_count]),
        [[hook, 'pending', 0]],
      );
      assert.deepEqual(await s.log.listForEvent(ORG, again.id), [], 'no delivery of a skipped event');
      assert.equal((await s.events.get(ORG, first.e.id))!.body, first.e.body, 'the body is stored as given');
    });

    test('subscribers are the enabled webhooks, with their live secrets newest first', async () => {
      const on = await newHook();
      const off = await newHook({ enabled: false });
      const gone = await newHook();
      assert.ok(await s.webhooks.delete(ORG, gone, Date.now()));
      const now = Date.now();
      assert.ok(
        await s.webhooks.rotateSecret(ORG, on, { id: newId('whs'), secret: 'whsec_new', created_at: now }, { graceEndsAt: now + 60_000, maxSigning: 3 }),
      );
      const subs = await s.outbox.subscribers(ORG, now);
      const mine = subs.find((h) => h.id === on)!;
      assert.deepEqual(mine.context.secrets, ['whsec_new', `whsec_${on}`]);
      assert.equal(mine.context.url, `http://127.0.0.1:9/${on}`);
      assert.ok(!subs.some((h) => h.id === off || h.id === gone));
      // Once the grace ends, only the new one.
      assert.deepEqual((await s.outbox.subscribers(ORG, now + 60_001)).find((h) => h.id === on)!.context.secrets, ['whsec_new']);
      assert.equal(await s.webhooks.currentSecret(ORG, on), 'whsec_new');
    });

    test("a webhook's delivery settings are stored, changed, and carried to publishes and claims", async () => {
      const settings = {
        retry_schedule: '1s,1s',
        timeout_ms: 5000,
        max_in_flight: 2,
        rate_limit: 7,
        headers: { 'X-Tenant': { value: 'acme', secret: false }, Authorization: { value: 'Bearer x', secret: true } },
        filter: null,
        ordering: 'per_object' as const,
      };
      const hook = await newHook(settings);
      const stored = (await s.webhooks.get(ORG, hook))!;
      assert.deepEqual({ ...stored, created_at: 0, updated_at: 0 }, { ...webhook(hook, settings), created_at: 0, updated_at: 0 });
      const sub = (await s.outbox.subscribers(ORG, Date.now())).find((h) => h.id === hook)!;
      assert.equal(sub.context.rate_limit, 7);
      assert.deepEqual(sub.context.headers, settings.headers);
      await publish([hook]);
      const [work] = await claimFor(hook);
      assert.deepEqual(
        [work.retry_schedule, work.timeout_ms, work.max_in_flight, work.rate_limit, work.headers, work.filter, work.ordering],
        ['1s,1s', 5000, 2, 7, settings.headers, null, 'per_object'],
      );
      await s.deliveries.release([work]);
      await s.webhooks.update(ORG, hook, (w) => ({ ...w, retry_schedule: null, rate_limit: null, headers: null, ordering: 'none' }));
      const [again] = await claimFor(hook);
      assert.deepEqual([again.retry_schedule, again.rate_limit, again.headers, again.ordering, again.timeout_ms], [null, null, null, 'none', 5000]);
      await s.deliveries.release([again]);
    });

    test('a rate bucket starts full (burst), refills at its rate, and answers when the next token is due', async () => {
      const hook = await newHook();
      const t0 = 1_000_000;
      for (let i = 0; i < 3; i++) assert.equal(await s.rates.take(ORG, hook, 3, 3, t0), null, `token ${i + 1} of the burst`);
      const due = await s.rates.take(ORG, hook, 3, 3, t0);
      assert.equal(due, t0 + 334, 'empty: the next token comes in 1/3 s');
      assert.equal(await s.rates.take(ORG, hook, 3, 3, t0 + 333), t0 + 334);
      assert.equal(await s.rates.take(ORG, hook, 3, 3, t0 + 334), null);
      // A long pause refills it to the burst, no more.
      for (let i = 0; i < 3; i++) assert.equal(await s.rates.take(ORG, hook, 3, 3, t0 + 60_000), null);
      assert.notEqual(await s.rates.take(ORG, hook, 3, 3, t0 + 60_000), null);
      // A clock behind the last take adds no tokens.
      assert.notEqual(await s.rates.take(ORG, hook, 3, 3, t0), null);
      // Concurrent takes share one bucket: of 20 at once with 5 in it, 5 win.
      const other = await newHook();
      const got = await Promise.all(Array.from({ length: 20 }, () => s.rates.take(ORG, other, 5, 5, t0)));
      assert.equal(got.filter((g) => g === null).length, 5);
    });

    test('rotations keep at most maxSigning secrets signing, and a grace that ends now ends every older secret', async () => {
      const hook = await newHook();
      const now = Date.now();
      const rotate = (secret: string, at: number, graceEndsAt: number) =>
        s.webhooks.rotateSecret(ORG, hook, { id: newId('whs', at), secret, created_at: at }, { graceEndsAt, maxSigning: 3 });
      for (let i = 1; i <= 4; i++) assert.ok(await rotate(`whsec_r${i}`, now + i, now + 60_000));
      const secrets = async (at: number) => (await s.outbox.subscribers(ORG, at)).find((h) => h.id === hook)!.context.secrets;
      assert.deepEqual(await secrets(now + 5), ['whsec_r4', 'whsec_r3', 'whsec_r2']);
      assert.ok(await rotate('whsec_r5', now + 6, now + 6));
      assert.deepEqual(await secrets(now + 6), ['whsec_r5']);
      assert.equal(await s.webhooks.currentSecret(ORG, hook), 'whsec_r5');
      assert.equal(
        await s.webhooks.rotateSecret(ORG, 'wh_missing', { id: newId('whs'), secret: 'x', created_at: now }, { graceEndsAt: now, maxSigning: 3 }),
        false,
      );
    });

    test('claim leases due deliveries in due order and skips what is leased', async () => {
      const hook = await newHook();
      const a = await publish([hook]);
      const b = await publish([hook]);
      const work = await s.deliveries.claim({ limit: 1000, leaseMs: 60_000 });
      const mine = work.filter((w) => w.webhook_id === hook);
      assert.deepEqual(
        mine.map((w) => w.id),
        [a.ds[0].id, b.ds[0].id],
      );
      assert.equal(mine[0].body, a.e.body);
      assert.equal(mine[0].url, `http://127.0.0.1:9/${hook}`);
      assert.deepEqual(mine[0].secrets, [`whsec_${hook}`]);
      assert.ok(mine[0].lease_until > Date.now() + 50_000);
      assert.equal((await claimFor(hook)).length, 0, 'leased work is not claimed again');
      // Leased work shows no next attempt time to users.
      const d = await status(a.ds[0].id);
      assert.ok(d.lease_token);
      await s.deliveries.release(work);
    });

    test('claim honours the per-webhook bound, the work held here, and the webhooks left out', async () => {
      const one = await newHook();
      const two = await newHook();
      for (let i = 0; i < 4; i++) await publish([one, two]);
      const got = await s.deliveries.claim({ limit: 1000, leaseMs: 60_000, perWebhook: 3, busy: new Map([[one, 2]]), except: [] });
      const count = (h: string) => got.filter((w) => w.webhook_id === h).length;
      assert.equal(count(one), 1, '3 per webhook, 2 already held');
      assert.equal(count(two), 3);
      await s.deliveries.release(got);
      const left = await s.deliveries.claim({ limit: 1000, leaseMs: 60_000, except: [one] });
      assert.equal(left.filter((w) => w.webhook_id === one).length, 0, 'a webhook left out is not claimed');
      assert.equal(left.filter((w) => w.webhook_id === two).length, 4);
      await s.deliveries.release(left);
    });

    test('ordered delivery: a claim skips a later delivery of the same webhook and key while an earlier one is pending or leased', async () => {
      const hook = await newHook();
      const other = await newHook();
      /** One event about `key` to `hook` (and, unordered, to `other`): answers the two deliveries. */
      const about = async (key: string) => {
        const e = event();
        const mine = delivery(e, hook, { ordering_key: key });
        const theirs = delivery(e, other, { ordering_key: key });
        await s.outbox.publish([e], [mine, theirs]);
        return { mine: mine.id, theirs: theirs.id };
      };
      const a1 = await about('opp_a');
      const b1 = await about('opp_b');
      const a2 = await about('opp_a');
      const a3 = await about('opp_a');
      const unordered = await publish([hook]);
      // One of each key at a time: the first of opp_a, of opp_b, of the other webhook's own opp_a; no key, no order.
      let got = await claimFor(hook);
      assert.deepEqual(got.map((w) => w.id).sort(), [a1.mine, b1.mine, unordered.ds[0].id].sort());
      assert.equal(got.find((w) => w.id === a1.mine)!.ordering_key, 'opp_a');
      assert.equal(got.find((w) => w.id === unordered.ds[0].id)!.ordering_key, null);
      assert.deepEqual((await claimFor(other)).map((w) => w.id).sort(), [a1.theirs, b1.theirs].sort(), 'another webhook keeps its own order');
      assert.deepEqual(await claimFor(hook), [], 'opp_a’s first is leased: its second waits');
      // The first fails for now (a retry in an hour): still pending, it holds the rest of opp_a back.
      const w1 = got.find((w) => w.id === a1.mine)!;
      const retry = outcome(w1, { status: 'pending', next_attempt_at: Date.now() + 3_600_000 });
      retry.attempt.error_class = 'http_status';
      retry.attempt.response_status = 500;
      assert.equal(await s.deliveries.complete([retry, ...got.filter((w) => w !== w1).map((w) => outcome(w))]), 3);
      assert.deepEqual(await claimFor(hook), [], 'a retrying delivery holds its object’s later ones back');
      // Made due again (a manual retry) and succeeded: the second goes, and only the second.
      assert.ok('ok' in (await s.log.retry(ORG, a1.mine, Date.now())));
      got = await claimFor(hook);
      assert.deepEqual(
        got.map((w) => w.id),
        [a1.mine],
      );
      assert.equal(await s.deliveries.complete([outcome(got[0])]), 1);
      got = await claimFor(hook);
      assert.deepEqual(
        got.map((w) => w.id),
        [a2.mine],
      );
      // Finally failed: the next goes as well.
      assert.equal(await s.deliveries.complete([outcome(got[0], { status: 'failed' })]), 1);
      got = await claimFor(hook);
      assert.deepEqual(
        got.map((w) => w.id),
        [a3.mine],
      );
      await s.deliveries.release(got);
      got = await claimFor(hook, { leaseMs: 1 });
      assert.deepEqual(
        got.map((w) => w.id),
        [a3.mine],
        'given back, it is due again at once',
      );
      // Its worker died: once the lease ran out it is claimed again, still before anything later of its object.
      const a4 = await about('opp_a');
      await new Promise((r) => setTimeout(r, 20));
      got = await claimFor(hook);
      assert.deepEqual(
        got.map((w) => w.id),
        [a3.mine],
      );
      assert.equal(await s.deliveries.complete([outcome(got[0])]), 1);
      got = await claimFor(hook);
      assert.deepEqual(
        got.map((w) => w.id),
        [a4.mine],
      );
      assert.equal(await s.deliveries.complete([outcome(got[0])]), 1);
      await s.deliveries.release(await claimFor(other));
    });

    test('complete writes an outcome only with the lease it was claimed under, and logs its attempt', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const [w] = await claimFor(hook);
      assert.equal(await s.deliveries.complete([outcome({ ...w, lease_token: 'not-the-lease' })]), 0);
      assert.deepEqual(await s.log.attempts(ORG, ds[0].id), [], 'no attempt logged without the lease');
      assert.equal(await s.deliveries.complete([outcome(w)]), 1);
      const d = await status(ds[0].id);
      assert.deepEqual([d.status, d.attempt_count, d.lease_token], ['succeeded', 1, null]);
      const [att] = await s.log.attempts(ORG, ds[0].id);
      assert.deepEqual([att.attempt_number, att.response_status, att.response_body, att.request_headers], [1, 200, 'ok', { 'x-probe': '1' }]);
      assert.equal(await s.deliveries.complete([outcome(w)]), 0, 'a second outcome under the same lease is dropped');
    });

    test('complete rolls written outcomes up per webhook and minute; stats read them by bucket and in totals; purge drops old minutes', async () => {
      const [a, b] = [await newHook(), await newHook()];
      const minute = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
      for (let i = 0; i < 3; i++) await publish([a, b]);
      const works = [...(await claimFor(a)), ...(await claimFor(b))];
      assert.equal(works.length, 6);
      const at = (w: ClaimedWork, i: number, over: Partial<OutcomeRecord['attempt']> = {}) =>
        outcome(w, { attempt: { ...outcome(w).attempt, started_at: minute + i * 60_000 + 5, ...over } });
      const aw = works.filter((w) => w.webhook_id === a);
      const [b0, b1, b2] = works.filter((w) => w.webhook_id === b);
      const batch = [
        at(aw[0], 0, { duration_ms: 4 }),
        at(aw[1], 0, { duration_ms: 40 }),
        at(aw[2], 1, { duration_ms: 400 }),
        at(b0, 0, { response_status: 503, error_class: 'http_status', duration_ms: 30 }),
        { ...at(b1, 1, { response_status: null, error_class: 'connection_refused', duration_ms: 1 }), status: 'failed' as const },
        // Its lease is not the one held: neither written nor counted.
        at({ ...b2, lease_token: 'not-the-lease' }, 1),
      ];
      batch[3].status = 'pending';
      batch[3].next_attempt_at = Date.now() + 60_000;
      assert.equal(await s.deliveries.complete(batch), 5);
      // A second batch adds to the same minute.
      assert.equal(await s.deliveries.complete([at(b2, 1, { duration_ms: 6 })]), 1);

      const byMinute = await s.stats.buckets(ORG, a, minute, minute + 5 * 60_000, 60_000);
      assert.deepEqual(
        byMinute.map((r) => [r.start - minute, r.delivered, r.outcomes['2xx']]),
        [
          [0, 2, 2],
          [60_000, 1, 1],
        ],
      );
      assert.equal(
        byMinute[0].latency.reduce((x, y) => x + y, 0),
        2,
      );
      const [whole] = await s.stats.buckets(ORG, a, minute, minute + 5 * 60_000, 3_600_000);
      assert.equal(whole.delivered, 3);
      const totals = await s.stats.totals(ORG, [a, b, 'wh_none'], minute, minute + 5 * 60_000);
      assert.equal(totals.size, 2);
      const tb = totals.get(b)!;
      assert.deepEqual([tb.delivered, tb.failed, tb.outcomes['5xx'], tb.outcomes.connection_refused, tb.outcomes['2xx']], [1, 1, 1, 1, 1]);
      assert.equal(
        tb.latency.reduce((x, y) => x + y, 0),
        2,
        'the refused connection has no latency',
      );
      assert.equal((await s.stats.totals('org_other', [a], minute, minute + 5 * 60_000)).size, 0, 'another organization sees none');
      // A minute goes once it ended by the cutoff: the first one here, not the second.
      const counts = await s.deliveries.purge(minute + 60_000 + 30_000);
      assert.ok(counts.rollups >= 2, JSON.stringify(counts));
      assert.deepEqual(
        (await s.stats.buckets(ORG, a, minute, minute + 5 * 60_000, 60_000)).map((r) => r.start - minute),
        [60_000],
      );
    });

    test('concurrent completes whose batches hold the same webhooks in opposite orders all write (rollups upserted in one order)', async () => {
      const hooks: string[] = [];
      for (let i = 0; i < 6; i++) hooks.push(await newHook());
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 8; i++) await publish(hooks);
        const all = await s.deliveries.claim({ limit: 1000, leaseMs: 60_000, perWebhook: 100 });
        await s.deliveries.release(all.filter((w) => !hooks.includes(w.webhook_id)));
        const works = all.filter((w) => hooks.includes(w.webhook_id));
        assert.equal(works.length, 48);
        // Eight batches, each with one delivery of every webhook: half of them in the webhooks'
        // order, half reversed. Rows locked in batch order would deadlock two such writers.
        const batches = Array.from({ length: 8 }, (_, b) => {
          const mine = hooks.map((h) => works.filter((w) => w.webhook_id === h)[b]);
          return (b % 2 ? mine.reverse() : mine).map((w) => outcome(w));
        });
        const written = await Promise.all(batches.map((batch) => s.deliveries.complete(batch)));
        assert.deepEqual(written, Array(8).fill(6));
      }
      const totals = await s.stats.totals(ORG, hooks, Date.now() - 3_600_000, Date.now() + 60_000);
      assert.deepEqual(
        hooks.map((h) => totals.get(h)?.delivered),
        Array(6).fill(24),
      );
    });

    test('search narrows the log by webhook, statuses, types, event, answer class and id range; events by types and object', async () => {
      const [a, b] = [await newHook(), await newHook()];
      const lead = await publish([a, b], { type: 'lead.created', body: JSON.stringify({ data: { object: { id: 'lead_X' } } }) });
      const opp = await publish([a], { type: 'opportunity.won', body: JSON.stringify({ data: { object: { id: 'opp_Y' } } }) });
      const works = [...(await claimFor(a)), ...(await claimFor(b))];
      const byId = (id: string) => works.find((w) => w.id === id)!;
      const refused = outcome(byId(lead.ds[1].id), { status: 'failed' });
      refused.attempt.response_status = 404;
      refused.attempt.error_class = 'http_status';
      const noAnswer = outcome(byId(opp.ds[0].id), { status: 'failed' });
      noAnswer.attempt.response_status = null;
      noAnswer.attempt.error_class = 'connection_refused';
      assert.equal(await s.deliveries.complete([outcome(byId(lead.ds[0].id)), refused, noAnswer]), 3);
      const ids = async (f: Partial<DeliveryFilter>) => (await s.log.search(ORG, { before: '~', limit: 100, from: lead.ds[0].id, ...f })).map((d) => d.id);
      const [la, lb, oa] = [lead.ds[0].id, lead.ds[1].id, opp.ds[0].id];
      assert.deepEqual(await ids({}), [oa, lb, la].sort().reverse(), 'newest first, from the lower bound up');
      assert.deepEqual(await ids({ webhookId: b }), [lb]);
      assert.deepEqual(await ids({ statuses: ['failed'] }), [oa, lb].sort().reverse());
      assert.deepEqual(await ids({ statuses: ['failed', 'succeeded'], eventTypes: ['lead.created'] }), [la, lb].sort().reverse());
      assert.deepEqual(await ids({ eventId: opp.e.id }), [oa]);
      assert.deepEqual(await ids({ responseClass: '2xx' }), [la]);
      assert.deepEqual(await ids({ responseClass: '4xx' }), [lb]);
      assert.deepEqual(await ids({ responseClass: 'none' }), [oa]);
      assert.deepEqual(await ids({ before: oa }), [la, lb].sort().reverse(), 'below the cursor');
      const evs = async (f: Partial<EventFilter>) => (await s.events.list(ORG, { before: '~', limit: 100, from: lead.e.id, ...f })).map((e) => e.id);
      assert.deepEqual(await evs({ types: ['opportunity.won'] }), [opp.e.id]);
      assert.deepEqual(await evs({ objectId: 'lead_X' }), [lead.e.id]);
      assert.deepEqual(await evs({ from: opp.e.id }), [opp.e.id]);
    });

    test('a lease that ran out makes the work due again, and its old holder can no longer complete it', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const [first] = await claimFor(hook, { leaseMs: 1 });
      await new Promise((r) => setTimeout(r, 20));
      const [second] = await claimFor(hook);
      assert.equal(second.id, ds[0].id);
      assert.notEqual(second.lease_token, first.lease_token);
      assert.equal(await s.deliveries.complete([outcome(first)]), 0);
      assert.equal(await s.deliveries.complete([outcome(second)]), 1);
    });

    test('a failed attempt schedules the next one; health changes are written with it', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const [w] = await claimFor(hook);
      const since = Date.now();
      const retryAt = since + 3_600_000;
      const failed = outcome(w, { status: 'pending', next_attempt_at: retryAt, health: { kind: 'failing', since } });
      failed.attempt.error_class = 'http_status';
      failed.attempt.response_status = 500;
      assert.equal(await s.deliveries.complete([failed]), 1);
      const d = await status(ds[0].id);
      assert.deepEqual([d.status, d.attempt_count, d.next_attempt_at], ['pending', 1, retryAt]);
      assert.equal((await s.webhooks.get(ORG, hook))!.failing_since, since);
      // The next due time is the retry's, unless its webhook is left out.
      assert.equal(await s.deliveries.nextDueAt(retryAt - 1, []), retryAt);
      assert.equal(await s.deliveries.nextDueAt(retryAt - 1, [hook]), null);
    });

    test('an outcome that disables its webhook parks the webhook’s waiting deliveries', async () => {
      const hook = await newHook();
      await publish([hook]);
      const waiting = await publish([hook]);
      const [w] = await claimFor(hook, { perWebhook: 1 });
      assert.ok(w);
      const fail = outcome(w, { status: 'failed', health: { kind: 'disable' } });
      fail.attempt.error_class = 'timeout';
      assert.equal(await s.deliveries.complete([fail]), 1);
      const hookNow = (await s.webhooks.get(ORG, hook))!;
      assert.deepEqual([hookNow.enabled, hookNow.disabled_reason], [false, 'failing']);
      const parked = await status(waiting.ds[0].id);
      assert.deepEqual([parked.status, parked.next_attempt_at], ['pending', null]);
      assert.equal((await claimFor(hook)).length, 0);
    });

    test('release makes work due now; park and unpark take a webhook’s waiting work out of the due range and back', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const claimed = await claimFor(hook);
      await s.deliveries.release(claimed);
      const back = await status(ds[0].id);
      assert.equal(back.lease_token, null);
      assert.ok(back.next_attempt_at! <= Date.now());
      await s.deliveries.park(ORG, hook);
      assert.equal((await status(ds[0].id)).next_attempt_at, null);
      assert.equal((await claimFor(hook)).length, 0, 'parked work is not claimed');
      const woke: string[][] = [];
      const stop = s.signals.onWork((about) => woke.push(about));
      try {
        await s.deliveries.unpark(ORG, hook, Date.now());
        await waitFor(() => woke.some((a) => a.length === 0 || a.includes(hook)), 5000, 'a wake-up after unpark');
      } finally {
        stop();
      }
      const again = await claimFor(hook);
      assert.deepEqual(
        again.map((w) => w.id),
        [ds[0].id],
      );
      await s.deliveries.release(again);
    });

    test('work released for a disabled webhook is parked, not due', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const claimed = await claimFor(hook);
      await s.webhooks.update(ORG, hook, (h) => ({ ...h, enabled: false }));
      await s.deliveries.release(claimed);
      assert.equal((await status(ds[0].id)).next_attempt_at, null);
    });

    test('disabling a webhook parks its waiting deliveries, enabling makes them due; deleting cancels them', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const change = await s.webhooks.update(ORG, hook, (h) => ({ ...h, enabled: false, disabled_reason: 'manual' }));
      assert.deepEqual([change!.before.enabled, change!.after.enabled], [true, false]);
      assert.equal((await status(ds[0].id)).next_attempt_at, null);
      await s.webhooks.update(ORG, hook, (h) => ({ ...h, enabled: true, updated_at: Date.now() }));
      assert.ok((await status(ds[0].id)).next_attempt_at !== null);
      assert.equal(await s.webhooks.update(ORG, 'wh_nope', (h) => h), null);
      assert.equal(await s.webhooks.delete(ORG, hook, Date.now()), true);
      assert.equal((await status(ds[0].id)).status, 'canceled');
      assert.equal(await s.webhooks.delete(ORG, hook, Date.now()), false, 'a deleted webhook is not deleted twice');
      assert.equal(await s.webhooks.get(ORG, hook), null);
    });

    test('workers are told of queued deliveries once their publish committed, by webhook', async () => {
      const hook = await newHook();
      const woke: string[][] = [];
      const stop = s.signals.onWork((about) => woke.push(about));
      try {
        await publish([hook]);
        await waitFor(() => woke.some((a) => a.includes(hook)), 5000, `a wake-up naming ${hook}`);
      } finally {
        stop();
      }
    });

    test('a CRM change and what it publishes commit together or not at all', async () => {
      const hook = await newHook();
      const table = { table: 'accounts', fields: { name: 'text', domain: 'text', industry: 'text', website: 'text' }, filters: [] } as const;
      const e = event();
      await assert.rejects(
        s.crm.change(async (tx) => {
          await tx.insert(table, ORG, { id: 'acct_rolledback', name: 'Gone', created_at: 1, updated_at: 1 });
          assert.deepEqual([...(await tx.outbox.publish([e], [delivery(e, hook)]))], [e.id]);
          throw new Error('undo');
        }),
        /undo/,
      );
      assert.equal(await s.crm.find(table, ORG, 'acct_rolledback'), null);
      assert.equal(await s.events.get(ORG, e.id), null);
      const kept = event();
      await s.crm.change(async (tx) => {
        await tx.insert(table, ORG, { id: 'acct_kept', name: 'Kept', created_at: 1, updated_at: 1 });
        await tx.set(table, ORG, 'acct_kept', { industry: 'Tools' }, 2);
        await tx.outbox.publish([kept], [delivery(kept, hook)]);
      });
      assert.deepEqual(
        { ...(await s.crm.find(table, ORG, 'acct_kept')) },
        { id: 'acct_kept', name: 'Kept', domain: null, industry: 'Tools', website: null, created_at: 1, updated_at: 2 },
      );
      assert.equal((await s.log.listForEvent(ORG, kept.id)).length, 1);
    });

    test('a manual retry is refused while one is under way, for a canceled delivery, and for an unknown one', async () => {
      const hook = await newHook();
      const { ds } = await publish([hook]);
      const claimed = await claimFor(hook);
      assert.deepEqual(await s.log.retry(ORG, ds[0].id, Date.now()), { refused: 'in_progress' });
      assert.equal(await s.deliveries.complete(claimed.map((w) => outcome(w, { status: 'failed' }))), 1);
      const ok = await s.log.retry(ORG, ds[0].id, Date.now());
      assert.ok('ok' in ok && ok.ok.status === 'pending');
      assert.deepEqual(await s.log.retry(ORG, ds[0].id, Date.now()), { refused: 'in_progress' }, 'one manual attempt queued at a time');
      assert.deepEqual(await s.log.retry(ORG, 'dlv_unknown', Date.now()), { refused: 'not_found' });
      await s.webhooks.delete(ORG, hook, Date.now());
      assert.deepEqual(await s.log.retry(ORG, ds[0].id, Date.now()), { refused: 'canceled' });
    });

    test('a key is stored once, with its scopes: the second store of the same hash is a DuplicateError', async () => {
      const scopes = ['webhooks:read', 'events:write'];
      const key = {
        organization_id: '',
        id: newId('key'),
        name: 'k',
        prefix: 'sos_abcd',
        scopes,
        created_at: Date.now(),
        last_used_at: null,
        revoked_at: null,
      };
      const made = await s.keys.createKey('conformance', newId('org'), key, 'hash-1');
      assert.equal(made.organizationCreated, true);
      assert.deepEqual(await s.keys.liveKeyByHash('hash-1'), { organization_id: made.organizationId, id: key.id, scopes });
      assert.deepEqual(
        (await s.keys.listKeys(made.organizationId)).map((k) => k.scopes),
        [scopes],
      );
      await assert.rejects(s.keys.createKey('conformance', newId('org'), { ...key, id: newId('key') }, 'hash-1'), DuplicateError);
      assert.equal(await s.keys.revokeKey(made.organizationId, key.id, Date.now()), true);
      assert.equal(await s.keys.liveKeyByHash('hash-1'), null);
      assert.equal(await s.keys.isLive(made.organizationId, key.id), false);
    });

    test('a key counts as shown once marked; until then no key was ever shown', async () => {
      const shownBefore = await s.keys.hasShownKey();
      const key = {
        organization_id: '',
        id: newId('key'),
        name: 'k',
        prefix: 'sos_show',
        scopes: ['*'],
        created_at: Date.now(),
        last_used_at: null,
        revoked_at: null,
      };
      await s.keys.createKey('conformance-shown', newId('org'), key, 'hash-shown');
      assert.equal(await s.keys.hasShownKey(), shownBefore, 'a stored key is not shown yet');
      await s.keys.markShown(key.id, Date.now());
      assert.equal(await s.keys.hasShownKey(), true);
    });

    test('worker heartbeats: a beat makes a worker alive until its beat is older than asked; removed, it is gone', async () => {
      const now = Date.now();
      await s.workers.beat('w-1', now - 60_000, now - 30_000);
      await s.workers.beat('w-2', now - 60_000, now - 30_000);
      assert.equal(await s.workers.aliveSince(now - 10_000), 0, 'their beats are too old');
      await s.workers.beat('w-1', now - 60_000, now);
      assert.equal(await s.workers.aliveSince(now - 10_000), 1);
      assert.equal(await s.workers.aliveSince(now - 60_000), 2);
      await s.workers.remove('w-1');
      await s.workers.remove('w-2');
      assert.equal(await s.workers.aliveSince(0), 0);
    });

    test('background tasks: one claimer at a time under a lease, chunks move the cursor only under it, a lapsed lease passes the task on', async () => {
      const hook = await newHook({ events: ['lead.created'] });
      const start = Date.now() - 1000;
      const olderEvent = await publish([]);
      const task = (kind: 'recover' | 'replay') => {
        const now = Date.now();
        return {
          organization_id: ORG,
          id: newId('task', now),
          webhook_id: hook,
          kind,
          status: 'queued' as const,
          window_start: start,
          window_end: now + 1,
          only_missing: false,
          total: null,
          done: 0,
          queued: 0,
          last_id: null,
          error: null,
          created_at: now,
          started_at: null,
          finished_at: null,
          updated_at: now,
        };
      };
      const replay = task('replay');
      await s.tasks.create(replay);
      const now = Date.now();
      // Of claims at once, one wins; the task is running, leased.
      const claims = await Promise.all(Array.from({ length: 4 }, (_, i) => s.tasks.claim(`token-${i}`, now, now + 60_000)));
      const held = claims.filter((c) => c !== null);
      assert.equal(held.length, 1);
      const mine = held[0]!;
      assert.equal(mine.id, replay.id);
      assert.equal(mine.status, 'running');
      assert.equal(await s.tasks.claim('token-late', now, now + 60_000), null, 'nothing else is free');
      assert.ok((await s.tasks.countEvents(ORG, ['lead.created'], 'evt_', '~')) >= 1);
      assert.equal(await s.tasks.countEvents(ORG, [], 'evt_', '~'), 0);
      assert.ok(await s.tasks.renew(mine, now, now + 60_000, 1));

      // A chunk under a lease that is not the task's writes nothing.
      const e = olderEvent.e;
      const d = delivery(e, hook, { trigger: 'replay' });
      assert.equal(await s.tasks.replayStep({ ...mine, lease_token: 'not-mine' }, [d], { last_id: e.id, done: 1, now, leaseUntil: now + 60_000 }), 'lost');
      assert.equal(await s.log.get(ORG, d.id), null);
      assert.equal(await s.tasks.replayStep(mine, [d], { last_id: e.id, done: 1, now, leaseUntil: now + 60_000 }), 'ok');
      assert.equal((await status(d.id)).status, 'pending');
      let stored = (await s.tasks.get(ORG, replay.id))!;
      assert.deepEqual([stored.last_id, stored.done, stored.queued, stored.total], [e.id, 1, 1, 1]);
      assert.equal(await s.tasks.waiting(ORG, [d.id]), 1, 'queued for its replay attempt');
      // Only events without a succeeded delivery to the webhook: this one has none yet.
      const missing = await s.tasks.eventsAfter(ORG, { types: ['lead.created'], fromId: e.id, afterId: null, toId: '~', limit: 10, missingFor: hook });
      assert.ok(missing.some((x) => x.id === e.id));
      await s.deliveries.complete((await claimFor(hook)).map((w) => outcome(w)));
      assert.deepEqual(
        (await s.tasks.eventsAfter(ORG, { types: ['lead.created'], fromId: e.id, afterId: null, toId: '~', limit: 10, missingFor: hook })).filter(
          (x) => x.id === e.id,
        ),
        [],
        'delivered: no longer missing',
      );

      // Its lease lapses (its worker died): another claimer takes it, with its cursor; the old holder can write no more.
      const later = now + 120_000;
      const next = (await s.tasks.claim('token-next', later, later + 60_000))!;
      assert.equal(next.id, replay.id);
      assert.equal(next.last_id, e.id);
      assert.equal(next.done, 1);
      assert.equal(await s.tasks.renew(mine, later, later + 60_000), false);
      assert.equal(await s.tasks.finish(mine, 'succeeded', null, later), false);
      assert.ok(await s.tasks.finish(next, 'succeeded', null, later));
      stored = (await s.tasks.get(ORG, replay.id))!;
      assert.equal(stored.status, 'succeeded');
      assert.equal(stored.total, stored.done);
      assert.equal(stored.finished_at, later);
      assert.equal(await s.tasks.claim('token-after', later, later + 60_000), null, 'a finished task is not claimed again');

      // Recover: the window's failed deliveries, after the cursor, due now for a manual attempt.
      const {
        ds: [failed],
      } = await publish([hook]);
      const [w] = await claimFor(hook);
      assert.equal(w.id, failed.id);
      await s.deliveries.complete([outcome(w, { status: 'failed', next_attempt_at: null })]);
      assert.equal((await status(failed.id)).status, 'failed');
      const recover = task('recover');
      await s.tasks.create(recover);
      const r = (await s.tasks.claim('token-r', Date.now(), Date.now() + 60_000))!;
      assert.equal(r.id, recover.id);
      const step = await s.tasks.recoverStep(r, 10, { now: Date.now(), leaseUntil: Date.now() + 60_000 });
      assert.deepEqual(step, { ids: [failed.id], finished: true });
      assert.equal((await status(failed.id)).status, 'pending');
      assert.equal((await s.tasks.get(ORG, recover.id))!.queued, 1);
      assert.deepEqual(
        await s.tasks.recoverStep(r, 10, { now: Date.now(), leaseUntil: Date.now() + 60_000 }),
        { ids: [], finished: true },
        'the cursor is past it',
      );
      const listed = await s.tasks.listForWebhook(ORG, hook, { before: '~', limit: 10 });
      assert.deepEqual(
        listed.map((x) => x.id),
        [recover.id, replay.id],
      );
      // A deleted webhook: the chunk writes nothing and says so.
      await s.webhooks.delete(ORG, hook, Date.now());
      assert.equal(await s.tasks.recoverStep(r, 10, { now: Date.now(), leaseUntil: Date.now() + 60_000 }), 'gone');
      assert.ok(await s.tasks.finish(r, 'failed', 'The webhook was deleted', Date.now()));
      assert.equal((await s.tasks.get(ORG, recover.id))!.error, 'The webhook was deleted');
    });

    test('lost() is null while the database is the one opened', () => {
      assert.equal(s.lost(), null);
    });

    test('purge deletes old events with their finished deliveries and attempts, and keeps what is pending', async () => {
      const hook = await newHook();
      const old = Date.now() - 10 * 86_400_000;
      const done = await publish([hook], { created_at: old });
      const [w] = (await claimFor(hook)).filter((x) => x.event_id === done.e.id);
      await s.deliveries.complete([outcome(w)]);
      const waiting = event({ created_at: old });
      await s.outbox.publish([waiting], [delivery(waiting, hook, { created_at: old })]);
      await s.deliveries.park(ORG, hook);
      const counts = await s.deliveries.purge(Date.now() - 86_400_000);
      assert.ok(counts.events >= 1 && counts.deliveries >= 1 && counts.attempts >= 1, JSON.stringify(counts));
      assert.equal(await s.events.get(ORG, done.e.id), null);
      assert.equal(await s.log.get(ORG, done.ds[0].id), null);
      assert.ok(await s.events.get(ORG, waiting.id), 'an event with a pending delivery stays');
    });

    test('an idempotency key is taken once, holds its answer, and is free again once expired, stale or released', async () => {
      const free = (now: number) => ({ createdBefore: now - 1000, lockedBefore: now - 100 });
      const t0 = Date.now();
      // Concurrent takers of one key: exactly one gets it.
      const takers = await Promise.all(Array.from({ length: 10 }, () => s.idempotency.begin(ORG, 'k1', 'fp-a', t0, free(t0))));
      assert.equal(takers.filter((b) => b.started).length, 1);
      const waiting = takers.find((b) => !b.started);
      assert.deepEqual(waiting && !waiting.started && [waiting.record.fingerprint, waiting.record.status], ['fp-a', null], 'in flight');
      // Another organization's key of the same name is its own.
      assert.deepEqual(await s.idempotency.begin('org_other', 'k1', 'fp-b', t0, free(t0)), { started: true });
      // The answer is stored by the holder only, and then returned to whoever asks.
      await s.idempotency.finish(ORG, 'k1', 'fp-other', 500, 'no');
      await s.idempotency.finish(ORG, 'k1', 'fp-a', 201, '{"id":1}');
      const answered = await s.idempotency.begin(ORG, 'k1', 'fp-c', t0 + 10, free(t0 + 10));
      assert.ok(!answered.started);
      assert.deepEqual([answered.record.fingerprint, answered.record.status, answered.record.response], ['fp-a', 201, '{"id":1}']);
      // Expired (created before createdBefore): taken over by a new request.
      assert.deepEqual(await s.idempotency.begin(ORG, 'k1', 'fp-d', t0 + 2000, free(t0 + 2000)), { started: true });
      assert.equal((await s.idempotency.get(ORG, 'k1'))?.fingerprint, 'fp-d');
      // In flight past lockedBefore (its request died): taken over; released: free at once.
      await s.idempotency.begin(ORG, 'k2', 'fp-a', t0, free(t0));
      assert.deepEqual(await s.idempotency.begin(ORG, 'k2', 'fp-b', t0 + 200, free(t0 + 200)), { started: true });
      await s.idempotency.release(ORG, 'k2', 'fp-b');
      assert.equal(await s.idempotency.get(ORG, 'k2'), null);
      // Purge deletes what was created before the cutoff.
      assert.equal(await s.idempotency.purge(t0 + 1), 1, 'org_other k1');
      assert.ok(await s.idempotency.get(ORG, 'k1'));
    });

    test('a rate-limit window hands out at most its limit, however many take from it at once, and starts again once it ended', async () => {
      const w = Date.now();
      const take = (bucket: string, now: number, amount: number, limit: number) => s.rateLimits.take(bucket, now, 1000, amount, limit);
      // 30 concurrent takers of slices of 3 from a limit of 20: 20 in all, the last slice cut short.
      const grants = await Promise.all(Array.from({ length: 30 }, (_, i) => take('b1', w + (i % 3), 3, 20)));
      assert.equal(
        grants.reduce((a, g) => a + g.granted, 0),
        20,
      );
      assert.ok(grants.every((g) => g.granted >= 0 && g.granted <= 3 && g.windowStart === grants[0].windowStart));
      assert.ok(grants[0].windowStart >= w && grants[0].windowStart <= w + 2, 'the window starts at its first take');
      const start = grants[0].windowStart;
      assert.deepEqual(await take('b1', start + 999, 1, 20), { granted: 0, windowStart: start }, 'used up until the window ends');
      // A lower limit than what was taken gives nothing (never a negative grant).
      assert.equal((await take('b1', start + 500, 1, 5)).granted, 0);
      // Once it ended, a new window starts at that take; another bucket has its own.
      assert.deepEqual(await take('b1', start + 1000, 3, 20), { granted: 3, windowStart: start + 1000 });
      assert.deepEqual(await take('b2', w, 50, 20), { granted: 20, windowStart: w });
      assert.equal(await s.rateLimits.purge(w + 3), 1, 'b2');
      assert.equal((await take('b1', start + 1500, 20, 20)).granted, 17, 'b1 stays');
    });

    test('a dashboard session is found by its hash, keeps its flash and last-seen time, and is gone once deleted or purged', async () => {
      const now = Date.now();
      const record = (id_hash: string, at: number) => ({
        id_hash,
        organization_id: ORG,
        key_id: 'key_1',
        organization_name: 'acme',
        key_prefix: 'sos_abcd',
        csrf: 'csrf-token',
        flash: null,
        created_at: at,
        seen_at: at,
      });
      await s.sessions.create(record('h1', now));
      await s.sessions.create(record('h-old', now - 10_000));
      await assert.rejects(s.sessions.create(record('h1', now)), DuplicateError);
      assert.deepEqual(await s.sessions.get('h1'), { ...record('h1', now), scopes: [] }, 'no such key: no scopes');
      await s.sessions.save('h1', now + 5, '{"kind":"success","message":"saved"}');
      assert.deepEqual(await s.sessions.get('h1'), { ...record('h1', now), scopes: [], seen_at: now + 5, flash: '{"kind":"success","message":"saved"}' });
      assert.equal(await s.sessions.purge(now - 1, now - 60_000), 1, 'last seen too long ago');
      assert.equal(await s.sessions.get('h-old'), null);
      await s.sessions.delete('h1');
      assert.equal(await s.sessions.get('h1'), null);
    });
  });
}
