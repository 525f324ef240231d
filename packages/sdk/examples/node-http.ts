import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { nodeHandler } from '@salesos/webhooks/node';
import { queue } from './queue.js';

export const server = createServer(
  nodeHandler(process.env.SALESOS_WEBHOOK_SECRET!, async (event) => {
    await queue.add(event);
  }),
);

// Listen when run as a program, not when imported (by your tests, say).
if (process.argv[1] === fileURLToPath(import.meta.url)) server.listen(3000);
