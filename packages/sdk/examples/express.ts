import express from 'express';
import { expressWebhook } from '@salesos/webhooks/express';
import { queue } from './queue.js';

export const app = express();
app.post(
  '/webhooks/salesos',
  expressWebhook(process.env.SALESOS_WEBHOOK_SECRET!, async (event) => {
    await queue.add(event); // answer fast: process later
  }),
);
app.use(express.json()); // the rest of your API, after the webhook route
