// The API commands of `salesos` driven as a user runs them against a running server, on both
// backends: webhooks, events, deliveries, tail and a second tenant. The commands run in this
// process (runCli: the CLI's entry function, its output and exit code captured); an API error
// and tail (which runs until Ctrl-C) run the real bin as a child process.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { apiEnv, cliEnv, runBin, runCli, runJson, startCli, type CliProcess } from './cli-helpers.ts';
import { BACKENDS, eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

interface WebhookJson {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
  secret?: string;
}
interface DeliveryJson {
  id: string;
  event_id: string;
  event_type: string;
  webhook_id: string;
  status: string;
  attempt_count: number;
  attempts?: Array<{ attempt_number: number; trigger: string; response_status: number | null }>;
}
interface EventJson {
  id: string;
  type: string;
  data: { object: Record<string, unknown> };
  test?: true;
  deliveries: DeliveryJson[];
}

for (const backend of BACKENDS) {
  describe(`salesos CLI on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    let env: Record<string, string>;
    const live: CliProcess[] = [];
    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver();
      env = apiEnv(t);
    });
    after(async () => {
      for (const p of live) await p.stop();
      await rx?.close();
      await t?.close();
    });

    test('webhooks create, list, show, update, rotate-secret and delete', async () => {
      const created = await runCli(['webhooks', 'create', '--url', rx.url, '--events', 'lead.*,opportunity.won', '--description', 'CLI test'], env);
      assert.equal(created.code, 0, created.stderr);
      const id = /Created webhook (wh_\w+)/.exec(created.stdout)?.[1];
      const secret = /Signing secret: (whsec_\S+)/.exec(created.stdout)?.[1];
      assert.ok(id && secret, created.stdout);

      const list = await runJson<WebhookJson[]>(['webhooks', 'list'], env);
      const listed = list.find((w) => w.id === id);
      assert.deepEqual(listed?.events, ['lead.*', 'opportunity.won']);
      assert.equal(listed?.description, 'CLI test');
      assert.equal(listed?.secret, undefined);
      const human = await runCli(['webhooks', 'list'], env);
      assert.match(human.stdout, new RegExp(`${id}\\s+enabled\\s+${rx.url.replace(/[/.]/g, '\\$&')}`));

      const updated = await runJson<WebhookJson>(['webhooks', 'update', id, '--disable', '--events', 'lead.created'], env);
      assert.equal(updated.enabled, false);
      assert.deepEqual(updated.events, ['lead.created']);
      assert.equal((await runJson<WebhookJson>(['webhooks', 'show', id], env)).enabled, false);

      const rotated = await runJson<{ secret: string }>(['webhooks', 'rotate-secret', id], env);
      assert.match(rotated.secret, /^whsec_/);
      assert.notEqual(rotated.secret, secret);
      assert.equal((await t.api<{ secret: string }>('GET', `/v1/webhooks/${id}/secret`)).body.secret, rotated.secret);
      const signing = await runCli(['webhooks', 'secrets', id], env);
      assert.equal(signing.code, 0, signing.stderr);
      assert.match(signing.stdout, /whs_\S+\s+current, since /);
      assert.match(signing.stdout, /whs_\S+\s+previous, stops /);

      const deleted = await runCli(['webhooks', 'delete', id], env);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.match(deleted.stdout, new RegExp(`Deleted webhook ${id}`));
      assert.equal((await t.api('GET', `/v1/webhooks/${id}`)).status, 404);
    });

    test('webhooks create and update take the delivery settings; get shows them, secret header values masked', async () => {
      const created = await runJson<WebhookJson & Record<string, unknown>>(
        [
          'webhooks',
          'create',
          '--url',
          rx.url,
          '--events',
          'lead.*',
          '--retry-schedule',
          '1s,1m',
          '--timeout',
          '10s',
          '--max-in-flight',
          '4',
          '--rate-limit',
          '20',
          '--header',
          'X-Tenant: acme',
          '--secret-header',
          'Authorization: Bearer s3cr3t',
          '--ordering',
          'per_object',
          '--filter',
          '{"path": "data.object.status", "op": "in", "value": ["new", "qualified"]}',
        ],
        env,
      );
      assert.deepEqual(created.filter, { path: 'data.object.status', op: 'in', value: ['new', 'qualified'] });
      assert.deepEqual(
        [created.retry_schedule, created.timeout, created.max_in_flight, created.rate_limit, created.headers, created.ordering],
        ['1s,1m', '10s', 4, 20, { 'X-Tenant': 'acme', Authorization: { value: '••••', secret: true } }, 'per_object'],
      );
      const shown = await runCli(['webhooks', 'get', created.id], env);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /retry schedule\s+1s,1m/);
      assert.match(shown.stdout, /rate limit\s+20\/s/);
      assert.match(shown.stdout, /Authorization: •••• \(secret\)/);
      assert.match(shown.stdout, /filter\s+\{"path":"data\.object\.status","op":"in","value":\["new","qualified"\]\}/);
      assert.ok(!shown.stdout.includes('s3cr3t'));
      const updated = await runJson<Record<string, unknown>>(
        ['webhooks', 'update', created.id, '--timeout', 'default', '--rate-limit', '5', '--clear-headers', '--filter', 'default'],
        env,
      );
      assert.deepEqual([updated.timeout, updated.rate_limit, updated.headers, updated.retry_schedule, updated.filter], [null, 5, null, '1s,1m', null]);
      const badFilter = await runCli(['webhooks', 'update', created.id, '--filter', '{"path": "data.object.amount", "op": "gt=", "value": 1}'], env);
      assert.equal(badFilter.code, 1);
      assert.match(badFilter.stderr, /body\.filter\.op unknown operator "gt="/);
      const notJson = await runCli(['webhooks', 'update', created.id, '--filter', 'amount > 5'], env);
      assert.notEqual(notJson.code, 0);
      assert.match(notJson.stderr, /expected a JSON object/);
      const bad = await runCli(['webhooks', 'update', created.id, '--timeout', '1m'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /body\.timeout/);
    });

    test('an API error exits 1 with its code and message, and no stack trace', async () => {
      // The real process: its exit status and all it printed.
      const r = await runBin(['webhooks', 'show', 'wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^salesos: API error 404 not_found: .*wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD/);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);

      const bad = await runCli(['webhooks', 'list', '--api-key', 'sos_not_a_real_key'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /API error 401 unauthorized/);
    });

    test('events trigger publishes a realistic sample that is delivered, signed', async () => {
      const hook = await runJson<WebhookJson>(['webhooks', 'create', '--url', rx.url, '--events', 'opportunity.*'], env);
      const before = rx.requests.length;
      const r = await runCli(['events', 'trigger', 'opportunity.won'], env);
      assert.equal(r.code, 0, r.stderr);
      const eventId = /Triggered opportunity\.won (evt_\w+): queued 1 delivery/.exec(r.stdout)?.[1];
      assert.ok(eventId, r.stdout);
      const req = await waitFor(() => rx.requests.slice(before).find((q) => q.headers['webhook-id'] === eventId));
      const payload = new StandardWebhook(hook.secret!).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }) as { type: string; data: { object: { object: string; stage: string } } };
      assert.equal(payload.type, 'opportunity.won');
      assert.equal(payload.data.object.object, 'opportunity');
      assert.equal(payload.data.object.stage, 'closed_won');

      const json = await runJson<EventJson>(['events', 'trigger', 'opportunity.lost'], env);
      assert.equal(json.type, 'opportunity.lost');
      assert.equal(json.deliveries.length, 1);
      assert.equal(json.deliveries[0].webhook_id, hook.id);

      const events = await runJson<Array<{ id: string; type: string }>>(['events', 'list', '--type', 'opportunity.won'], env);
      assert.ok(events.some((e) => e.id === eventId));
      assert.ok(events.every((e) => e.type === 'opportunity.won'));
      const shown = await runJson<EventJson>(['events', 'show', eventId], env);
      assert.equal(shown.deliveries[0].webhook_id, hook.id);
    });

    test('deliveries list, show (with attempts) and retry', async () => {
      const hook = await runJson<WebhookJson>(['webhooks', 'create', '--url', rx.url, '--events', 'quote.*'], env);
      const ev = await runJson<EventJson>(['events', 'trigger', 'quote.sent'], env);
      assert.equal(ev.test, true, 'a triggered event is a test event');
      const deliveryId = ev.deliveries[0].id;
      await waitFor(async () => (await t.api<DeliveryJson>('GET', `/v1/deliveries/${deliveryId}`)).body.status === 'succeeded');

      const list = await runJson<DeliveryJson[]>(['deliveries', 'list', '--webhook', hook.id, '--status', 'succeeded', '--event-type', 'quote.sent'], env);
      assert.deepEqual(
        list.map((d) => d.id),
        [deliveryId],
      );
      assert.deepEqual(await runJson<DeliveryJson[]>(['deliveries', 'list', '--webhook', hook.id, '--status', 'failed'], env), []);
      // Across webhooks: several statuses, an event, a time range, the answer's class.
      const across = await runJson<DeliveryJson[]>(['deliveries', 'list', '--status', 'failed', 'succeeded', '--event', ev.id, '--answer', '2xx'], env);
      assert.deepEqual(
        across.map((d) => d.id),
        [deliveryId],
      );
      assert.deepEqual(await runJson<DeliveryJson[]>(['deliveries', 'list', '--since', new Date(Date.now() + 60_000).toISOString()], env), []);
      const about = await runJson<EventJson[]>(['events', 'list', '--object', String(ev.data.object.id), '--type', 'quote.sent', 'quote.approved'], env);
      assert.deepEqual(
        about.map((e) => e.id),
        [ev.id],
      );
      const badClass = await runCli(['deliveries', 'list', '--answer', '6xx'], env);
      assert.equal(badClass.code, 2, 'a usage error');
      assert.match(badClass.stderr, /--answer/);

      const shown = await runCli(['deliveries', 'show', deliveryId], env);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /status\s+succeeded/);
      assert.match(shown.stdout, /Attempt 1 \(scheduled\) at .*: 200 in \d+ms/);

      const retried = await runJson<DeliveryJson>(['deliveries', 'retry', deliveryId], env);
      assert.equal(retried.status, 'pending');
      const done = await waitFor(async () => {
        const d = await runJson<DeliveryJson>(['deliveries', 'show', deliveryId], env);
        return d.attempts!.length === 2 && d;
      });
      assert.equal(done.attempts![1].trigger, 'manual');
      assert.equal(done.attempts![1].response_status, 200);

      const missing = await runCli(['deliveries', 'retry', 'dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /API error 404 not_found/);
    });

    test('deliveries tail prints a new delivery and its outcome until interrupted', async () => {
      const failing = await startReceiver((_req, _n, res) => void res.writeHead(500).end('nope'));
      try {
        const hook = await runJson<WebhookJson>(['webhooks', 'create', '--url', failing.url, '--events', 'meeting.scheduled'], env);
        const tail = startCli(['deliveries', 'tail', '--webhook', hook.id, '--interval', '200'], env);
        live.push(tail);
        await tail.waitFor(/Tailing deliveries/, { from: 'stderr' });
        const ev = await runJson<EventJson>(['events', 'trigger', 'meeting.scheduled'], env);
        const id = ev.deliveries[0].id;
        // One line per change of the delivery, down to its final status after 6 attempts.
        await tail.waitFor(new RegExp(`${id}\\s+meeting\\.scheduled\\s+${hook.id}\\s+failed\\s+attempt 6: 500 in \\d+ms`));
        await runJson(['webhooks', 'update', hook.id, '--disable'], env);
        assert.equal(await tail.stop(), 0);
      } finally {
        await failing.close();
      }
    });

    test('webhooks recover follows its task to the end; webhooks test sends a sample', async () => {
      let fail = true;
      const flaky = await startReceiver((_req, _n, res) => void res.writeHead(fail ? 500 : 200).end());
      try {
        const hook = await runJson<WebhookJson>(['webhooks', 'create', '--url', flaky.url, '--events', 'task.completed'], env);
        const sent = await runJson<{ event: { id: string; type: string }; delivery_id: string }>(['webhooks', 'test', hook.id], env);
        assert.equal(sent.event.type, 'task.completed');
        await waitFor(async () => (await t.api<DeliveryJson>('GET', `/v1/deliveries/${sent.delivery_id}`)).body.status === 'failed', 30_000);
        fail = false;
        const r = await runCli(['webhooks', 'recover', hook.id, '--since', '1h'], env);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /Started recover task task_\w+ of wh_/);
        assert.match(r.stdout, /succeeded 1\/1/);
        assert.match(r.stdout, /Done: 1 of 1 handled, 1 delivery re-queued/);
        await waitFor(async () => (await t.api<DeliveryJson>('GET', `/v1/deliveries/${sent.delivery_id}`)).body.status === 'succeeded');
        const bad = await runCli(['webhooks', 'recover', hook.id, '--since', 'yesterday-ish'], env);
        assert.equal(bad.code, 2);
        const future = await runCli(['webhooks', 'recover', hook.id, '--since', '2h', '--until', '3h'], env);
        assert.equal(future.code, 1);
        assert.match(future.stderr, /until must be after since/);
      } finally {
        await flaky.close();
      }
    });

    test('webhooks stats prints totals, success rate, p50/p95 and the buckets; --json answers the API body', async () => {
      const hook = await runJson<WebhookJson>(['webhooks', 'create', '--url', rx.url, '--events', 'meeting.scheduled'], env);
      const sent = await runJson<{ delivery_id: string }>(['webhooks', 'test', hook.id], env);
      await waitFor(async () => (await t.api<DeliveryJson>('GET', `/v1/deliveries/${sent.delivery_id}`)).body.status === 'succeeded');
      const r = await runCli(['webhooks', 'stats', hook.id, '--since', '1h', '--bucket', '5m'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Webhook ${hook.id} from .+ to .+, buckets of 5m$`, 'm'));
      assert.match(r.stdout, /^success rate {2}100%$/m);
      assert.match(r.stdout, /^delivered {5}1$/m);
      assert.match(r.stdout, /^failed {8}0$/m);
      assert.match(r.stdout, /^attempts {6}1 \(2xx 1\)$/m);
      assert.match(r.stdout, /^latency {7}p50 \d+ ms, p95 \d+ ms$/m);
      const lines = r.stdout.split('\n');
      const head = lines.findIndex((l) => /^FROM +DELIVERED +FAILED +ATTEMPTS +FAILED ATTEMPTS +P50 +P95$/.test(l));
      assert.ok(head > 0, r.stdout);
      const rows = lines.slice(head + 1).filter(Boolean);
      assert.ok(rows.length === 12 || rows.length === 13, `an hour in buckets of 5 minutes: ${rows.length}`);
      assert.equal(rows.filter((l) => / 1 +0 +1 +- +\d+ ms +\d+ ms$/.test(l)).length, 1, r.stdout);

      const json = await runJson<{ bucket: string; totals: { delivered: number; attempts_by_outcome: Record<string, number> }; success_rate: number }>(
        ['webhooks', 'stats', hook.id],
        env,
      );
      assert.deepEqual([json.bucket, json.totals.delivered, json.totals.attempts_by_outcome['2xx'], json.success_rate], ['1h', 1, 1, 1]);
      const bad = await runCli(['webhooks', 'stats', hook.id, '--bucket', '2m'], env);
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /2m/);
    });

    test('webhooks replay backfills a new webhook, --only-missing and --no-wait; tasks get shows the task', async () => {
      const since = new Date().toISOString();
      const ev = (await t.api<{ id: string }>('POST', '/v1/events', { type: 'meeting.scheduled', data: eventData('meeting.scheduled') })).body;
      const hook = await runJson<WebhookJson>(['webhooks', 'create', '--url', rx.url, '--events', 'meeting.scheduled'], env);
      const r = await runCli(['webhooks', 'replay', hook.id, '--since', since], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Started replay task task_\w+/);
      assert.match(r.stdout, /Done: (\d+) of \1 handled/);
      const json = await runJson<{ id: string; status: string; kind: string; only_missing: boolean; done: number; total: number }>(
        ['webhooks', 'replay', hook.id, '--since', since, '--only-missing', '--json'],
        env,
      );
      assert.equal(json.status, 'succeeded');
      assert.equal(json.only_missing, true);
      assert.equal(json.done, json.total);
      const queued = await runCli(['webhooks', 'replay', hook.id, '--since', since, '--no-wait'], env);
      assert.equal(queued.code, 0, queued.stderr);
      const id = /task_[0-9A-Z]{26}/.exec(queued.stdout)![0];
      assert.match(queued.stdout, new RegExp(`salesos tasks get ${id}`));
      await waitFor(async () => (await t.api<{ status: string }>('GET', `/v1/tasks/${id}`)).body.status === 'succeeded');
      const shown = await runCli(['tasks', 'get', id], env);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /kind +replay/);
      assert.match(shown.stdout, /status +succeeded/);
      assert.match(shown.stdout, /progress +(\d+)\/\1/);
      assert.ok(ev.id);
      const missing = await runCli(['tasks', 'get', 'task_01ZZZZZZZZZZZZZZZZZZZZZZZZ'], env);
      assert.equal(missing.code, 1);
    });

    test('keys create --org makes a second tenant that sees only its own webhooks', async () => {
      const org = `cli-tenant-${backend}`;
      const r = await runCli(['keys', 'create', '--org', org, '--json'], cliEnv({ ...t.env }));
      assert.equal(r.code, 0, r.stderr);
      const created = JSON.parse(r.stdout) as { key: string; organization: string; organization_created: boolean };
      assert.equal(created.organization, org);
      assert.equal(created.organization_created, true);

      const other = apiEnv(t, { SALESOS_API_KEY: created.key });
      assert.deepEqual(await runJson<WebhookJson[]>(['webhooks', 'list'], other), []);
      const mine = await runJson<WebhookJson>(['webhooks', 'create', '--url', rx.url, '--events', 'order.created'], other);
      const theirs = (await t.api<{ data: WebhookJson[] }>('GET', '/v1/webhooks')).body.data;
      assert.ok(!theirs.some((w) => w.id === mine.id));
      const cross = await runCli(['webhooks', 'show', theirs[0].id], other);
      assert.equal(cross.code, 1);
      assert.match(cross.stderr, /404 not_found/);

      // Scoped keys: shown at creation and in the list, enforced by the API.
      const scoped = await runCli(['keys', 'create', '--org', org, '--name', 'reader', '--scopes', 'webhooks:read,events:write'], cliEnv({ ...t.env }));
      assert.equal(scoped.code, 0, scoped.stderr);
      assert.match(scoped.stdout, /with scopes webhooks:read, events:write/);
      const key = scoped.stdout.trim().split('\n').pop()!;
      const listed = await runCli(['keys', 'list', '--org', org], cliEnv({ ...t.env }));
      assert.match(listed.stdout, /reader\s+active\s+webhooks:read,events:write/);
      assert.match(listed.stdout, /cli\s+active\s+\*/);
      const refused = await runCli(['webhooks', 'create', '--url', rx.url, '--events', 'order.created'], apiEnv(t, { SALESOS_API_KEY: key }));
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /403 insufficient_scope/);
      const bad = await runCli(['keys', 'create', '--org', org, '--scopes', 'webhooks:admin'], cliEnv({ ...t.env }));
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Unknown scope webhooks:admin/);
    });
  });
}
