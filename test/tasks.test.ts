// Recover and replay as background tasks (issue 21 item 3): both answer 202 with a task that
// GET /v1/tasks/{id} reports until it ends; a recover re-queues exactly the failed deliveries of
// its window, a replay sends the window's events again as new deliveries (a backfill of events
// published before the webhook existed, or only those never delivered), verified by a real
// receiver; a task killed with its process (PostgreSQL) is finished by another. Both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Received, type Receiver, type TestApp } from './helpers.ts';
import { startService, type Service } from './process-helpers.ts';

type Hook = { id: string; secret: string };
type Task = {
  object: string;
  id: string;
  kind: string;
  status: string;
  webhook_id: string;
  since: string;
  until: string;
  only_missing: boolean;
  done: number;
  total: number | null;
  queued: number;
  error_message: string | null;
  finished_at: string | null;
};
type Delivery = { id: string; event_id: string; status: string; attempts?: Array<{ trigger: string }> };
type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string; message: string }> } };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The event id of a request, after checking its signature with the webhook's secret. */
function verifiedId(req: Received, secret: string): string {
  const payload = new StandardWebhook(secret).verify(req.body, {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers['webhook-signature']),
  }) as { id: string };
  return payload.id;
}

async function finished(t: TestApp, id: string, timeoutMs = 30_000): Promise<Task> {
  return waitFor(
    async () => {
      const r = await t.api<Task>('GET', `/v1/tasks/${id}`);
      assert.equal(r.status, 200);
      return r.body.status === 'succeeded' || r.body.status === 'failed' ? r.body : null;
    },
    timeoutMs,
    `task ${id} to end`,
  );
}

async function publish(t: TestApp, type: 'lead.created' | 'account.created', object: Record<string, unknown> = {}): Promise<string> {
  const r = await t.api<{ id: string }>('POST', '/v1/events', { type, data: eventData(type, object) });
  assert.equal(r.status, 202);
  return r.body.id;
}

for (const backend of BACKENDS) {
  describe(`background tasks (recover, replay) on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    // Webhooks whose endpoint is down: the receiver answers their requests 500.
    const down = new Set<string>();
    const received = (hook: Hook) => rx.requests.filter((r) => r.url === `/hooks/${hook.id}`).map((r) => verifiedId(r, hook.secret));

    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver((req, _n, res) => {
        res.writeHead(down.has(req.url.split('/').pop()!) ? 500 : 200).end();
      });
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    const newHook = async (body: Record<string, unknown>): Promise<Hook> => {
      const created = await t.api<Hook>('POST', '/v1/webhooks', { events: ['lead.*'], ...body, url: `${rx.url}/pending` });
      assert.equal(created.status, 201);
      // Each webhook its own path, so that the receiver tells their requests apart.
      await t.api('PATCH', `/v1/webhooks/${created.body.id}`, { url: `${rx.url}/${created.body.id}` });
      return created.body;
    };
    const deliveries = async (hook: Hook) => (await t.api<{ data: Delivery[] }>('GET', `/v1/webhooks/${hook.id}/deliveries?limit=100`)).body.data;
    const allFailed = (hook: Hook, n: number) =>
      waitFor(async () => ((await deliveries(hook)).filter((d) => d.status === 'failed').length === n ? true : null));

    test('recover re-queues exactly the failed deliveries of its window, which then arrive, verified', async () => {
      const hook = await newHook({});
      down.add(hook.id);
      const before = await publish(t, 'lead.created');
      await allFailed(hook, 1);
      await pause(5);
      const since = new Date().toISOString();
      const a = await publish(t, 'lead.created');
      const b = await publish(t, 'lead.created');
      await allFailed(hook, 3);
      down.delete(hook.id);

      const started = await t.api<Task>('POST', `/v1/webhooks/${hook.id}/recover`, { since });
      assert.equal(started.status, 202);
      assert.equal(started.body.object, 'background_task');
      assert.match(started.body.id, /^task_/);
      assert.equal(started.body.kind, 'recover');
      assert.equal(started.body.webhook_id, hook.id);
      assert.equal(started.body.since, since);
      const done = await finished(t, started.body.id);
      assert.equal(done.status, 'succeeded');
      assert.equal(done.total, 2);
      assert.equal(done.done, 2);
      assert.equal(done.queued, 2);
      assert.ok(done.finished_at);

      await waitFor(async () => ((await deliveries(hook)).filter((d) => d.status === 'succeeded').length === 2 ? true : null));
      const byEvent = new Map((await deliveries(hook)).map((d) => [d.event_id, d]));
      assert.equal(byEvent.get(before)!.status, 'failed', 'a failed delivery before the window stays failed');
      assert.equal(byEvent.get(a)!.status, 'succeeded');
      assert.equal(byEvent.get(b)!.status, 'succeeded');
      const d = await t.api<Delivery>('GET', `/v1/deliveries/${byEvent.get(a)!.id}`);
      assert.equal(d.body.attempts!.at(-1)!.trigger, 'manual');
      // The receiver got a and b once more, signed with the webhook's secret.
      const got = received(hook);
      assert.equal(got.filter((id) => id === a).length, 7, 'six failed attempts and the recovered one');
      assert.equal(got.filter((id) => id === before).length, 6, 'nothing more for the delivery outside the window');
    });

    test('replay backfills events published before the webhook existed, of its types and filter only, as new deliveries', async () => {
      const since = new Date().toISOString();
      const big = await publish(t, 'lead.created', { company: 'Big Corp' });
      const small = await publish(t, 'lead.created', { company: 'Small Co' });
      const other = await publish(t, 'account.created');
      await pause(5);
      const hook = await newHook({ events: ['lead.*'], filter: { path: 'data.object.company', op: 'eq', value: 'Big Corp' } });
      const plain = await newHook({ events: ['lead.created', 'account.created'] });
      assert.deepEqual(await deliveries(hook), [], 'the new webhook has no deliveries yet');

      const task = await t.api<Task>('POST', `/v1/webhooks/${hook.id}/replay`, { since });
      assert.equal(task.status, 202);
      assert.equal(task.body.kind, 'replay');
      assert.equal(task.body.only_missing, false);
      assert.ok(['queued', 'running', 'succeeded'].includes(task.body.status));
      const ended = await finished(t, task.body.id);
      assert.equal(ended.status, 'succeeded');
      assert.equal(ended.done, ended.total);
      assert.equal(ended.total, 2, 'the lead events of the window (account.created is not subscribed)');
      assert.equal(ended.queued, 1, 'the filter lets one through');
      await waitFor(() => received(hook).length >= 1 || null);
      assert.deepEqual(received(hook), [big]);
      const [d] = await deliveries(hook);
      assert.equal(d.event_id, big);
      const full = await waitFor(async () => {
        const r = await t.api<Delivery>('GET', `/v1/deliveries/${d.id}`);
        return r.body.attempts!.length ? r.body : null;
      });
      assert.equal(full.attempts![0].trigger, 'replay', 'the log says why it was sent');

      const all = await finished(t, (await t.api<Task>('POST', `/v1/webhooks/${plain.id}/replay`, { since })).body.id);
      assert.equal(all.total, 3);
      assert.equal(all.queued, 3);
      await waitFor(() => received(plain).length >= 3 || null);
      assert.deepEqual(new Set(received(plain)), new Set([big, small, other]));
    });

    test('only_missing re-sends only the events without a succeeded delivery to the webhook', async () => {
      const hook = await newHook({});
      const since = new Date().toISOString();
      const delivered = await publish(t, 'lead.created');
      await waitFor(async () => ((await deliveries(hook)).some((d) => d.status === 'succeeded') ? true : null));
      down.add(hook.id);
      const lost = await publish(t, 'lead.created');
      await allFailed(hook, 1);
      down.delete(hook.id);
      const before = received(hook).length;

      const ended = await finished(t, (await t.api<Task>('POST', `/v1/webhooks/${hook.id}/replay`, { since, only_missing: true })).body.id);
      assert.equal(ended.status, 'succeeded');
      assert.equal(ended.only_missing, true);
      assert.equal(ended.queued, 1);
      assert.equal(ended.done, ended.total);
      await waitFor(() => received(hook).length > before || null);
      await pause(300);
      assert.deepEqual(received(hook).slice(before), [lost], 'only the undelivered event, once');
      const ds = (await deliveries(hook)).filter((d) => d.event_id === lost);
      assert.equal(ds.length, 2, 'a new delivery beside the failed one');
      assert.ok(ds.some((d) => d.status === 'succeeded'));
      assert.ok(!ds.some((d) => d.event_id === delivered));
    });

    test("a webhook's tasks are listed newest first with cursor pagination; bad windows are 400s", async () => {
      const hook = await newHook({});
      const since = new Date(Date.now() - 60_000).toISOString();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await t.api<Task>('POST', `/v1/webhooks/${hook.id}/recover`, { since })).body.id);
      const first = await t.api<{ data: Task[]; next_cursor: string | null }>('GET', `/v1/webhooks/${hook.id}/tasks?limit=2`);
      assert.equal(first.status, 200);
      assert.deepEqual(
        first.body.data.map((x) => x.id),
        [ids[2], ids[1]],
      );
      const second = await t.api<{ data: Task[]; next_cursor: string | null }>('GET', `/v1/webhooks/${hook.id}/tasks?limit=2&cursor=${first.body.next_cursor}`);
      assert.deepEqual(
        second.body.data.map((x) => x.id),
        [ids[0]],
      );
      assert.equal(second.body.next_cursor, null);

      const now = Date.now();
      for (const [path, body, field] of [
        ['recover', { since: new Date(now + 3_600_000).toISOString() }, 'body.since'],
        ['replay', { since: new Date(now - 60_000).toISOString(), until: new Date(now - 120_000).toISOString() }, 'body.until'],
        ['replay', { since: new Date(now - 60_000).toISOString(), until: new Date(now - 60_000).toISOString() }, 'body.until'],
        ['replay', { since: new Date(now - 40 * 86_400_000).toISOString() }, 'body.since'],
        ['recover', { since: 'yesterday' }, 'since'],
        ['replay', { since: new Date(now - 60_000).toISOString(), only_missing: 'yes' }, 'only_missing'],
        ['replay', { since: new Date(now - 60_000).toISOString(), limit: 3 }, 'limit'],
      ] as const) {
        const r = await t.api<ErrorBody>('POST', `/v1/webhooks/${hook.id}/${path}`, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.code, 'validation_failed');
        assert.ok(
          r.body.error.details.some((d) => d.field.includes(field)),
          `${JSON.stringify(r.body.error)} names ${field}`,
        );
      }
      const listed = await t.api<{ data: Task[] }>('GET', `/v1/webhooks/${hook.id}/tasks`);
      assert.equal(listed.body.data.length, 3, 'a refused request created no task');
    });

    test('another organization gets 404; GET /v1/tasks/{id} serves CRM tasks too, each under its own scope', async () => {
      const hook = await newHook({});
      const task = (await t.api<Task>('POST', `/v1/webhooks/${hook.id}/replay`, { since: new Date(Date.now() - 1000).toISOString() })).body;
      const other = await t.otherKey();
      assert.equal((await t.api<ErrorBody>('GET', `/v1/tasks/${task.id}`, undefined, { key: other })).status, 404);
      assert.equal((await t.api<ErrorBody>('POST', `/v1/webhooks/${hook.id}/replay`, { since: task.since }, { key: other })).status, 404);
      assert.equal((await t.api<ErrorBody>('GET', `/v1/webhooks/${hook.id}/tasks`, undefined, { key: other })).status, 404);
      assert.equal((await t.api<ErrorBody>('GET', '/v1/tasks/task_01ZZZZZZZZZZZZZZZZZZZZZZZZ')).status, 404);

      const crmTask = await t.api<{ id: string; object: string }>('POST', '/v1/tasks', { title: 'Call back' });
      assert.equal(crmTask.status, 201, JSON.stringify(crmTask.body));
      const key = async (...scopes: string[]) => (await t.app.keys.createKey('default', `tasks-${scopes.join('+')}`, undefined, scopes)).key;
      const reader = await key('webhooks:read');
      const crm = await key('crm:read');
      const publisher = await key('events:write');

      const mine = await t.api<Task>('GET', `/v1/tasks/${task.id}`, undefined, { key: reader });
      assert.equal(mine.status, 200);
      assert.equal(mine.body.object, 'background_task');
      const theirs = await t.api<{ object: string; id: string }>('GET', `/v1/tasks/${crmTask.body.id}`, undefined, { key: crm });
      assert.equal(theirs.status, 200);
      assert.equal(theirs.body.object, 'task');
      for (const [id, k, scope] of [
        [task.id, crm, 'webhooks:read'],
        [crmTask.body.id, reader, 'crm:read'],
        [task.id, publisher, 'webhooks:read or crm:read'],
      ] as const) {
        const r = await t.api<ErrorBody>('GET', `/v1/tasks/${id}`, undefined, { key: k });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, 'insufficient_scope');
        assert.ok(r.body.error.message.includes(scope), r.body.error.message);
      }
      const refused = await t.api<ErrorBody>('POST', `/v1/webhooks/${hook.id}/replay`, { since: task.since }, { key: reader });
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /webhooks:write/);
      assert.equal((await t.api('GET', `/v1/webhooks/${hook.id}/tasks`, undefined, { key: reader })).status, 200);
    });

    test('retention removes the tasks that ended before its cutoff (GET answers 404), and no others', async () => {
      const hook = await newHook({});
      const since = new Date(Date.now() - 60_000).toISOString();
      const old = await finished(t, (await t.api<Task>('POST', `/v1/webhooks/${hook.id}/recover`, { since })).body.id);
      const cutoff = Date.parse(old.finished_at!) + 1;
      await pause(5);
      const young = await finished(t, (await t.api<Task>('POST', `/v1/webhooks/${hook.id}/recover`, { since })).body.id);
      assert.ok(Date.parse(young.finished_at!) >= cutoff);
      const counts = await t.app.storage.deliveries.purge(cutoff);
      assert.ok(counts.tasks >= 1);
      assert.equal((await t.api('GET', `/v1/tasks/${old.id}`)).status, 404);
      assert.equal((await t.api<Task>('GET', `/v1/tasks/${young.id}`)).body.status, 'succeeded');
    });
  });
}

if (BACKENDS.includes('postgres')) {
  describe('background tasks across processes on postgres', () => {
    let t: TestApp;
    let rx: Receiver;
    const services: Service[] = [];

    before(async () => {
      // This process only answers the API: the tasks run in the child processes.
      t = await startApp('postgres', {}, { worker: false });
      // Slow answers: the replay's pacing holds it back, so that it is mid-way when killed.
      rx = await startReceiver((_req, _n, res) => void setTimeout(() => res.writeHead(200).end(), 30));
    });
    after(async () => {
      for (const s of services) await s.kill('SIGKILL');
      await t?.close();
      await rx?.close();
    });

    test('a process killed mid-task: another process finishes the task, every event sent once', async () => {
      const since = new Date().toISOString();
      const events: string[] = [];
      for (let i = 0; i < 80; i++)
        events.push((await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).body.id);
      const hook = (await t.api<Hook>('POST', '/v1/webhooks', { url: rx.url, events: ['lead.created'] })).body;
      const env = { ...t.env, LOG_LEVEL: 'warn', SALESOS_ROLE: 'worker', SALESOS_TASK_CHUNK: '4', SALESOS_TASK_LEASE: '2s', SALESOS_RETRY_SCHEDULE: '100ms' };
      const first = await startService(env);
      services.push(first);
      const task = (await t.api<Task>('POST', `/v1/webhooks/${hook.id}/replay`, { since })).body;
      const mid = await waitFor(
        async () => {
          const r = (await t.api<Task>('GET', `/v1/tasks/${task.id}`)).body;
          return r.status === 'running' && r.done >= 8 ? r : null;
        },
        60_000,
        'the task to be under way',
      );
      await first.kill('SIGKILL');
      const atKill = (await t.api<Task>('GET', `/v1/tasks/${task.id}`)).body;
      assert.ok(atKill.done < 80, `killed mid-task (done ${atKill.done} of ${mid.total})`);
      assert.equal(atKill.status, 'running');

      services.push(await startService(env));
      const ended = await finished(t, task.id, 90_000);
      assert.equal(ended.status, 'succeeded');
      assert.equal(ended.total, 80);
      assert.equal(ended.done, 80);
      assert.equal(ended.queued, 80);
      await waitFor(() => new Set(rx.requests.map((r) => verifiedId(r, hook.secret))).size === 80 || null, 60_000, 'every event at the receiver');
      assert.deepEqual(new Set(rx.requests.map((r) => verifiedId(r, hook.secret))), new Set(events));
      // One replay delivery per event: the chunk under way when the process died was not written twice.
      const page1 = await t.api<{ data: Delivery[]; next_cursor: string | null }>('GET', `/v1/webhooks/${hook.id}/deliveries?limit=100`);
      assert.equal(page1.body.data.length, 80);
      assert.equal(new Set(page1.body.data.map((d) => d.event_id)).size, 80);
    });
  });
}
