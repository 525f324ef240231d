// Several `salesos serve --role worker` processes sharing one PostgreSQL queue: the work is
// shared and never sent twice, and work a worker holds for a webhook another process changed is
// not sent as it was.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startReceiver, waitFor, type Receiver } from './helpers.ts';
import { api, KEY, publishMany, queryStore, startService, storage, type Service } from './process-helpers.ts';

describe('several workers on one PostgreSQL queue', () => {
  const services: Service[] = [];
  let rx: Receiver;
  after(async () => {
    for (const s of services) await s.kill();
    await rx?.close();
  });

  test('share the work and never send the same attempt twice', async () => {
    rx = await startReceiver();
    const env = { ...storage('postgres'), SALESOS_API_KEY: KEY };
    const apiProc = await startService(env, ['--role', 'api']);
    services.push(apiProc);
    for (let i = 0; i < 2; i++) services.push(await startService(env, ['--role', 'worker']));
    assert.equal((await fetch(`${services[1].url}/v1/webhooks`)).status, 404, 'a worker serves nothing but operations');
    assert.equal((await fetch(`${services[1].url}/healthz`)).status, 200);
    assert.equal((await api(apiProc.url, 'POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).status, 201);
    const ids = await publishMany(apiProc.url, 400);
    await rx.waitFor(400, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const received = rx.requests.map((r) => String(r.headers['webhook-id']));
    assert.equal(received.length, 400, 'no duplicates');
    assert.deepEqual(new Set(received), new Set(ids));
  });

  for (const change of ['disabled', 'moved to another URL'] as const) {
    test(`work a worker holds for a webhook that another process ${change === 'disabled' ? 'disabled' : 'moved to another URL'} is not sent as it was`, async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const old = await startReceiver(async (_req, n, res) => {
        if (n === 0) await gate;
        res.writeHead(200).end();
      });
      const moved = await startReceiver();
      try {
        // One attempt per endpoint at a time and a 30 s timeout (a 65 s lease): the worker holds
        // the second delivery while the first is under way, longer than this test waits.
        const env = { ...storage('postgres'), SALESOS_API_KEY: KEY, SALESOS_MAX_PER_ENDPOINT: '1', SALESOS_DELIVERY_TIMEOUT: '30s' };
        const apiProc = await startService(env, ['--role', 'api']);
        services.push(apiProc);
        services.push(await startService(env, ['--role', 'worker']));
        const hook = (await api(apiProc.url, 'POST', '/v1/webhooks', { url: old.url, events: ['*'] })).body as { id: string };
        const deliveries = async () =>
          (await api(apiProc.url, 'GET', `/v1/webhooks/${hook.id}/deliveries`)).body.data as Array<{
            status: string;
            next_attempt_at: string | null;
            attempt_count: number;
          }>;
        await publishMany(apiProc.url, 1, 1);
        await old.waitFor(1);
        await publishMany(apiProc.url, 1, 1);
        await waitFor(
          async () => {
            const list = await deliveries();
            return list.length === 2 && list.every((d) => d.status === 'pending' && d.next_attempt_at === null);
          },
          15_000,
          'two leased deliveries',
        );
        const leases = () =>
          queryStore<{ id: string; lease_token: string | null }>(
            'postgres',
            env,
            `SELECT id, lease_token FROM deliveries WHERE webhook_id = '${hook.id}' ORDER BY id`,
          );
        const before = await leases();
        assert.equal((await api(apiProc.url, 'PATCH', `/v1/webhooks/${hook.id}`, change === 'disabled' ? { enabled: false } : { url: moved.url })).status, 200);
        // The worker gives the held delivery back (to wait while the webhook is disabled, or to be
        // claimed again as it is now) instead of keeping it for its lease; the one under way keeps
        // its lease.
        await waitFor(async () => (await leases()).some((d, i) => d.lease_token !== before[i].lease_token), 15_000, 'the held delivery given back');
        open();
        if (change === 'disabled') {
          await waitFor(async () => (await deliveries()).some((d) => d.status === 'succeeded'), 15_000, 'the first delivered');
          await new Promise((r) => setTimeout(r, 500));
          assert.equal(old.requests.length, 1, 'nothing sent for the disabled webhook');
          assert.equal((await api(apiProc.url, 'PATCH', `/v1/webhooks/${hook.id}`, { enabled: true })).status, 200);
          await old.waitFor(2);
        } else {
          await moved.waitFor(1);
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(old.requests.length, 1, 'nothing more sent to the old URL');
        }
        await waitFor(async () => (await deliveries()).every((d) => d.status === 'succeeded' && d.attempt_count === 1) || null, 15_000, 'both delivered once');
      } finally {
        open();
        await old.close();
        await moved.close();
      }
    });
  }
});
