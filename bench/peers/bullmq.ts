// The dispatcher a Node team would build on BullMQ 5 and the machine's Redis: the publish endpoint
// adds one job per matching webhook with `addBulk` (one round trip for all of them); `workers`
// Worker instances of `concurrency` each POST the signed payload, and a throw leaves the retry to
// BullMQ (exponential backoff). Finished jobs are removed, as a dispatcher that keeps its own log
// (or none) would configure it, so Redis does not grow with every delivery.
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { ATTEMPTS, deliver, QUEUE, serve, setting, type DeliveryJob } from './dispatch.ts';

const { concurrency = 100, workers = 1 } = setting<{ concurrency?: number; workers?: number }>();

const connection: ConnectionOptions = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379), maxRetriesPerRequest: null };
// Each run's keys live under a prefix of their own, removed when the benchmark ends.
const prefix = process.env.PEER_PREFIX ?? 'bench';

const queue = new Queue<DeliveryJob>(QUEUE, { connection, prefix });
queue.on('error', (e) => console.error('bullmq queue:', e.message));
const pool = Array.from({ length: workers }, () => {
  const w = new Worker<DeliveryJob>(QUEUE, (job) => deliver(job.data, job.attemptsMade + 1), { connection, prefix, concurrency });
  w.on('error', (e) => console.error('bullmq worker:', e.message));
  return w;
});
const opts = { attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 };

serve(
  (jobs) => queue.addBulk(jobs.map((data) => ({ name: 'deliver', data, opts }))),
  async () => {
    await Promise.all(pool.map((w) => w.close(true)));
    await queue.close();
  },
);
