import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { nodeHandler } from '../src/middleware/node.js';
import { close, delivery, listen, post, SECRET } from './helpers.js';
import { middlewareConformance } from './middleware-suite.js';

describe('nodeHandler (node:http)', () => {
  middlewareConformance(async ({ secrets, onEvent, ...options }) => {
    const server = createServer(nodeHandler(secrets, (event) => onEvent(event), { ...options, onError: () => {} }));
    const url = await listen(server);
    return { url: `${url}/webhooks`, close: () => close(server) };
  });

  it('lets the handler answer itself', async () => {
    const server = createServer(
      nodeHandler(SECRET, (event, _req, res) => {
        res.writeHead(202, { 'content-type': 'text/plain' }).end(`queued ${event.id}`);
      }),
    );
    const url = await listen(server);
    try {
      const { event, body, headers } = await delivery();
      const response = await fetch(url, { method: 'POST', body, headers: { ...headers } });
      assert.equal(response.status, 202);
      assert.equal(await response.text(), `queued ${event.id}`);
    } finally {
      await close(server);
    }
  });

  it('answers 405 to anything but POST', async () => {
    const server = createServer(nodeHandler(SECRET, () => {}));
    const url = await listen(server);
    try {
      const response = await fetch(url);
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'POST');
    } finally {
      await close(server);
    }
  });

  it('reports handler errors to onError with the event', async () => {
    const reported: unknown[] = [];
    const failure = new Error('boom');
    const server = createServer(nodeHandler(SECRET, () => Promise.reject(failure), { onError: (error, event) => reported.push(error, event?.id) }));
    const url = await listen(server);
    try {
      const { event, body, headers } = await delivery();
      const answer = await post(url, body, headers);
      assert.equal(answer.status, 500);
      assert.deepEqual(answer.body, { error: { code: 'handler_failed', message: 'the webhook handler failed; SalesOS will retry' } });
      assert.deepEqual(reported, [failure, event.id]);
    } finally {
      await close(server);
    }
  });
});
