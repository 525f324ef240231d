import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { RedisDedupStore } from '@salesos/webhooks';
import { nodeHandler } from '@salesos/webhooks/node';
import { queue } from './queue.js';

export const redis = new Redis(process.env.REDIS_URL!);
const dedup = new RedisDedupStore({ client: redis });
// node-redis: new RedisDedupStore({ client: {
//   set: (key, value, _ex, ttl) => client.set(key, value, { EX: ttl, NX: true }),
//   del: (key) => client.del(key) } })

export const server = createServer(
  nodeHandler(
    process.env.SALESOS_WEBHOOK_SECRET!,
    async (event) => {
      await queue.add(event); // a repeat of an event already handled does not get here
    },
    { dedup },
  ),
);
