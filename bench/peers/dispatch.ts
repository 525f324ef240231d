// What every peer dispatcher shares, as a Node team would write it around its queue library: an
// HTTP endpoint that accepts an event and hands its deliveries (one per matching webhook) to the
// queue, and the delivery itself — the signed POST of the event's body over a keep-alive undici
// pool, an error on anything but a 2xx so that the library retries it. Each peer (pg-boss.ts,
// graphile-worker.ts, bullmq.ts) adds only its queue: how jobs are enqueued and worked.
//
// A peer runs in a child process of the benchmark: its webhooks come in BENCH_HOOKS (JSON), its
// tuning in BENCH_SETTING (JSON); it answers `{ready, port}` on the IPC channel once listening and
// stops when the channel closes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { signedHeaders } from '../sign.ts';

export interface Hook {
  url: string;
  secret: string;
  /** The event types it subscribes to: those starting with this. */
  prefix: string;
}

/** One delivery as a job: the webhook (an index into the hooks every process knows) and the event. */
export interface DeliveryJob {
  hook: number;
  eventId: string;
  type: string;
  body: string;
}

export const QUEUE = 'webhook-delivery';
/** Attempts per delivery before the library gives up: the first and 5 retries, with backoff. */
export const ATTEMPTS = 6;

export const hooks: Hook[] = JSON.parse(process.env.BENCH_HOOKS ?? '[]');

/** This peer's tuning (concurrency, batch size, …), as the benchmark chose it for this run. */
export function setting<T extends object>(): T {
  return JSON.parse(process.env.BENCH_SETTING ?? '{}') as T;
}

const ORG = 'org_01JBENCHBENCHBENCHBENCHBEN';
let counter = 0;

/** The event as SalesOS delivers it: envelope and data, serialized once for all its deliveries. */
function envelope(type: string, data: unknown): { eventId: string; body: string } {
  const now = Date.now();
  const eventId = `evt_${now.toString(36)}${String(counter++ % 1e12).padStart(18, '0')}`;
  const head = { id: eventId, type, created_at: new Date(now).toISOString(), organization_id: ORG };
  return { eventId, body: `${JSON.stringify(head).slice(0, -1)},"data":${JSON.stringify(data)}}` };
}

/** The jobs of one event: one per webhook that subscribes to its type. */
export function jobsFor(type: string, data: unknown): DeliveryJob[] {
  const { eventId, body } = envelope(type, data);
  const jobs: DeliveryJob[] = [];
  hooks.forEach((h, i) => {
    if (type.startsWith(h.prefix)) jobs.push({ hook: i, eventId, type, body });
  });
  return jobs;
}

// 3 s without a byte ends an attempt, as SalesOS's bench setting does; one pool per origin.
const agent = new Agent({ connections: 64, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 3000, bodyTimeout: 3000 });

/** Signs and POSTs one delivery; throws unless the endpoint answered 2xx, so the queue retries. */
export async function deliver(job: DeliveryJob, attempt = 1): Promise<void> {
  const h = hooks[job.hook];
  const res = await request(h.url, {
    method: 'POST',
    headers: signedHeaders(h.secret, job.eventId, job.type, job.body, attempt),
    body: job.body,
    dispatcher: agent,
  });
  await res.body.dump();
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`endpoint answered ${res.statusCode}`);
}

/**
 * The publish endpoint: `POST /publish` with `{type, data}` enqueues the event's jobs and answers
 * 202 with the event id once the queue has them. `stop` closes the queue when the benchmark ends.
 */
export function serve(enqueue: (jobs: DeliveryJob[]) => Promise<unknown>, stop: () => Promise<unknown>): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: unknown };
        const jobs = jobsFor(input.type, input.data);
        if (jobs.length) await enqueue(jobs);
        res.writeHead(202, { 'content-type': 'application/json' }).end(`{"id":"${jobs[0]?.eventId ?? ''}"}`);
      })().catch((e: Error) => res.writeHead(500).end(e.message));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!({ ready: true, port: (server.address() as AddressInfo).port }));
  process.on('disconnect', () => {
    server.close();
    setTimeout(() => process.exit(0), 5000).unref();
    void stop()
      .catch((e: Error) => console.error(`peer stop: ${e.message}`))
      .finally(() => process.exit(0));
  });
}
