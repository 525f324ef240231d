// The SDK snippets of docs/webhooks.md are the files of packages/sdk/examples, embedded by
// scripts/sync-docs.ts (docs.test.ts checks they are current). Each is imported here as the
// module of a user's app: it loads the built package by its name, and gets signed deliveries.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SalesOSEvent } from '../src/index.js';
import { sampleEvents } from './fixtures.js';
import { close, delivery, listen, post, SECRET, tamper, withId } from './helpers.js';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..');

// The examples read their configuration when imported, as an app does at start-up.
process.env.SALESOS_WEBHOOK_SECRET = SECRET;
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';

const imported = new Set<string>();

/** Imports packages/sdk/examples/<name>.ts (a variable specifier: loaded at run time only). */
async function example<T>(name: string): Promise<T> {
  imported.add(`${name}.ts`);
  return (await import(pathToFileURL(join(sdk, 'examples', `${name}.ts`)).href)) as T;
}

let queue: { events: SalesOSEvent[] };
const queued = (id: string) => queue.events.filter((event) => event.id === id).length;

before(async () => {
  // The examples import '@salesos/webhooks', which resolves to dist: build it from this source.
  execFileSync(process.execPath, [join(sdk, 'scripts', 'build.mjs')], { stdio: 'pipe' });
  ({ queue } = await example<{ queue: typeof queue }>('queue'));
});

/** Posts a signed delivery of a fresh event, then an unsigned one; returns both answers. */
async function signedAndUnsigned(url: string, id: string) {
  const { body, headers } = await delivery(withId(sampleEvents['lead.created'], id));
  return { signed: await post(url, body, headers), unsigned: await post(url, body, { 'content-type': 'application/json' }) };
}

const RECEIVED = { status: 200, body: { received: true } };

describe('packages/sdk/examples, the SDK snippets of docs/webhooks.md', () => {
  it('verify.ts: answers 200 to an authentic delivery, printing typed fields, and 400 to a tampered one', async (t) => {
    const { receive } = await example<{ receive: (body: string, headers: Record<string, string>) => Promise<number> }>('verify');
    const log = t.mock.method(console, 'log', () => {});
    const won = sampleEvents['opportunity.won'];
    const { body, headers } = await delivery(won);
    assert.equal(await receive(body, headers), 200);
    assert.deepEqual(log.mock.calls[0]?.arguments, [won.data.object.amount, won.data.previous_attributes.stage]);
    assert.equal(await receive(tamper(body), headers), 400);
    assert.deepEqual(log.mock.calls[1]?.arguments, ['invalid_signature']);
  });

  it('express.ts: the webhook route queues a verified event and refuses an unsigned one', async () => {
    const { app } = await example<{ app: { listen(port: number, host: string): Server } }>('express');
    const server = app.listen(0, '127.0.0.1');
    const url = `${await listen(server)}/webhooks/salesos`;
    try {
      const { signed, unsigned } = await signedAndUnsigned(url, 'evt_docs_express');
      assert.deepEqual(signed, RECEIVED);
      assert.equal(unsigned.status, 400);
      assert.equal(queued('evt_docs_express'), 1);
    } finally {
      await close(server);
    }
  });

  it('fastify.ts: the plugin route queues a verified event and refuses an unsigned one', async () => {
    const { app } = await example<{ app: { listen(options: object): Promise<string>; close(): Promise<void> } }>('fastify');
    const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/webhooks/salesos`;
    try {
      const { signed, unsigned } = await signedAndUnsigned(url, 'evt_docs_fastify');
      assert.deepEqual(signed, RECEIVED);
      assert.equal(unsigned.status, 400);
      assert.equal(queued('evt_docs_fastify'), 1);
    } finally {
      await app.close();
    }
  });

  it('node-http.ts: importing it does not listen; its server queues a verified event', async () => {
    const { server } = await example<{ server: Server }>('node-http');
    assert.equal(server.listening, false, 'it listens only when run as a program');
    const url = await listen(server);
    try {
      const { signed, unsigned } = await signedAndUnsigned(url, 'evt_docs_node');
      assert.deepEqual(signed, RECEIVED);
      assert.equal(unsigned.status, 400);
      assert.equal(queued('evt_docs_node'), 1);
    } finally {
      await close(server);
    }
  });

  it('next-route.ts: POST answers a Fetch Request', async () => {
    const { POST } = await example<{ POST: (request: Request) => Promise<Response> }>('next-route');
    const { body, headers } = await delivery(withId(sampleEvents['quote.sent'], 'evt_docs_next'));
    const answer = await POST(new Request('http://localhost/api/webhooks/salesos', { method: 'POST', body, headers }));
    assert.deepEqual([answer.status, await answer.json()], [200, { received: true }]);
    const forged = await POST(new Request('http://localhost/api/webhooks/salesos', { method: 'POST', body: tamper(body), headers }));
    assert.equal(forged.status, 400);
    assert.equal(queued('evt_docs_next'), 1);
  });

  describe('dedup.ts (Redis on 127.0.0.1:6379, or REDIS_URL)', () => {
    let mod: { server: Server; redis: { del(key: string): Promise<number>; quit(): Promise<unknown> } };
    const id = `evt_docs_dedup_${process.pid}_${Date.now()}`;
    before(async () => {
      mod = await example('dedup');
    });
    after(async () => {
      await mod.redis.del(`salesos:webhook:${id}`);
      await mod.redis.quit();
    });

    it('queues an event once, however often it is delivered', async () => {
      const url = await listen(mod.server);
      try {
        const event = withId(sampleEvents['order.completed'], id);
        const first = await delivery(event);
        const again = await delivery(event); // a retry: signed again, same id
        assert.deepEqual(await post(url, first.body, first.headers), RECEIVED);
        assert.deepEqual(await post(url, again.body, again.headers), { status: 200, body: { received: true, duplicate: true } });
        assert.equal(queued(id), 1);
      } finally {
        await close(mod.server);
      }
    });
  });

  it('testing.ts: deliver() sends a delivery the receiver accepts, as SalesOS would', async () => {
    const { deliver } = await example<{ deliver: (url: string, event: SalesOSEvent, secret: string) => Promise<Response> }>('testing');
    const { server } = await example<{ server: Server }>('node-http');
    const url = await listen(server);
    try {
      const answer = await deliver(url, withId(sampleEvents['task.completed'], 'evt_docs_testing'), SECRET);
      assert.deepEqual([answer.status, await answer.json()], [200, { received: true }]);
      assert.equal(queued('evt_docs_testing'), 1);
    } finally {
      await close(server);
    }
  });

  it('left no example file untested', () => {
    assert.deepEqual([...imported].sort(), readdirSync(join(sdk, 'examples')).sort());
  });
});
