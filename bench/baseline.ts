// The baseline: the dispatcher a Node team would build on pg-boss 10 instead of SalesOS. An HTTP
// endpoint accepts an event and enqueues one job per matching webhook (one insert for all of
// them); workers fetch jobs in batches (`work()` with batchSize), POST each signed payload inside
// the handler, and leave retries to pg-boss (failed jobs go back with its retry delay/backoff).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import PgBoss from 'pg-boss';
import { Agent, request } from 'undici';
import { deliveryHeaders } from '../src/delivery/signer.ts';

interface Hook {
  url: string;
  secret: string;
  prefix: string;
}
interface DeliveryJob {
  url: string;
  secret: string;
  eventId: string;
  type: string;
  body: string;
}

const QUEUE = 'webhook-delivery';
const hooks: Hook[] = JSON.parse(process.env.BENCH_HOOKS ?? '[]');
const workers = Number(process.env.BENCH_WORKERS ?? 8);
const batchSize = Number(process.env.BENCH_BATCH ?? 50);
const org = 'org_01JBENCHBENCHBENCHBENCHBEN';

const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: process.env.BOSS_SCHEMA, max: 20, schedule: false });
boss.on('error', (e) => console.error('pg-boss:', e.message));
await boss.start();
await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 60 });

const agent = new Agent({ connections: 32, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
let counter = 0;

async function deliver(job: PgBoss.Job<DeliveryJob>): Promise<boolean> {
  const d = job.data;
  try {
    const headers = deliveryHeaders({ secrets: [d.secret], eventId: d.eventId, eventType: d.type, body: d.body, attempt: 1 });
    const res = await request(d.url, { method: 'POST', headers, body: d.body, dispatcher: agent, signal: AbortSignal.timeout(30_000) });
    await res.body.dump();
    return res.statusCode >= 200 && res.statusCode < 300;
  } catch {
    return false;
  }
}

for (let i = 0; i < workers; i++) {
  await boss.work<DeliveryJob>(QUEUE, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    const results = await Promise.all(jobs.map(deliver));
    const failed = jobs.filter((_, k) => !results[k]).map((j) => j.id);
    // The rest of the batch completes when the handler returns; failed ones retry on their own.
    if (failed.length) await boss.fail(QUEUE, failed);
  });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: unknown };
      const now = Date.now();
      const eventId = `evt_${now}_${counter++}`;
      const head = { id: eventId, type: input.type, created_at: new Date(now).toISOString(), organization_id: org };
      const body = `${JSON.stringify(head).slice(0, -1)},"data":${JSON.stringify(input.data)}}`;
      const jobs = hooks
        .filter((h) => input.type.startsWith(h.prefix))
        .map((h) => ({
          name: QUEUE,
          data: { url: h.url, secret: h.secret, eventId, type: input.type, body },
          retryLimit: 5,
          retryDelay: 60,
          retryBackoff: true,
        }));
      if (jobs.length) await boss.insert(jobs);
      res.writeHead(202, { 'content-type': 'application/json' }).end(`{"id":"${eventId}"}`);
    })().catch((e: Error) => res.writeHead(500).end(e.message));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send!({ ready: true, port: (server.address() as AddressInfo).port }));

process.on('disconnect', () => {
  server.close();
  void boss.stop({ graceful: false, wait: false }).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
});
