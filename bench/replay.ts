// `node --import tsx bench/replay.ts [--events=100000] [--sqlite]`: a replay of a large window
// (100,000 events by default, stored before the webhook exists: a backfill) while live events
// keep coming for the same webhook. Reports how long the task took, how far live deliveries
// were held back meanwhile (publish to receipt), and how long API reads took during it. One
// process (API, worker and task runner), a local receiver answering 200 at once. A rough figure
// for docs/operations.md, not a benchmark of record.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, createLogger } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { sampleEventData } from '../src/events/samples.ts';
import { newId } from '../src/ids.ts';
import type { NewEvent } from '../src/store/ports.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const EVENTS = arg('events', 100_000);
const SQLITE = process.argv.includes('--sqlite');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_replay_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'salesos-replay-'));

const sentAt = new Map<string, number>();
const live: number[] = [];
let received = 0;
const server = createServer((req, res) => {
  const id = String(req.headers['webhook-id']);
  received++;
  const t = sentAt.get(id);
  if (t !== undefined) live.push(Date.now() - t);
  req.resume();
  req.on('end', () => res.writeHead(200).end());
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

const config = loadConfig({
  LOG_LEVEL: 'silent',
  SALESOS_DATA_DIR: dir,
  SALESOS_RATE_LIMIT: '1000000',
  ...(SQLITE ? {} : { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema }),
});
const app = await createApp(config, { logger: createLogger({ logLevel: 'silent' }) });
await app.http.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
const { key, record } = await app.keys.createKey('default', 'bench');
const organizationId = record.organization_id;
const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as T;
};

// The window's events, stored directly (no webhook yet: nothing is queued).
const since = new Date(Date.now() - 1000).toISOString();
for (let i = 0; i < EVENTS; i += 1000) {
  const batch: NewEvent[] = [];
  for (let j = i; j < Math.min(EVENTS, i + 1000); j++) {
    const now = Date.now();
    const id = newId('evt', now);
    const body = JSON.stringify({
      id,
      type: 'lead.created',
      created_at: new Date(now).toISOString(),
      organization_id: organizationId,
      data: { object: { id: `lead_${j}` } },
    });
    batch.push({ organization_id: organizationId, id, type: 'lead.created', idempotency_key: null, body, created_at: now });
  }
  await app.storage.outbox.publish(batch, []);
}
const hook = await api<{ id: string }>('POST', '/v1/webhooks', { url, events: ['lead.*'] });
const started = Date.now();
const task = await api<{ id: string }>('POST', `/v1/webhooks/${hook.id}/replay`, { since });

// Live traffic meanwhile: one event every 50 ms; and an API read every 200 ms.
const reads: number[] = [];
let stop = false;
const liveLoop = (async () => {
  while (!stop) {
    const t0 = Date.now();
    const e = await api<{ id: string }>('POST', '/v1/events', { type: 'lead.updated', data: sampleEventData('lead.updated') });
    sentAt.set(e.id, t0);
    await new Promise((r) => setTimeout(r, 50));
  }
})();
let status = 'queued';
let done = 0;
while (status !== 'succeeded' && status !== 'failed') {
  const t0 = Date.now();
  const t = await api<{ status: string; done: number; total: number }>('GET', `/v1/tasks/${task.id}`);
  reads.push(Date.now() - t0);
  status = t.status;
  done = t.done;
  await new Promise((r) => setTimeout(r, 200));
}
const taskMs = Date.now() - started;
stop = true;
await liveLoop;
await new Promise((r) => setTimeout(r, 2000));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
console.log(
  JSON.stringify(
    {
      backend: SQLITE ? 'sqlite' : 'postgres',
      events: EVENTS,
      task: { status, done, seconds: taskMs / 1000, events_per_second: Math.round(EVENTS / (taskMs / 1000)) },
      live_deliveries: { count: live.length, p50_ms: pct(live, 50), p95_ms: pct(live, 95), max_ms: pct(live, 100) },
      api_read_ms: { p50: pct(reads, 50), p95: pct(reads, 95), max: pct(reads, 100) },
      received,
    },
    null,
    2,
  ),
);
await app.close();
server.close();
if (!SQLITE) {
  const { PgConnection } = await import('../src/store/postgres/connection.ts');
  const db = await PgConnection.open(PG_URL);
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
}
rmSync(dir, { recursive: true, force: true });
