// Pure functions: the retry schedule, durations, configuration, signatures, the SSRF guard, ids.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { ConfigError, loadConfig } from '../src/config.ts';
import { nextRetryDelay, parseRetryAfter } from '../src/delivery/retry.ts';
import { compactRequestHeaders, deliveryHeaders, expandRequestHeaders, sign } from '../src/delivery/signer.ts';
import { isBlockedAddress } from '../src/webhooks/ssrf.ts';
import { parseDuration } from '../src/duration.ts';
import { isEventPattern, matchesEvent } from '../src/catalog.ts';
import { WakeThrottle } from '../src/store/postgres/wake.ts';
import { FruitlessClaims, RECHECK_MS } from '../src/delivery/fruitless.ts';
import { Scheduler } from '../src/delivery/scheduler.ts';
import type { ClaimedWork } from '../src/store/ports.ts';
import { changePayload, parseChange, parsePayload } from '../src/store/postgres/connection.ts';
import { newId } from '../src/ids.ts';
import { decide, MAX_THROTTLED_ATTEMPTS, webhookPolicy } from '../src/delivery/policy.ts';
import { applyPolicy, checkPolicy, DEFAULT_POLICY, deniedHeader } from '../src/webhooks/policy.ts';

describe('retry schedule', () => {
  const schedule = loadConfig({}).retrySchedule;

  test('the default is 1m, 5m, 30m, 2h, 24h: 5 retries, 6 attempts', () => {
    assert.deepEqual(schedule, [60_000, 300_000, 1_800_000, 7_200_000, 86_400_000]);
    const noJitter = () => 0;
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => nextRetryDelay(schedule, n, { random: noJitter })),
      schedule,
    );
    assert.equal(nextRetryDelay(schedule, 6), null, 'after the 6th attempt the delivery has failed');
  });

  test('jitter adds up to 10%, never less than the schedule', () => {
    assert.equal(nextRetryDelay(schedule, 1, { random: () => 0.999999 }), 65_999 + 1);
    for (let i = 0; i < 1000; i++) {
      const d = nextRetryDelay(schedule, 2)!;
      assert.ok(d >= 300_000 && d <= 330_000, String(d));
    }
  });

  test('Retry-After on 429/503 is honoured when longer, capped at 24 h', () => {
    const opts = { random: () => 0 };
    assert.equal(nextRetryDelay(schedule, 1, { ...opts, status: 429, retryAfterMs: parseRetryAfter('600') }), 600_000);
    assert.equal(
      nextRetryDelay(schedule, 1, { ...opts, status: 503, retryAfterMs: parseRetryAfter('10') }),
      60_000,
      'shorter than the schedule: the schedule wins',
    );
    assert.equal(nextRetryDelay(schedule, 1, { ...opts, status: 500, retryAfterMs: parseRetryAfter('600') }), 60_000, 'only 429 and 503');
    assert.equal(parseRetryAfter('999999999'), 86_400_000);
    const now = Date.parse('2026-11-26T12:00:00Z');
    assert.equal(parseRetryAfter('Thu, 26 Nov 2026 13:00:00 GMT', now), 3_600_000);
    assert.equal(parseRetryAfter('soon'), null);
    assert.equal(parseRetryAfter(undefined), null);
  });
});

describe('configuration', () => {
  test('durations', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('5d'), 432_000_000);
    assert.throws(() => parseDuration('5 weeks'));
  });

  test('defaults follow SPEC §2', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dataDir, './data');
    assert.equal(c.deliveryTimeoutMs, 30_000);
    assert.equal(c.allowPrivateUrls, true);
    assert.equal(c.disableAfterMs, 5 * 86_400_000);
    assert.equal(c.secretGraceMs, 86_400_000);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).allowPrivateUrls, false);
    assert.equal(loadConfig({ NODE_ENV: 'production', SALESOS_ALLOW_PRIVATE_URLS: 'true' }).allowPrivateUrls, true);
  });

  test('a bad value names its variable', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ SALESOS_RETRY_SCHEDULE: '1m,,5m' }, 'SALESOS_RETRY_SCHEDULE'],
      [{ SALESOS_DELIVERY_TIMEOUT: 'forever' }, 'SALESOS_DELIVERY_TIMEOUT'],
      [{ SALESOS_ALLOW_PRIVATE_URLS: 'maybe' }, 'SALESOS_ALLOW_PRIVATE_URLS'],
      [{ SALESOS_DISABLE_AFTER: '5 days' }, 'SALESOS_DISABLE_AFTER'],
      [{ SALESOS_SECRET_GRACE: '-1h' }, 'SALESOS_SECRET_GRACE'],
      [{ SALESOS_API_KEY: 'short' }, 'SALESOS_API_KEY'],
      [{ SALESOS_PUBLISH_QUEUE: '0' }, 'SALESOS_PUBLISH_QUEUE'],
    ];
    for (const [env, variable] of cases) {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && e.variable === variable && e.message.startsWith(variable),
      );
    }
  });
});

describe('signatures', () => {
  test('reproduce the Standard Webhooks test vector', () => {
    const sig = sign(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    assert.equal(sig, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  test('headers verify with the standardwebhooks package, with either secret during a rotation', () => {
    const a = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const b = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const body = JSON.stringify({ id: 'evt_1', type: 'lead.created', data: { object: {} } });
    const h = deliveryHeaders({ secrets: [b, a], eventId: 'evt_1', eventType: 'lead.created', body, attempt: 3 });
    assert.equal(h['x-webhook-signature'], h['webhook-signature']);
    assert.equal(h['x-webhook-attempt'], '3');
    assert.equal(h['webhook-signature'].split(' ').length, 2);
    for (const s of [a, b]) assert.deepEqual(new StandardWebhook(s).verify(body, h), JSON.parse(body));
  });

  test("an attempt row's request headers: stored compact, read back exactly as sent", () => {
    const id = { eventId: 'evt_1', eventType: 'lead.created', attempt: 2 };
    const h = deliveryHeaders({
      secrets: [`whsec_${Buffer.alloc(32, 7).toString('base64')}`],
      eventId: 'evt_1',
      eventType: 'lead.created',
      body: '{}',
      attempt: 2,
    });
    const stored = compactRequestHeaders(h, id);
    assert.deepEqual(Object.keys(stored), ['user-agent', 'webhook-timestamp', 'webhook-signature']);
    assert.deepEqual(Object.entries(expandRequestHeaders(stored, id)), Object.entries(h), 'same names, values and order');
    // Rows written whole (before compaction, or by a sender whose headers differ) read back as they are.
    assert.deepEqual(Object.entries(expandRequestHeaders({ ...h }, id)), Object.entries(h));
    const odd = { ...h, 'x-webhook-attempt': '7' };
    assert.equal(compactRequestHeaders(odd, id), odd, 'a header its delivery does not determine keeps the whole set');
    assert.deepEqual(expandRequestHeaders(odd, id), odd);
  });
});

describe('SSRF guard', () => {
  test('refuses every non-public address form', () => {
    for (const ip of [
      '127.0.0.1',
      '127.8.9.10',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'ff02::1',
      'not-an-ip',
    ]) {
      assert.equal(isBlockedAddress(ip), true, ip);
    }
  });
  test('allows public unicast', () => {
    for (const ip of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      assert.equal(isBlockedAddress(ip), false, ip);
  });
});

describe('event patterns and ids', () => {
  test('exact types, group wildcards and *', () => {
    assert.ok(isEventPattern('lead.created') && isEventPattern('lead.*') && isEventPattern('*'));
    assert.ok(!isEventPattern('lead.nope') && !isEventPattern('nope.*') && !isEventPattern('lead.') && !isEventPattern('*.*'));
    assert.ok(matchesEvent(['lead.*'], 'lead.converted'));
    assert.ok(!matchesEvent(['lead.*'], 'contact.created'));
    assert.ok(matchesEvent(['*'], 'task.completed'));
    assert.ok(matchesEvent(['quote.sent'], 'quote.sent'));
  });
  test('ids are prefixed and sort by creation', () => {
    const ids = Array.from({ length: 1000 }, () => newId('evt'));
    assert.deepEqual([...ids].sort(), ids);
    assert.match(ids[0], /^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});

describe('wake-ups for queued deliveries', () => {
  test('within a window only the first publish names its webhooks; the later ones are named together once, after it', async () => {
    const sent: string[][] = [];
    const wake = new WakeThrottle(
      async (about) => void sent.push(about),
      () => {},
      30,
    );
    const t = Date.now();
    assert.equal(wake.lead(t), true, 'the first publish names its own webhooks');
    assert.equal(wake.lead(t + 1), false);
    wake.defer(['wh_a', 'wh_b']);
    assert.equal(wake.lead(t + 2), false);
    wake.defer(['wh_b', 'wh_c']);
    assert.deepEqual(sent, [], 'nothing before the window ends');
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(sent, [['wh_a', 'wh_b', 'wh_c']], 'one NOTIFY for all deferred webhooks');
    wake.defer(['wh_d']);
    await wake.close();
    assert.deepEqual(sent[1], ['wh_d'], 'stopping names what is still deferred');
  });
});

describe("webhook changes on the workers' channel", () => {
  test("another process's announcement is a change; this process's own and work notifications are not", () => {
    const payload = changePayload('p1', 'org_1', 'wh_1');
    assert.deepEqual(parseChange(payload, 'p2'), { organizationId: 'org_1', webhookId: 'wh_1' });
    assert.equal(parseChange(payload, 'p1'), null);
    assert.equal(parseChange('wh_1,wh_2', 'p2'), null);
    assert.deepEqual(parsePayload('wh_1,wh_2'), ['wh_1', 'wh_2']);
  });
});

describe('claims that found nothing beyond webhooks at their bound', () => {
  test('are not repeated for the same webhooks until there is news, room for one of them, or the recheck', () => {
    const f = new FruitlessClaims();
    const now = 1_000_000;
    assert.equal(f.wait(['wh_a'], now), null, 'nothing found yet: claim');
    let ticket = f.start(['wh_a']);
    f.found(ticket, null, now);
    assert.equal(f.wait(['wh_a'], now + 1), RECHECK_MS - 1);
    assert.equal(f.wait(['wh_a', 'wh_b'], now + 1), RECHECK_MS - 1, 'more webhooks at their bound: still nothing to find');
    assert.equal(f.wait([], now + 1), null, 'wh_a has room again: claim');
    assert.equal(f.wait(['wh_a'], now + RECHECK_MS), null, 'the recheck is due');

    ticket = f.start(['wh_a']);
    f.found(ticket, now + 500, now);
    assert.equal(f.wait(['wh_a'], now), 500, 'trusted until the next due time');
    f.announced(['wh_a']);
    assert.equal(f.wait(['wh_a'], now), 500, 'new work for a webhook it leaves out is no news');
    assert.ok(f.leavesOut('wh_a') && !f.leavesOut('wh_b'));
    f.announced(['wh_b']);
    assert.equal(f.wait(['wh_a'], now), null, 'new work for another webhook is news');

    ticket = f.start(['wh_a']);
    f.announced([]); // while the claim runs: work for any webhook
    assert.equal(f.quiet(ticket), false);
    f.found(ticket, null, now);
    assert.equal(f.wait(['wh_a'], now), null, 'news during the claim: its finding is not kept');
    ticket = f.start(['wh_a']);
    f.found(ticket, null, now);
    f.renew();
    assert.equal(f.wait(['wh_a'], now), null, 'work given back is news');
  });
});

describe('organizations sharing a worker', () => {
  const work = (org: string, hook: string, n: number): ClaimedWork =>
    ({
      organization_id: org,
      id: `dlv_${org}_${hook}_${n}`,
      webhook_id: hook,
      body: '{}',
      lease_until: Date.now() + 60_000,
      timeout_ms: null,
      max_in_flight: null,
    }) as ClaimedWork;

  test("take the process's free slots in turn, whatever the number of webhooks and deliveries each has", () => {
    const started: ClaimedWork[] = [];
    const s = new Scheduler(
      { maxConcurrency: 1, maxPerEndpoint: 1, deliveryTimeoutMs: 1000 },
      { start: (w) => void started.push(w), giveBack: () => {}, unwritten: () => 0 },
    );
    s.accepting = true;
    // A: 5 webhooks with 4 deliveries each, held first; B: one delivery.
    for (let n = 0; n < 4; n++) for (let h = 0; h < 5; h++) s.hold(work('org_a', `wh_a${h}`, n));
    s.hold(work('org_b', 'wh_b', 0));
    const next = () => {
      s.pump();
      const w = started[started.length - 1];
      s.finished(w);
      return w;
    };
    assert.equal(next().organization_id, 'org_a');
    assert.equal(next().organization_id, 'org_b', "B's delivery takes the next free slot, not the sixth");
    // A's webhooks take turns among themselves.
    assert.deepEqual(
      Array.from({ length: 5 }, () => next().webhook_id),
      ['wh_a1', 'wh_a2', 'wh_a3', 'wh_a4', 'wh_a0'],
    );
  });

  test('leave the last eighth of what the worker holds to organizations with little waiting there', () => {
    const s = new Scheduler({ maxConcurrency: 2, maxPerEndpoint: 1, deliveryTimeoutMs: 1000 }, { start: () => {}, giveBack: () => {}, unwritten: () => 0 });
    s.accepting = true;
    assert.equal(s.maxHeld, 32);
    assert.equal(s.headroom, 4);
    let a = 0;
    for (let h = 0; h < 20; h++) for (let n = 0; n < 2; n++) if (s.tryReserve('org_a', `wh_a${h}`)) a++;
    assert.equal(a, 28, "A's flood stops short of the headroom");
    assert.equal(s.claimRoom(), 0, 'claims leave it too');
    assert.ok(s.tryReserve('org_b', 'wh_b'), 'B (nothing waiting) takes it');
    assert.equal(s.tryReserve('org_a', 'wh_a0'), false);
    s.unreserve('org_a', 'wh_a0');
    s.unreserve('org_a', 'wh_a1');
    assert.ok(s.tryReserve('org_a', 'wh_a0'), 'below the headroom A takes room again');
  });
});

describe('per-webhook delivery policy', () => {
  const service = { retrySchedule: [60_000, 300_000], disableAfterMs: 5 * 86_400_000 };
  const healthy = { failing_since: null, last_success_at: null };
  const fail = { errorClass: 'http_status' as const, status: 500, retryAfterMs: null };
  const throttle = { errorClass: 'throttled' as const, status: 429, retryAfterMs: 5_000 };
  const noJitter = () => 0;

  test("a webhook's own schedule replaces the service's; null keeps it", () => {
    assert.equal(webhookPolicy(service, { retry_schedule: null }), service);
    assert.deepEqual(webhookPolicy(service, { retry_schedule: '1s,2s' }).retrySchedule, [1000, 2000]);
    const p = webhookPolicy(service, { retry_schedule: '1s' });
    assert.equal(decide(1, healthy, fail, p, 0, 10, noJitter).nextAttemptAt, 1010);
    assert.equal(decide(2, healthy, fail, p, 0, 10, noJitter).status, 'failed');
  });

  test('a throttled attempt waits Retry-After, leaves health alone and uses up no retry', () => {
    const d = decide(1, healthy, throttle, service, 0, 10, noJitter);
    assert.deepEqual(d, { status: 'pending', nextAttemptAt: 5_010, health: null, throttledCount: 1 });
    // Two throttled attempts before: attempt 4 fails as the second of the schedule's.
    const after = decide(4, { ...healthy, throttled_count: 2 }, fail, service, 0, 10, noJitter);
    assert.deepEqual([after.status, after.nextAttemptAt], ['pending', 300_010]);
    // A receiver cannot hold a delivery forever: past the bound, a 429 is an ordinary failure.
    const many = { ...healthy, throttled_count: MAX_THROTTLED_ATTEMPTS };
    const ordinary = decide(MAX_THROTTLED_ATTEMPTS + 1, many, throttle, service, 0, 10, noJitter);
    assert.deepEqual([ordinary.status, ordinary.nextAttemptAt, ordinary.health?.kind], ['pending', 60_010, 'failing']);
    assert.equal(decide(MAX_THROTTLED_ATTEMPTS + 3, many, throttle, service, 0, 10, noJitter).status, 'failed');
  });

  test('settings are checked field by field; a masked secret keeps its stored value', () => {
    assert.deepEqual(checkPolicy({ rate_limit: 5, ordering: null }, { maxPerEndpoint: 4 }), { rate_limit: 5, ordering: 'none' });
    assert.throws(
      () => checkPolicy({ rate_limit: 0, max_in_flight: 5 }, { maxPerEndpoint: 4 }),
      (e: { details: Array<{ field: string }> }) => e.details.map((d) => d.field).join() === 'body.max_in_flight,body.rate_limit',
    );
    for (const name of ['Connection', 'proxy-authorization', 'Webhook-Id', 'svix-signature', 'X-Webhook-Event', 'Content-Length', 'Host'])
      assert.ok(deniedHeader(name), name);
    for (const name of ['User-Agent', 'Authorization', 'X-Api-Key']) assert.equal(deniedHeader(name), null, name);
    const stored = applyPolicy(DEFAULT_POLICY, checkPolicy({ headers: { A: { value: 'x', secret: true } } }, { maxPerEndpoint: 4 }));
    const kept = applyPolicy(stored, checkPolicy({ headers: { A: { value: '••••', secret: true }, B: 'y' } }, { maxPerEndpoint: 4 }));
    assert.deepEqual(kept.headers, { A: { value: 'x', secret: true }, B: { value: 'y', secret: false } });
  });
});
