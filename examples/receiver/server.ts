// A SalesOS webhook receiver that follows the product page's best practices:
//   1. verify every signature before anything else (nodeHandler answers 400 otherwise);
//   2. answer 200 at once and process from a queue, so a slow job never hits the 30 s timeout;
//   3. deduplicate on the event id, since a delivery can arrive more than once;
//   4. retry failed processing here, since SalesOS already has its 200.
// Run: SALESOS_WEBHOOK_SECRET=whsec_... node --import tsx examples/receiver/server.ts
import { createServer } from 'node:http';
// In your app: import from '@salesos/webhooks' and '@salesos/webhooks/node'. This example runs
// from the SDK source.
import { MemoryDedupStore, type SalesOSEvent } from '../../packages/sdk/src/index.ts';
import { nodeHandler } from '../../packages/sdk/src/middleware/node.ts';

const secrets = (process.env.SALESOS_WEBHOOK_SECRET ?? '').split(/[\s,]+/).filter(Boolean);
if (secrets.length === 0) {
  console.error('SALESOS_WEBHOOK_SECRET is not set: copy the webhook secret (whsec_...) from SalesOS');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const path = process.env.WEBHOOK_PATH ?? '/webhooks/salesos';
const MAX_ATTEMPTS = 5;

// What your application does with each event. Throwing makes the queue try again later.
async function processEvent(event: SalesOSEvent): Promise<void> {
  switch (event.type) {
    case 'opportunity.won': {
      const { name, amount, currency } = event.data.object;
      console.log(`won: ${name} (${amount ?? 0} ${currency ?? ''} minor units)`);
      break;
    }
    case 'lead.converted':
      console.log(`lead ${event.data.object.id} became contact ${event.data.object.converted_contact_id}`);
      break;
    default:
      break;
  }
  console.log(`processed ${event.id} ${event.type}`);
}

// Shared by every process in production (RedisDedupStore); in memory for this one process.
const dedup = new MemoryDedupStore();

// An in-process FIFO queue with one worker. Use Redis, SQS or your job system in production:
// this one loses what it holds if the process dies.
const queue: Array<{ event: SalesOSEvent; attempt: number }> = [];
let working = false;
let idle: (() => void) | undefined;

function enqueue(event: SalesOSEvent, attempt = 1): void {
  queue.push({ event, attempt });
  if (!working) void work();
}

async function work(): Promise<void> {
  working = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    try {
      await processEvent(job.event);
    } catch (error) {
      if (job.attempt < MAX_ATTEMPTS) {
        const { event, attempt } = job;
        console.error(`processing ${event.id} failed (attempt ${attempt}), retrying:`, error);
        setTimeout(() => enqueue(event, attempt + 1), 1000 * 2 ** attempt).unref();
      } else {
        // Forget the id so a manual retry from the SalesOS dashboard is processed again.
        console.error(`processing ${job.event.id} failed ${MAX_ATTEMPTS} times, giving up:`, error);
        await dedup.release(job.event.id);
      }
    }
  }
  working = false;
  idle?.();
}

const webhook = nodeHandler(secrets, (event) => enqueue(event), { dedup });

const server = createServer((req, res) => {
  if (req.url?.split('?')[0] === path) return void webhook(req, res);
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"no such route"}}');
});

server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`listening on http://${host}:${actual}${path}`);
});

// On shutdown, stop taking deliveries and finish what is queued (SalesOS retries the rest).
function shutdown(): void {
  server.close();
  if (!working) process.exit(0);
  idle = () => process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
