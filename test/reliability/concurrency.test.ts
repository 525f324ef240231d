// Every mutating webhook and delivery route fired 20 times at once (issue 22, item 1), on both
// backends; on PostgreSQL the requests alternate between this test's app and a second `salesos
// serve` process on the same schema. After each burst the invariants a user relies on hold:
// rotations serialize, PATCHes lose no field and leave no delivery parked on an enabled webhook,
// one manual retry at a time, one DELETE.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { BACKENDS, startApp, startReceiver, waitFor, eventData, type Receiver, type TestApp } from '../helpers.ts';
import { startService, type Service } from '../process-helpers.ts';
import type { EventType } from '../../src/catalog.ts';
import { section } from './support.ts';

const BURST = 20;
const check = section(
  import.meta.url,
  'Concurrency: every mutating route 20 times at once',
  'Both backends; on PostgreSQL the 20 requests of a burst alternate between two `salesos serve` processes on one schema. After each burst the invariants a user relies on are checked: rotations serialize, PATCHes lose no field and leave no delivery parked on an enabled webhook, one manual retry at a time, one DELETE.',
  8,
);

/** How many answers had each status, e.g. "202 ×1, 409 ×19". */
const tally = (answers: { status: number }[]) =>
  [...answers.reduce((m, a) => m.set(a.status, (m.get(a.status) ?? 0) + 1), new Map<number, number>())]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${status} ×${n}`)
    .join(', ');
// Each test's webhooks subscribe to a type of their own (no two tests share one).
const TYPES: EventType[] = [
  'lead.created',
  'contact.created',
  'account.created',
  'quote.created',
  'order.created',
  'meeting.scheduled',
  'task.completed',
  'opportunity.created',
];

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

for (const backend of BACKENDS) {
  describe(`concurrency on ${backend}`, () => {
    let t: TestApp;
    let other: Service | null = null;
    let failing: Receiver;
    let ok: Receiver;
    /** Receivers of single checks, closed at the end. */
    const receivers: Receiver[] = [];
    // Where the n-th request of a burst goes: alternately to each process sharing the database.
    let urls: string[];

    before(async () => {
      // Failed attempts wait an hour: deliveries stay pending and due later, so that the bursts
      // below meet them in one known state.
      t = await startApp(backend, { SALESOS_RETRY_SCHEDULE: '1h', SALESOS_DELIVERY_TIMEOUT: '30s' });
      urls = [t.url];
      if (backend === 'postgres') {
        other = await startService({ ...t.env, SALESOS_RETRY_SCHEDULE: '1h', SALESOS_DELIVERY_TIMEOUT: '30s', LOG_LEVEL: 'silent' });
        urls.push(other.url);
      }
      failing = await startReceiver((_r, _n, res) => void res.writeHead(500).end('no'));
      ok = await startReceiver();
    });

    after(async () => {
      await other?.kill();
      await t?.close();
      await failing?.close();
      await ok?.close();
      for (const r of receivers) await r.close();
    });

    /** Fires BURST requests at once, spread over the processes; answers them in order. */
    async function burst<T = Record<string, unknown>>(method: string, path: string, body?: (i: number) => unknown): Promise<Answer<T>[]> {
      return Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const b = body?.(i);
          const res = await fetch(urls[i % urls.length] + path, {
            method,
            headers: { authorization: `Bearer ${t.key}`, ...(b !== undefined ? { 'content-type': 'application/json' } : {}) },
            body: b === undefined ? undefined : JSON.stringify(b),
          });
          const text = await res.text();
          return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
        }),
      );
    }

    const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

    let hooks = 0;
    /** A webhook of its own event type and URL path, so that what it receives is told apart. */
    async function createHook(receiver: Receiver, extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string; path: string; type: EventType }> {
      const n = hooks++;
      const type = TYPES[n % TYPES.length];
      const path = `/hooks/${n}`;
      const res = await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', {
        url: `http://127.0.0.1:${receiver.port}${path}`,
        events: [type],
        ...extra,
      });
      assert.equal(res.status, 201);
      return { ...res.body, path, type };
    }

    const received = (receiver: Receiver, hook: { path: string }) => receiver.requests.filter((r) => r.url === hook.path);

    async function publish(hook: { type: EventType }, n = 1): Promise<void> {
      for (let i = 0; i < n; i++) assert.equal((await t.api('POST', '/v1/events', { type: hook.type, data: eventData(hook.type) })).status, 202);
    }

    async function secretRows(webhookId: string): Promise<{ secret: string; expires_at: number | null }[]> {
      return t.app.storage.connection.query('SELECT secret, expires_at FROM webhook_secrets WHERE webhook_id = ? ORDER BY id', [webhookId]);
    }

    check(`${backend}: 20 rotations at once: each answers a new secret, exactly one signs without an end, every older one has its expiry`, async (fig) => {
      const hook = await createHook(ok);
      let open: { secret: string }[] = [];
      for (let round = 0; round < 3; round++) {
        const answers = await burst<{ secret: string }>('POST', `/v1/webhooks/${hook.id}/rotate-secret`);
        fig(`round ${round + 1}: answers`, tally(answers));
        assert.deepEqual(
          answers.map((a) => a.status),
          answers.map(() => 200),
        );
        const rows = await secretRows(hook.id);
        assert.equal(rows.length, 1 + (round + 1) * BURST, 'one new secret per rotation');
        open = rows.filter((r) => r.expires_at === null);
        fig(`round ${round + 1}: secrets stored / without an expiry`, `${rows.length} / ${open.length}`);
        assert.equal(open.length, 1, `secrets without an expiry: ${open.length}`);
        assert.equal(new Set(answers.map((a) => a.body.secret)).size, BURST);
        // The one without an end is one of the answers, and GET …/secret names it.
        assert.ok(answers.some((a) => a.body.secret === open[0].secret));
        assert.equal((await t.api<{ secret: string }>('GET', `/v1/webhooks/${hook.id}/secret`)).body.secret, open[0].secret);
        // …and at most 3 sign at once (item 2): the current one and two in their grace.
        const now = Date.now();
        assert.equal(rows.filter((r) => r.expires_at === null || r.expires_at > now).length, 3);
      }
      // A delivery is signed by the current secret.
      await publish(hook);
      const req = await waitFor(() => received(ok, hook)[0]);
      new StandardWebhook(open[0].secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      });
    });

    check(`${backend}: signature headers stay bounded: at most 3 secrets sign; expire_previous_now leaves the new one alone`, async (fig) => {
      const hook = await createHook(ok);
      const rotated: string[] = [hook.secret];
      for (let i = 0; i < 5; i++) rotated.push((await t.api<{ secret: string }>('POST', `/v1/webhooks/${hook.id}/rotate-secret`)).body.secret);
      const signatures = async () => {
        const before = received(ok, hook).length;
        await publish(hook);
        const req = await waitFor(() => received(ok, hook)[before]);
        assert.equal(req.headers['x-webhook-signature'], req.headers['webhook-signature']);
        const headers = {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        };
        // Which of the secrets made so far sign it.
        return {
          count: headers['webhook-signature'].split(' ').length,
          signing: rotated.filter((secret) =>
            headers['webhook-signature'].split(' ').some((sig) => {
              try {
                new StandardWebhook(secret).verify(req.body, { ...headers, 'webhook-signature': sig });
                return true;
              } catch {
                return false;
              }
            }),
          ),
        };
      };
      const bounded = await signatures();
      fig('signatures on a delivery after 5 rotations', bounded.count);
      assert.equal(bounded.count, 3);
      assert.deepEqual(bounded.signing, rotated.slice(-3));
      const now = Date.now();
      const fresh = await t.api<{ secret: string; previous_secret_expires_at: string }>('POST', `/v1/webhooks/${hook.id}/rotate-secret`, {
        expire_previous_now: true,
      });
      assert.equal(fresh.status, 200);
      assert.ok(Date.parse(fresh.body.previous_secret_expires_at) <= Date.now() && Date.parse(fresh.body.previous_secret_expires_at) >= now - 1000);
      rotated.push(fresh.body.secret);
      const alone = await signatures();
      fig('signatures after a rotation with expire_previous_now', alone.count);
      assert.equal(alone.count, 1);
      assert.deepEqual(alone.signing, [fresh.body.secret]);
      const bad = await t.api<{ error: { code: string; details: { field: string }[] } }>('POST', `/v1/webhooks/${hook.id}/rotate-secret`, {
        expire_previous_now: 'yes',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'validation_failed');
    });

    check(`${backend}: 20 PATCHes at once of different fields: none is lost`, async (fig) => {
      const hook = await createHook(ok, { description: 'start' });
      // A third disable, a third describe, a third resubscribe: every change must be there after.
      const answers = await burst('PATCH', `/v1/webhooks/${hook.id}`, (i) =>
        i % 3 === 0 ? { enabled: false } : i % 3 === 1 ? { description: `described ${i}` } : { events: ['lead.*'], metadata: { n: String(i) } },
      );
      assert.equal(count(answers, 200), BURST);
      fig('answers', tally(answers));
      const got = (
        await t.api<{ enabled: boolean; description: string; events: string[]; metadata: Record<string, string>; disabled_reason: string }>(
          'GET',
          `/v1/webhooks/${hook.id}`,
        )
      ).body;
      assert.equal(got.enabled, false);
      assert.equal(got.disabled_reason, 'manual');
      assert.match(got.description, /^described \d+$/);
      assert.deepEqual(got.events, ['lead.*']);
      assert.match(got.metadata.n, /^\d+$/);
    });

    check(`${backend}: 20 PATCHes at once that disable and enable: an enabled webhook has no parked delivery, a disabled one no due delivery`, async (fig) => {
      const hook = await createHook(failing);
      await publish(hook, 5);
      await waitFor(() => received(failing, hook).length >= 5);
      // Five deliveries pending, their retries an hour away.
      await waitFor(async () => {
        const rows = await t.app.storage.connection.query<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ? AND status = 'pending' AND lease_token IS NULL AND attempt_count = 1",
          [hook.id],
        );
        return Number(rows[0].n) === 5;
      });
      for (let round = 0; round < 5; round++) {
        const answers = await burst('PATCH', `/v1/webhooks/${hook.id}`, (i) => ({ enabled: (i + round) % 2 === 0 }));
        assert.equal(count(answers, 200), BURST);
        // Whichever PATCH came last, the deliveries match the state it left.
        const rows = await t.app.storage.connection.query<{ parked: number | string; due: number | string }>(
          "SELECT SUM(CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END) AS parked, SUM(CASE WHEN next_attempt_at IS NOT NULL THEN 1 ELSE 0 END) AS due FROM deliveries WHERE webhook_id = ? AND status = 'pending' AND lease_token IS NULL",
          [hook.id],
        );
        const { enabled } = (await t.api<{ enabled: boolean }>('GET', `/v1/webhooks/${hook.id}`)).body;
        fig(
          `round ${round + 1}: ${enabled ? 'enabled' : 'disabled'} after ${tally(answers)}; pending deliveries parked / due`,
          `${Number(rows[0].parked ?? 0)} / ${Number(rows[0].due ?? 0)}`,
        );
        if (enabled) assert.equal(Number(rows[0].parked ?? 0), 0, 'parked deliveries on an enabled webhook');
        else assert.equal(Number(rows[0].due ?? 0), 0, 'due deliveries on a disabled webhook');
      }
      // The burst itself, as the issue saw it: one disable among concurrent edits must stick.
      const answers = await burst('PATCH', `/v1/webhooks/${hook.id}`, (i) => (i === BURST - 1 ? { enabled: false } : { description: `d${i}` }));
      assert.equal(count(answers, 200), BURST);
      assert.equal((await t.api<{ enabled: boolean }>('GET', `/v1/webhooks/${hook.id}`)).body.enabled, false);
      const parked = await t.app.storage.connection.query<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL AND lease_token IS NULL",
        [hook.id],
      );
      assert.equal(Number(parked[0].n), 0);
    });

    check(
      `${backend}: 20 manual retries at once: one 202, the others 409 conflict; the receiver gets one more POST with the next attempt number`,
      async (fig) => {
        // The manual attempt stays under way until the burst is over (its answer waits for the
        // gate), so that no retry of the burst comes after it finished (a retry then is allowed).
        let open!: () => void;
        const gate = new Promise<void>((resolve) => (open = resolve));
        const slow = await startReceiver(async (_r, n, res) => {
          if (n > 0) await gate;
          res.writeHead(500).end('no');
        });
        receivers.push(slow);
        const hook = await createHook(slow);
        await publish(hook);
        await waitFor(() => received(slow, hook).length >= 1);
        const delivery = await waitFor(async () => {
          const list = (await t.api<{ data: { id: string; attempt_count: number; status: string }[] }>('GET', `/v1/webhooks/${hook.id}/deliveries`)).body.data;
          return list[0]?.attempt_count === 1 && list[0].status === 'pending' ? list[0] : null;
        });
        const answers = await burst<{ error?: { code: string } }>('POST', `/v1/deliveries/${delivery.id}/retry`);
        open();
        fig('answers', tally(answers));
        assert.equal(count(answers, 202), 1, `202s: ${answers.map((a) => a.status).join(',')}`);
        assert.equal(count(answers, 409), BURST - 1);
        for (const a of answers) if (a.status === 409) assert.equal(a.body.error?.code, 'conflict');
        const done = await waitFor(async () => {
          const d = (await t.api<{ attempts: { attempt_number: number; trigger: string }[] }>('GET', `/v1/deliveries/${delivery.id}`)).body;
          return d.attempts.length >= 2 ? d : null;
        });
        // Once the manual attempt is logged, a retry is allowed again: the burst claimed exactly one.
        assert.deepEqual(
          done.attempts.map((a) => [a.attempt_number, a.trigger]),
          [
            [1, 'scheduled'],
            [2, 'manual'],
          ],
        );
        const got = received(slow, hook);
        fig('POSTs received (first attempt + the manual one)', got.length);
        assert.equal(got.length, 2);
        assert.deepEqual(
          got.map((r) => r.headers['x-webhook-attempt']),
          ['1', '2'],
        );
      },
    );

    check(`${backend}: 20 DELETEs at once: one 204, the others 404`, async (fig) => {
      const hook = await createHook(ok);
      const answers = await burst('DELETE', `/v1/webhooks/${hook.id}`);
      fig('answers', tally(answers));
      assert.equal(count(answers, 204), 1);
      assert.equal(count(answers, 404), BURST - 1);
      for (const a of answers) if (a.status === 404) assert.equal((a.body as { error: { code: string } }).error.code, 'not_found');
    });

    check(`${backend}: 20 creations, test sends and recovers at once: every one is answered once and counted once`, async (fig) => {
      const created = await burst<{ id: string }>('POST', '/v1/webhooks', () => ({ url: ok.url, events: ['opportunity.won'] }));
      fig('creations', tally(created));
      assert.equal(count(created, 201), BURST);
      assert.equal(new Set(created.map((a) => a.body.id)).size, BURST);
      const hook = await createHook(ok);
      const sends = await burst('POST', `/v1/webhooks/${hook.id}/test`, () => ({ event_type: 'lead.created' }));
      fig('test sends', tally(sends));
      assert.equal(count(sends, 202) + count(sends, 200), BURST, sends.map((a) => a.status).join(','));
      await waitFor(async () => {
        const list = (await t.api<{ data: { status: string }[] }>('GET', `/v1/webhooks/${hook.id}/deliveries?limit=100`)).body.data;
        return list.length === BURST && list.every((d) => d.status === 'succeeded');
      });
      const recovers = await burst<{ id?: string }>('POST', `/v1/webhooks/${hook.id}/recover`, () => ({ since: new Date(Date.now() - 60_000).toISOString() }));
      fig('recovers', tally(recovers));
      assert.ok(
        recovers.every((a) => a.status === 202 || a.status === 200),
        recovers.map((a) => a.status).join(','),
      );
    });
  });
}
