// Endpoint health (GET /v1/webhooks/{id}/stats): on both backends, deliveries to real receivers
// that answer 200, answer 500, never answer (timeout) and refuse connections give the right
// counts per outcome and status, success rate, bucket placement and latency percentiles (within
// the histogram's precision, checked against the attempts' logged durations); scopes, another
// organization's webhook, bad parameters. And the in-memory rollup of an outcome batch.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { percentile, statsRange } from '../src/delivery/stats.ts';
import { newId } from '../src/ids.ts';
import { ATTEMPT_OUTCOMES, LATENCY_BOUNDS_MS, attemptOutcome, latencyBucket, timesEndpoint, type AttemptOutcome } from '../src/model.ts';
import type { OutcomeRecord } from '../src/store/ports.ts';
import { COUNT_COLUMNS, rollUp } from '../src/store/sql/stats.ts';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

type Figures = {
  delivered: number;
  failed: number;
  attempts: number;
  attempts_by_outcome: Record<AttemptOutcome, number>;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
};
type Stats = {
  webhook_id: string;
  since: string;
  until: string;
  bucket: string;
  buckets: Array<Figures & { start: string }>;
  totals: Figures;
  success_rate: number | null;
};
type Attempt = { started_at: string; duration_ms: number; response_status: number | null; error_class: string | null };
type Delivery = { id: string; status: string; attempts: Attempt[] };

const MINUTE = 60_000;

/** The bucket range [low, high] of the histogram that holds `ms`. */
function bucketRange(ms: number): [number, number] {
  const i = latencyBucket(ms);
  return [i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1], i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : Infinity];
}

/** The p-quantile of durations as the stats define it: the ceil(p·n)-th smallest. */
function truePercentile(durations: number[], p: number): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

describe('endpoint health: the parts', () => {
  test('an attempt’s outcome is its answer’s class or its error class', () => {
    assert.equal(attemptOutcome({ response_status: 204, error_class: null }), '2xx');
    assert.equal(attemptOutcome({ response_status: 404, error_class: 'http_status' }), '4xx');
    assert.equal(attemptOutcome({ response_status: 503, error_class: 'http_status' }), '5xx');
    assert.equal(attemptOutcome({ response_status: null, error_class: 'timeout' }), 'timeout');
    assert.equal(attemptOutcome({ response_status: 429, error_class: 'throttled' }), 'throttled');
    assert.ok(!ATTEMPT_OUTCOMES.includes('http_status' as AttemptOutcome));
  });

  test('the rollup table has a column for every outcome and latency bucket (migration 0013)', () => {
    const sql = readFileSync(new URL('../src/store/migrations/0013_webhook_stats.sql', import.meta.url), 'utf8');
    for (const c of COUNT_COLUMNS) assert.match(sql, new RegExp(`^  ${c} integer NOT NULL DEFAULT 0,$`, 'm'), `column ${c}`);
    assert.equal(COUNT_COLUMNS.length, 2 + ATTEMPT_OUTCOMES.length + LATENCY_BOUNDS_MS.length + 1);
  });

  test('a batch of many webhooks rolls up into one row per webhook and minute, summed', () => {
    const base = Date.UTC(2026, 11, 3, 12, 0, 0);
    const outcomes: OutcomeRecord[] = [];
    const expected = new Map<string, { delivered: number; failed: number; n: Record<string, number>; timed: number }>();
    // 50 webhooks of two organizations, 3 minutes, 4 outcomes each minute.
    const kinds: Array<[number | null, OutcomeRecord['attempt']['error_class'], OutcomeRecord['status'], number]> = [
      [200, null, 'succeeded', 4],
      [500, 'http_status', 'pending', 40],
      [500, 'http_status', 'failed', 90],
      [null, 'connection_refused', 'failed', 1],
    ];
    for (let h = 0; h < 50; h++) {
      const org = h % 2 ? 'org_A' : 'org_B';
      const hook = `wh_${h}`;
      for (let m = 0; m < 3; m++) {
        for (const [status, error, deliveryStatus, ms] of kinds) {
          const started = base + m * MINUTE + 1000 * (h % 60);
          outcomes.push({
            work: { organization_id: org, webhook_id: hook, id: newId('dlv') } as OutcomeRecord['work'],
            attempt: { started_at: started, duration_ms: ms, response_status: status, error_class: error } as OutcomeRecord['attempt'],
            status: deliveryStatus,
            next_attempt_at: null,
            health: null,
          });
          const key = `${org}/${hook}/${base + m * MINUTE}`;
          const e = expected.get(key) ?? { delivered: 0, failed: 0, n: {}, timed: 0 };
          if (deliveryStatus === 'succeeded') e.delivered++;
          if (deliveryStatus === 'failed') e.failed++;
          const o = attemptOutcome({ response_status: status, error_class: error });
          e.n[o] = (e.n[o] ?? 0) + 1;
          if (timesEndpoint(o)) e.timed++;
          expected.set(key, e);
        }
      }
    }
    // Shuffled: the order of a batch does not matter.
    outcomes.sort(() => Math.random() - 0.5);
    const rows = rollUp(outcomes);
    assert.equal(rows.length, 150, 'one row per webhook and minute');
    for (const r of rows) {
      const e = expected.get(`${r.organization_id}/${r.webhook_id}/${r.minute}`);
      assert.ok(e, `${r.webhook_id} ${r.minute}`);
      assert.equal(r.delivered, e.delivered);
      assert.equal(r.failed, e.failed);
      for (const o of ATTEMPT_OUTCOMES) assert.equal(r.outcomes[o], e.n[o] ?? 0, o);
      assert.equal(
        r.latency.reduce((a, b) => a + b, 0),
        e.timed,
        'latency counts attempts that got an answer',
      );
      assert.equal(r.latency[latencyBucket(4)], 1);
      assert.equal(r.latency[latencyBucket(40)], 1);
      assert.equal(r.latency[latencyBucket(90)], 1);
    }
  });

  test('percentiles from a histogram lie in the true value’s bucket', () => {
    const durations = [2, 3, 3, 7, 10, 11, 45, 47, 300, 1200, 1250, 29000];
    const h = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
    for (const d of durations) h[latencyBucket(d)]++;
    for (const p of [0.5, 0.95, 0.99, 0.01]) {
      const [low, high] = bucketRange(truePercentile(durations, p));
      const got = percentile(h, p)!;
      assert.ok(got >= low && got <= high, `p${p * 100}: ${got} not in [${low}, ${high}]`);
    }
    assert.equal(percentile(new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0), 0.5), null);
  });

  test('a range defaults to the last 24 h in buckets of 1 h; a bad one is refused', () => {
    const now = Date.UTC(2026, 11, 3, 12, 30, 10);
    assert.deepEqual(statsRange({}, now), { since: now - 10_000 - 24 * 60 * MINUTE, until: now, bucket: '1h' });
    assert.equal(statsRange({ since: new Date(now - 30 * MINUTE).toISOString() }, now).bucket, '1m');
    assert.throws(() => statsRange({ since: new Date(now).toISOString(), until: new Date(now - MINUTE).toISOString() }, now), /after since/);
    assert.throws(() => statsRange({ since: new Date(now - 30 * 24 * 60 * MINUTE).toISOString(), bucket: '1m' }, now), /more than 1440 buckets/);
  });
});

for (const backend of BACKENDS) {
  describe(`endpoint health on ${backend}`, () => {
    let t: TestApp;
    const rx: Record<string, Receiver> = {};
    const hooks: Record<'ok' | 'error' | 'slow' | 'down', string> = { ok: '', error: '', slow: '', down: '' };
    let startedAt = 0;

    before(async () => {
      t = await startApp(backend);
      rx.ok = await startReceiver();
      rx.error = await startReceiver((_r, _n, res) => void res.writeHead(500).end('boom'));
      rx.slow = await startReceiver(() => {}); // never answers: every attempt times out
      rx.down = await startReceiver();
      await rx.down.close(); // its port refuses connections
      for (const name of ['ok', 'error', 'slow', 'down'] as const) {
        // Two attempts per delivery (one retry): failures finish quickly. Only the endpoint that
        // never answers has a short timeout (on a loaded machine a 1 s limit could cut the others).
        const res = await t.api<{ id: string }>('POST', '/v1/webhooks', {
          url: rx[name].url,
          events: ['lead.created'],
          retry_schedule: '100ms',
          timeout: name === 'slow' ? '1s' : '10s',
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        hooks[name] = res.body.id;
      }
      startedAt = Date.now();
      for (let i = 0; i < 3; i++) {
        const res = await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
        assert.equal(res.status, 202);
      }
      await waitFor(
        async () => {
          const all = await t.api<{ data: Array<{ status: string }> }>('GET', '/v1/deliveries?limit=100');
          return all.body.data.length === 12 && all.body.data.every((d) => d.status !== 'pending');
        },
        30_000,
        'every delivery finished',
      );
    });
    after(async () => {
      await t?.close();
      for (const r of Object.values(rx)) await r.close();
    });

    const stats = async (hook: string, query = '') => {
      const res = await t.api<Stats>('GET', `/v1/webhooks/${hook}/stats${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    /** Every attempt of a webhook's deliveries, from the log. */
    const attemptsOf = async (hook: string) => {
      const page = await t.api<{ data: Array<{ id: string }> }>('GET', `/v1/webhooks/${hook}/deliveries?limit=100`);
      const out: Attempt[] = [];
      for (const d of page.body.data) out.push(...(await t.api<Delivery>('GET', `/v1/deliveries/${d.id}`)).body.attempts);
      return out;
    };
    const only = (counts: Partial<Record<AttemptOutcome, number>>) => Object.fromEntries(ATTEMPT_OUTCOMES.map((o) => [o, counts[o] ?? 0]));

    test('counts per status and outcome, and the success rate, for each kind of endpoint', async () => {
      // Every figure agrees with the attempts log.
      for (const name of ['ok', 'error', 'slow', 'down'] as const) {
        const s = await stats(hooks[name]);
        const logged = await attemptsOf(hooks[name]);
        const byOutcome = only({});
        for (const a of logged) byOutcome[attemptOutcome(a as Parameters<typeof attemptOutcome>[0])]++;
        assert.deepEqual(s.totals.attempts_by_outcome, byOutcome, name);
        assert.equal(s.totals.attempts, logged.length, name);
        assert.equal(s.success_rate, Math.round((byOutcome['2xx'] / logged.length) * 10_000) / 10_000, name);
      }
      const ok = await stats(hooks.ok);
      assert.deepEqual([ok.totals.delivered, ok.totals.failed, ok.totals.attempts], [3, 0, 3]);
      assert.deepEqual(ok.totals.attempts_by_outcome, only({ '2xx': 3 }));
      assert.equal(ok.success_rate, 1);

      const error = await stats(hooks.error);
      assert.deepEqual([error.totals.delivered, error.totals.failed, error.totals.attempts], [0, 3, 6]);
      assert.deepEqual(error.totals.attempts_by_outcome, only({ '5xx': 6 }));
      assert.equal(error.success_rate, 0);

      const slow = await stats(hooks.slow);
      assert.deepEqual([slow.totals.delivered, slow.totals.failed], [0, 3]);
      assert.deepEqual(slow.totals.attempts_by_outcome, only({ timeout: 6 }));
      assert.equal(slow.success_rate, 0);

      const down = await stats(hooks.down);
      assert.deepEqual([down.totals.delivered, down.totals.failed], [0, 3]);
      assert.deepEqual(down.totals.attempts_by_outcome, only({ connection_refused: 6 }));
      assert.equal(down.success_rate, 0);
      assert.equal(down.totals.latency_p50_ms, null, 'a refused connection says nothing of how fast the endpoint answers');
    });

    test('p50/p95 lie in the histogram bucket of the logged durations’ true percentiles', async () => {
      for (const name of ['ok', 'error', 'slow'] as const) {
        const s = await stats(hooks[name]);
        const durations = (await attemptsOf(hooks[name])).map((a) => a.duration_ms);
        assert.equal(durations.length, s.totals.attempts);
        for (const [p, got] of [
          [0.5, s.totals.latency_p50_ms],
          [0.95, s.totals.latency_p95_ms],
        ] as const) {
          const [low, high] = bucketRange(truePercentile(durations, p));
          assert.ok(got !== null && got >= low && got <= high, `${name} p${p * 100}: ${got} not in [${low}, ${high}] (${durations.join(',')})`);
        }
      }
      const slow = await stats(hooks.slow);
      assert.ok(slow.totals.latency_p50_ms! >= 800 && slow.totals.latency_p50_ms! <= 2000, `a 1 s timeout: ${slow.totals.latency_p50_ms}`);
    });

    test('attempts land in the bucket of the minute they started in; every bucket of the range is listed', async () => {
      const since = new Date(Math.floor((startedAt - 5 * MINUTE) / MINUTE) * MINUTE).toISOString();
      const until = new Date(Date.now() + MINUTE).toISOString();
      const s = await stats(hooks.error, `?since=${since}&until=${until}&bucket=1m`);
      assert.equal(s.bucket, '1m');
      assert.equal(s.since, since);
      const expected = new Map<string, number>();
      for (const a of await attemptsOf(hooks.error)) {
        const start = new Date(Math.floor(Date.parse(a.started_at) / MINUTE) * MINUTE).toISOString();
        expected.set(start, (expected.get(start) ?? 0) + 1);
      }
      const starts = s.buckets.map((b) => b.start);
      assert.equal(starts[0], since);
      for (let i = 1; i < starts.length; i++) assert.equal(Date.parse(starts[i]) - Date.parse(starts[i - 1]), MINUTE, 'even, consecutive buckets');
      for (const b of s.buckets) assert.equal(b.attempts, expected.get(b.start) ?? 0, `bucket ${b.start}`);
      assert.equal(
        s.buckets.reduce((n, b) => n + b.failed, 0),
        3,
      );
      // A range with nothing in it: every bucket empty, no rate.
      const later = await stats(
        hooks.error,
        `?since=${new Date(Date.now() + 60 * MINUTE).toISOString()}&until=${new Date(Date.now() + 120 * MINUTE).toISOString()}`,
      );
      assert.equal(later.totals.attempts, 0);
      assert.equal(later.success_rate, null);
      assert.ok(later.buckets.length > 0 && later.buckets.every((b) => b.attempts === 0 && b.latency_p50_ms === null));
    });

    test('scopes: webhooks:read reads them; a key without it is a 403', async () => {
      const reader = (await t.app.keys.createKey('default', 'reader', undefined, ['webhooks:read'])).key;
      const publisher = (await t.app.keys.createKey('default', 'publisher', undefined, ['events:write'])).key;
      assert.equal((await t.api('GET', `/v1/webhooks/${hooks.ok}/stats`, undefined, { key: reader })).status, 200);
      const denied = await t.api<{ error: { code: string } }>('GET', `/v1/webhooks/${hooks.ok}/stats`, undefined, { key: publisher });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, 'insufficient_scope');
    });

    test("another organization's webhook, or none, is a 404", async () => {
      const other = await t.otherKey();
      const res = await t.api<{ error: { code: string } }>('GET', `/v1/webhooks/${hooks.ok}/stats`, undefined, { key: other });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not_found');
      assert.equal((await t.api('GET', `/v1/webhooks/${newId('wh')}/stats`)).status, 404);
    });

    test('bad parameters are a 400 naming them', async () => {
      const bad = async (query: string, field: string) => {
        const res = await t.api<{ error: { code: string; details: Array<{ field?: string }> } }>('GET', `/v1/webhooks/${hooks.ok}/stats?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.ok(
          res.body.error.details.some((d) => d.field?.includes(field)),
          `${query}: ${JSON.stringify(res.body)}`,
        );
      };
      await bad('since=yesterday', 'since');
      await bad('bucket=2m', 'bucket');
      await bad('since=2026-12-03T10:00:00Z&until=2026-12-03T09:00:00Z', 'until');
      await bad(`since=${new Date(Date.now() - 30 * 24 * 60 * MINUTE).toISOString()}&bucket=1m`, 'bucket');
      await bad('window=1h', 'window');
    });
  });
}
