// Against a real Express 5 app (a devDependency of this package only).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { SalesOSEvent } from '../src/index.js';
import { expressWebhook, verifyExpress } from '../src/middleware/express.js';
import { close, delivery, listen, post, SECRET } from './helpers.js';
import { middlewareConformance } from './middleware-suite.js';

/** Runs `app` on 127.0.0.1; errors that reach Express's end answer 500 as JSON with the message. */
async function serve(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: { code: 'server_error', message: error.message } });
  });
  const server = createServer(app);
  const url = await listen(server);
  return { url, close: () => close(server) };
}

describe('expressWebhook (Express)', () => {
  middlewareConformance(async ({ secrets, onEvent, ...options }) => {
    const app = express();
    app.post(
      '/webhooks',
      expressWebhook(secrets, (event) => onEvent(event), options),
    );
    const { url, close } = await serve(app);
    return { url: `${url}/webhooks`, close };
  });

  it('works behind express.raw, which keeps the bytes as a Buffer', async () => {
    const app = express();
    const seen: SalesOSEvent[] = [];
    // The webhook route comes before express.json(), which would otherwise consume the body first.
    app.post(
      '/hooks',
      express.raw({ type: '*/*' }),
      expressWebhook(SECRET, (event) => void seen.push(event)),
    );
    app.use(express.json());
    app.post('/other', (req: Request, res: Response) => void res.json({ parsed: req.body }));
    const server = await serve(app);
    try {
      const { event, body, headers } = await delivery();
      assert.equal((await post(`${server.url}/hooks`, body, headers)).status, 200);
      assert.deepEqual(seen, [event]);
      assert.deepEqual(await post(`${server.url}/other`, '{"a":1}', { 'content-type': 'application/json' }), {
        status: 200,
        body: { parsed: { a: 1 } },
      });
    } finally {
      await server.close();
    }
  });

  it('explains the express.json pitfall instead of reporting a bad signature', async () => {
    const app = express();
    app.use(express.json());
    app.post(
      '/hooks',
      expressWebhook(SECRET, () => assert.fail('must not be called')),
    );
    const server = await serve(app);
    try {
      const { body, headers } = await delivery();
      const answer = await post(`${server.url}/hooks`, body, headers);
      assert.equal(answer.status, 500);
      assert.match((answer.body as { error: { message: string } }).error.message, /express\.json\(\).*express\.raw/s);
    } finally {
      await server.close();
    }
  });

  it('verifyExpress sets req.webhookEvent for the next handler, and answers 400 itself', async () => {
    const app = express();
    app.post('/hooks', verifyExpress(SECRET), (req: Request & { webhookEvent?: SalesOSEvent }, res: Response) => {
      res.status(202).json({ type: req.webhookEvent?.type });
    });
    const server = await serve(app);
    try {
      const { body, headers } = await delivery();
      assert.deepEqual(await post(`${server.url}/hooks`, body, headers), { status: 202, body: { type: 'opportunity.won' } });
      assert.equal((await post(`${server.url}/hooks`, `${body} `, headers)).status, 400);
    } finally {
      await server.close();
    }
  });
});
