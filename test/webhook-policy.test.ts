// Per-webhook delivery settings at work (issue 20): a webhook's own retry schedule, timeout,
// concurrency bound, headers and rate limit, and a receiver's 429 + Retry-After, on both backends.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { Worker } from '../src/delivery/worker.ts';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';
import { startService, type Service } from './process-helpers.ts';

interface Attempt {
  attempt_number: number;
  error_class: string | null;
  error_message: string | null;
  response_status: number | null;
  request_headers: Record<string, string>;
}
interface Delivery {
  id: string;
  status: string;
  attempt_count: number;
  attempts: Attempt[];
}

for (const backend of BACKENDS) {
  describe(`per-webhook delivery settings at work on ${backend}`, () => {
    const cleanup: Array<() => Promise<unknown>> = [];
    after(async () => {
      for (const c of cleanup.reverse()) await c();
    });
    const track = <T extends TestApp | Receiver | Service>(x: T): T => {
      cleanup.push(() => ('close' in x ? x.close() : x.kill()));
      return x;
    };
    const hook = async (t: TestApp, body: Record<string, unknown>) => {
      const r = await t.api<{ id: string }>('POST', '/v1/webhooks', { events: ['lead.created'], ...body });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id;
    };
    const publish = (t: TestApp) => t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
    const only = async (t: TestApp, webhookId: string) => {
      const list = (await t.api<{ data: Delivery[] }>('GET', `/v1/webhooks/${webhookId}/deliveries`)).body.data;
      assert.equal(list.length, 1);
      return (await t.api<Delivery>('GET', `/v1/deliveries/${list[0].id}`)).body;
    };

    test("a webhook's own retry schedule ends it failed after exactly its steps while another keeps the service's", async () => {
      const t = track(await startApp(backend, { SALESOS_RETRY_SCHEDULE: '1h' }));
      const rx = track(await startReceiver((_req, _n, res) => void res.writeHead(500).end()));
      const short = await hook(t, { url: `${rx.url}/short`, retry_schedule: '1s,1s' });
      const standard = await hook(t, { url: `${rx.url}/standard` });
      await publish(t);
      const failed = await waitFor(
        async () => {
          const d = await only(t, short);
          return d.status === 'failed' && d;
        },
        20_000,
        'the short schedule used up',
      );
      assert.equal(failed.attempt_count, 3, 'the first attempt and its two retries');
      assert.equal(rx.requests.filter((r) => r.url.endsWith('/short')).length, 3);
      const other = await only(t, standard);
      assert.equal(other.status, 'pending', 'the service schedule retries in an hour');
      assert.equal(other.attempt_count, 1);
    });

    test('headers go with every attempt; the attempt log and the webhook show secret values masked, and no log line holds them', async () => {
      const lines: string[] = [];
      const logStream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
      const t = track(await startApp(backend, { SALESOS_RETRY_SCHEDULE: '100ms' }, { logStream }));
      const rx = track(await startReceiver((_req, n, res) => void res.writeHead(n === 0 ? 500 : 200).end()));
      const id = await hook(t, {
        url: rx.url,
        headers: { 'X-Tenant': 'acme', Authorization: { value: 'Bearer top-s3cret', secret: true }, 'User-Agent': 'acme-hooks/1' },
      });
      await publish(t);
      const reqs = await rx.waitFor(2);
      for (const r of reqs) {
        assert.equal(r.headers['x-tenant'], 'acme');
        assert.equal(r.headers.authorization, 'Bearer top-s3cret');
        assert.equal(r.headers['user-agent'], 'acme-hooks/1', 'a webhook may set its own User-Agent');
        assert.ok(r.headers['webhook-signature'], 'still signed');
      }
      const d = await waitFor(
        async () => {
          const x = await only(t, id);
          return x.status === 'succeeded' && x;
        },
        15_000,
        'delivered',
      );
      assert.equal(d.attempts.length, 2);
      for (const a of d.attempts) {
        assert.equal(a.request_headers['x-tenant'], 'acme');
        assert.equal(a.request_headers.authorization, '••••');
        assert.equal(a.request_headers['user-agent'], 'acme-hooks/1');
        assert.ok(a.request_headers['webhook-signature']);
      }
      const shown = (await t.api<{ headers: Record<string, unknown> }>('GET', `/v1/webhooks/${id}`)).body;
      assert.deepEqual(shown.headers?.Authorization, { value: '••••', secret: true });
      assert.ok(lines.length > 0, 'the app logged');
      assert.ok(!lines.some((l) => l.includes('top-s3cret')), 'no log line holds the secret value');
    });

    test("a webhook's own timeout bounds its attempts; its max_in_flight bounds its attempts at once", async () => {
      const t = track(await startApp(backend, { SALESOS_DELIVERY_TIMEOUT: '20s', SALESOS_MAX_PER_ENDPOINT: '4', SALESOS_RETRY_SCHEDULE: '1h' }));
      const hanging = track(await startReceiver(() => new Promise(() => {})));
      const healthy = track(await startReceiver());
      const quick = await hook(t, { url: `${hanging.url}/quick`, timeout: '1s' });
      await publish(t);
      const d = await waitFor(
        async () => {
          const x = await only(t, quick);
          return x.attempts.length === 1 && x;
        },
        15_000,
        'the attempt timed out',
      );
      assert.equal(d.attempts[0].error_class, 'timeout');
      assert.match(d.attempts[0].error_message ?? '', /within 1000 ms/);
      await t.api('DELETE', `/v1/webhooks/${quick}`);

      const one = await hook(t, { url: `${hanging.url}/one`, events: ['lead.updated'], max_in_flight: 1 });
      await hook(t, { url: healthy.url, events: ['lead.updated'] });
      for (let i = 0; i < 5; i++) await t.api('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated') });
      await healthy.waitFor(5);
      await waitFor(() => hanging.requests.some((r) => r.url.endsWith('/one')), 15_000, 'the first attempt to /one');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(hanging.requests.filter((r) => r.url.endsWith('/one')).length, 1, 'one attempt at a time (the service allows 4)');
      await t.api('DELETE', `/v1/webhooks/${one}`);
      await hanging.close(); // its attempts end now, so stopping does not wait for their timeout
      await t.app.worker?.stop();
    });

    test("a webhook's timeout may be longer than the service's: a slow answer within it succeeds, and its lease covers it", async () => {
      const t = track(await startApp(backend, { SALESOS_DELIVERY_TIMEOUT: '1s', SALESOS_RETRY_SCHEDULE: '1h' }));
      const slow = track(await startReceiver((_req, _n, res) => void setTimeout(() => res.writeHead(200).end(), 2500)));
      const patient = await hook(t, { url: `${slow.url}/patient`, timeout: '10s' });
      const hasty = await hook(t, { url: `${slow.url}/hasty` });
      await publish(t);
      const first = async (id: string) =>
        waitFor(
          async () => {
            const x = await only(t, id);
            return x.attempts.length >= 1 && x;
          },
          15_000,
          'an attempt',
        );
      assert.deepEqual(
        (await first(patient)).attempts.map((a) => [a.response_status, a.error_class]),
        [[200, null]],
      );
      assert.equal((await first(hasty)).attempts[0].error_class, 'timeout', "the service's 1 s");
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(slow.requests.filter((r) => r.url.endsWith('/patient')).length, 1, 'sent once: its lease outlasted the slow answer');
    });

    test('a 429 with Retry-After is retried then, using up no retry and not marking the endpoint failing', async () => {
      const t = track(await startApp(backend, { SALESOS_RETRY_SCHEDULE: '1h' }));
      // 429 (Retry-After: 1) twice, then a 500, then a 200.
      const rx = track(
        await startReceiver((_req, n, res) => {
          if (n < 2) return void res.writeHead(429, { 'retry-after': '1' }).end();
          res.writeHead(n === 2 ? 500 : 200).end();
        }),
      );
      const id = await hook(t, { url: rx.url, retry_schedule: '1s' });
      await publish(t);
      const d = await waitFor(
        async () => {
          const x = await only(t, id);
          return x.status !== 'pending' && x;
        },
        20_000,
        'the delivery ended',
      );
      assert.equal(d.status, 'succeeded', 'its one retry was left for the 500');
      assert.deepEqual(
        d.attempts.map((a) => [a.response_status, a.error_class]),
        [
          [429, 'throttled'],
          [429, 'throttled'],
          [500, 'http_status'],
          [200, null],
        ],
      );
      const stored = await t.app.storage.webhooks.get((await t.app.storage.keys.organizationByName('default'))!.id, id);
      assert.equal(stored?.failing_since, null);
    });

    // Burst = rate: the first second's worth at once, then one every 1/rate s, so the last of 50
    // at 10/s goes out 4 s after the first. A limit not applied sends them at once; one kept per
    // process, not shared, lets the two workers on PostgreSQL send them in 2 s; half the rate, 9 s.
    test('a rate limit of 10/s delivers 50 queued deliveries in 4 to 6.6 s' + (backend === 'postgres' ? ', across two worker processes' : ''), async () => {
      const t = track(await startApp(backend, {}, { worker: false }));
      const rx = track(await startReceiver());
      const id = await hook(t, { url: rx.url, rate_limit: 10 });
      for (let i = 0; i < 50; i++) assert.equal((await publish(t)).status, 202);
      let started: number;
      if (backend === 'postgres') {
        // Queued while disabled; two worker processes on the same schema start; enabling lets them go.
        assert.equal((await t.api('PATCH', `/v1/webhooks/${id}`, { enabled: false })).status, 200);
        for (let i = 0; i < 2; i++) track(await startService({ ...t.env, LOG_LEVEL: 'warn' }, ['--role', 'worker']));
        started = Date.now();
        assert.equal((await t.api('PATCH', `/v1/webhooks/${id}`, { enabled: true })).status, 200);
      } else {
        const worker = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics, t.app.storage.rates);
        cleanup.push(() => worker.stop());
        started = Date.now();
        worker.start();
      }
      await rx.waitFor(50, 30_000);
      const took = rx.requests[49].at - started;
      assert.ok(took >= 4_000 && took <= 6_600, `50 deliveries at 10/s took ${took} ms`);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rx.requests.length, 50, 'each once');
    });
  });
}
