import Fastify from 'fastify';
import { fastifyWebhook } from '@salesos/webhooks/fastify';
import { queue } from './queue.js';

export const app = Fastify();
await app.register(
  fastifyWebhook({
    path: '/webhooks/salesos',
    secret: process.env.SALESOS_WEBHOOK_SECRET!,
    handler: async (event) => {
      await queue.add(event);
    },
  }),
);
