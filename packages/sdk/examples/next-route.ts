// app/api/webhooks/salesos/route.ts
import { fetchHandler } from '@salesos/webhooks';
import { queue } from './queue.js';

export const POST = fetchHandler(process.env.SALESOS_WEBHOOK_SECRET!, async (event) => {
  await queue.add(event); // return a Response to answer yourself, or nothing for 200
});
