// The dispatcher a Node team would build on graphile-worker 0.17 (the last line for Node 20): the
// publish endpoint adds one job per matching webhook with `addJobs` (one statement for all of
// them); a worker pool of `concurrency` runs the `deliver` task, which POSTs the signed payload,
// and a throw leaves the retry to graphile-worker (exponential backoff). Tuned with its local queue
// (`preset.worker.localQueue.size` jobs fetched and locked per query instead of one per job) and
// batched completions (`completeJobBatchDelay`), the settings of its own performance page. It
// LISTENs for new jobs, so there is no polling delay while work arrives.
import { Logger, makeWorkerUtils, run, type Task } from 'graphile-worker';
import pg from 'pg';
import { ATTEMPTS, deliver, serve, setting, type DeliveryJob } from './dispatch.ts';

const {
  concurrency = 24,
  localQueue = 500,
  completeBatchMs = 0,
  poolSize = concurrency + 1,
} = setting<{ concurrency?: number; localQueue?: number; completeBatchMs?: number; poolSize?: number }>();

// Errors only (the default logger writes a line per job), and none once stopping: stopping with
// jobs still in the local queue logs errors about releasing it, and the schema is dropped anyway.
let stopping = false;
const logger = new Logger(() => (level, message) => {
  if (level === 'error' && !stopping) console.error(`graphile-worker: ${message}`);
});
const schema = process.env.PEER_SCHEMA;
const pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: poolSize });
pgPool.on('error', (e) => console.error(`graphile-worker pool: ${e.message}`));
pgPool.on('connect', (client) => client.on('error', (e) => console.error(`graphile-worker client: ${e.message}`)));

const deliverTask: Task = async (payload, helpers) => deliver(payload as DeliveryJob, helpers.job.attempts);

const utils = await makeWorkerUtils({ pgPool, schema, logger });
await utils.migrate();
const runner = await run({
  pgPool,
  schema,
  logger,
  concurrency,
  noHandleSignals: true,
  taskList: { deliver: deliverTask },
  preset: { worker: { localQueue: { size: localQueue }, completeJobBatchDelay: completeBatchMs, failJobBatchDelay: completeBatchMs } },
});

serve(
  (jobs) => utils.addJobs(jobs.map((payload) => ({ identifier: 'deliver', payload, maxAttempts: ATTEMPTS }))),
  async () => {
    stopping = true;
    await runner.stop().catch(() => {});
    await utils.release();
    await pgPool.end();
  },
);
