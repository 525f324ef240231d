// Load: 200 concurrent API clients (each with its own key of one organization) publish events
// and list them against a `serve` child process on PostgreSQL, which also delivers every event
// to a receiver. No request may fail; latency percentiles go to the report.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { KeyService } from '../../src/orgs/keys.ts';
import { startReceiver, type Receiver, eventData } from '../helpers.ts';
import { CI, call, fmtMs, newApiKey, percentile, section, startService, tempDb, type Service, type TempDb } from './support.ts';

const CLIENTS = 200;
// 60 s on a developer machine; 20 s in CI to save CI time (LOAD_SECONDS overrides both).
const SECONDS = Number(process.env.LOAD_SECONDS ?? (CI ? 20 : 60));
const check = section(
  import.meta.url,
  'Load',
  `${CLIENTS} concurrent clients for ${SECONDS} s${CI ? ' (20 s in CI, to save CI time; 60 s elsewhere)' : ''}, each alternating \`POST /v1/events\` and \`GET /v1/events?limit=20\`, against one \`serve\` process (API and worker) on PostgreSQL that delivers every event to a local receiver. Load generator and service share the machine's 2 cores.`,
  7,
);

describe(`load: ${CLIENTS} clients for ${SECONDS} s`, () => {
  let db: TempDb;
  let svc: Service;
  let rx: Receiver;
  const key = newApiKey();
  before(async () => {
    db = await tempDb('postgres');
    rx = await startReceiver();
    svc = await startService({ ...db.env, SALESOS_API_KEY: key, SALESOS_RETRY_SCHEDULE: '1s,2s,5s', SALESOS_DELIVERY_TIMEOUT: '5s' });
  });
  after(async () => {
    await svc?.kill();
    await rx?.close();
    await db?.drop();
  });

  check(
    `${CLIENTS} concurrent clients publish and list with no errors`,
    async (fig) => {
      const hook = await call(svc.url, key, 'POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      assert.equal(hook.status, 201);
      // One key per client, so that the per-key rate limit (2,000/s) is not what is measured.
      const keys = new KeyService(db.storage.keys);
      const clientKeys = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => (await keys.createKey('default', `load-${i}`)).key));

      const latency = { publish: [] as number[], list: [] as number[] };
      const errors: string[] = [];
      let errorCount = 0;
      const t0 = Date.now();
      const deadline = t0 + SECONDS * 1000;
      await Promise.all(
        clientKeys.map(async (k, c) => {
          for (let i = 0; Date.now() < deadline; i++) {
            const publish = (i + c) % 2 === 0;
            const started = performance.now();
            try {
              const res = await fetch(`${svc.url}/v1/events${publish ? '' : '?limit=20'}`, {
                method: publish ? 'POST' : 'GET',
                headers: { authorization: `Bearer ${k}`, ...(publish ? { 'content-type': 'application/json' } : {}) },
                body: publish
                  ? JSON.stringify({
                      type: 'opportunity.updated',
                      data: eventData('opportunity.updated'),
                    })
                  : undefined,
                signal: AbortSignal.timeout(30_000),
              });
              await res.arrayBuffer();
              if (res.status !== (publish ? 202 : 200)) throw new Error(`HTTP ${res.status}`);
              latency[publish ? 'publish' : 'list'].push(performance.now() - started);
            } catch (e) {
              errorCount++;
              if (errors.length < 5) errors.push(`${publish ? 'publish' : 'list'}: ${(e as Error).message}`);
            }
          }
        }),
      );
      const elapsed = (Date.now() - t0) / 1000;
      const total = latency.publish.length + latency.list.length;
      const [{ n: stored }] = await db.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      const [{ n: delivered }] = await db.db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE status = 'succeeded'");
      const stats = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return `p50 ${fmtMs(percentile(s, 50))}, p95 ${fmtMs(percentile(s, 95))}, p99 ${fmtMs(percentile(s, 99))}, max ${fmtMs(s[s.length - 1] ?? 0)}`;
      };
      fig('requests', `${total} in ${elapsed.toFixed(1)} s = ${Math.round(total / elapsed)} requests/s`);
      fig('POST /v1/events', `${latency.publish.length} (${Math.round(latency.publish.length / elapsed)}/s): ${stats(latency.publish)}`);
      fig('GET /v1/events', `${latency.list.length} (${Math.round(latency.list.length / elapsed)}/s): ${stats(latency.list)}`);
      fig('errors', errorCount ? `${errorCount}: ${errors.join('; ')}` : 0);
      fig('events stored / delivered by the end of the run', `${stored} / ${delivered}`);
      assert.equal(errorCount, 0, errors.join('; '));
      assert.equal(stored, latency.publish.length, 'every 202 is a stored event');
    },
    { timeout: 5 * 60_000 },
  );
});
