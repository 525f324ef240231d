// The dispatcher a Node team would build on pg-boss 10 (the last line for Node 20): the publish
// endpoint inserts one job per matching webhook (one `insert` for all of them); `workers` loops of
// `work()` fetch `batchSize` jobs at a time, POST each signed payload inside the handler, and leave
// retries to pg-boss (a failed job comes back after its retry delay, with backoff). pg-boss polls:
// a loop that found jobs still waits out its polling interval (0.5 s, the minimum) from the start
// of its fetch, so loops × batch size bound what it can do per second.
import PgBoss from 'pg-boss';
import { ATTEMPTS, deliver, QUEUE, serve, setting, type DeliveryJob } from './dispatch.ts';

const { workers = 8, batchSize = 50 } = setting<{ workers?: number; batchSize?: number }>();

const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: process.env.PEER_SCHEMA, max: 20, schedule: false });
boss.on('error', (e) => console.error('pg-boss:', e.message));
await boss.start();
const retry = { retryLimit: ATTEMPTS - 1, retryDelay: 60, retryBackoff: true };
await boss.createQueue(QUEUE, { name: QUEUE, ...retry, expireInSeconds: 60 });

for (let i = 0; i < workers; i++) {
  await boss.work<DeliveryJob>(QUEUE, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    const failed: string[] = [];
    await Promise.all(jobs.map((j) => deliver(j.data).catch(() => failed.push(j.id))));
    // The rest of the batch completes when the handler returns; failed ones retry on their own.
    if (failed.length) await boss.fail(QUEUE, failed);
  });
}

serve(
  (jobs) => boss.insert(jobs.map((data) => ({ name: QUEUE, data, ...retry }))),
  () => boss.stop({ graceful: false, wait: false }),
);
