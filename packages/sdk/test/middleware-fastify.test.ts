// Against a real Fastify 5 app (installed at the repository root).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { SalesOSEvent } from '../src/index.js';
import { fastifyVerify, fastifyWebhook, keepRawBody } from '../src/middleware/fastify.js';
import { delivery, post, SECRET } from './helpers.js';
import { middlewareConformance } from './middleware-suite.js';

async function serve(app: FastifyInstance): Promise<{ url: string; close: () => Promise<void> }> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

describe('fastifyWebhook (Fastify)', () => {
  middlewareConformance(async ({ secrets, onEvent, ...options }) => {
    const app = Fastify();
    await app.register(fastifyWebhook({ path: '/webhooks', secret: secrets, handler: (event) => onEvent(event), ...options, onError: () => {} }));
    const { url, close } = await serve(app);
    return { url: `${url}/webhooks`, close };
  });

  it('leaves JSON parsing of the other routes alone, and replies with what the handler returns', async () => {
    const app = Fastify();
    app.post('/leads', async (request) => ({ parsed: request.body }));
    await app.register(fastifyWebhook({ path: '/salesos', secret: SECRET, handler: (event) => ({ handled: event.type }) }), {
      prefix: '/webhooks',
    });
    const server = await serve(app);
    try {
      const { body, headers } = await delivery();
      assert.deepEqual(await post(`${server.url}/webhooks/salesos`, body, headers), { status: 200, body: { handled: 'opportunity.won' } });
      assert.deepEqual(await post(`${server.url}/leads`, '{"a":1}', { 'content-type': 'application/json' }), {
        status: 200,
        body: { parsed: { a: 1 } },
      });
    } finally {
      await server.close();
    }
  });

  it('fastifyVerify works as the preHandler of a route in a keepRawBody scope', async () => {
    const app = Fastify();
    await app.register(async (scope) => {
      keepRawBody(scope);
      scope.post('/hooks', { preHandler: fastifyVerify(SECRET) }, async (request, reply) => {
        const event = (request as { webhookEvent?: SalesOSEvent }).webhookEvent;
        return reply.code(202).send({ type: event?.type });
      });
    });
    const server = await serve(app);
    try {
      const { body, headers } = await delivery();
      assert.deepEqual(await post(`${server.url}/hooks`, body, headers), { status: 202, body: { type: 'opportunity.won' } });
      const bad = await post(`${server.url}/hooks`, `${body} `, headers);
      assert.equal(bad.status, 400);
      assert.equal((bad.body as { error: { code: string } }).error.code, 'invalid_signature');
    } finally {
      await server.close();
    }
  });

  it('fastifyVerify outside a keepRawBody scope says the body was parsed too early', async () => {
    const app = Fastify();
    app.post('/hooks', { preHandler: fastifyVerify(SECRET, { onError: () => {} }) }, async () => ({ ok: true }));
    const server = await serve(app);
    try {
      const { body, headers } = await delivery();
      assert.equal((await post(`${server.url}/hooks`, body, headers)).status, 500);
    } finally {
      await server.close();
    }
  });
});
