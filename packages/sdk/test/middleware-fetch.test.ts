// fetchHandler behind a real HTTP server: node:http turns each request into a Fetch Request,
// as Next.js, Workers, Deno and Bun do, and writes the Response back.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { fetchHandler, generateSecret, verifyRequest, WebhookVerificationError } from '../src/index.js';
import { close, delivery, listen, post, SECRET } from './helpers.js';
import { middlewareConformance } from './middleware-suite.js';

function fetchServer(handle: (request: Request) => Promise<Response>) {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

describe('fetchHandler (Fetch API: Next.js, Workers, Deno, Bun)', () => {
  middlewareConformance(async ({ secrets, onEvent, ...options }) => {
    const server = fetchServer(fetchHandler(secrets, (event) => void onEvent(event), { ...options, onError: () => {} }));
    const url = await listen(server);
    return { url: `${url}/api/webhooks`, close: () => close(server) };
  });

  it('answers with the Response the handler returns', async () => {
    const server = fetchServer(fetchHandler(SECRET, (event) => Response.json({ ok: event.id }, { status: 202 })));
    const url = await listen(server);
    try {
      const { event, body, headers } = await delivery();
      assert.deepEqual(await post(url, body, headers), { status: 202, body: { ok: event.id } });
      const get = await fetch(url);
      assert.equal(get.status, 405);
    } finally {
      await close(server);
    }
  });

  it('verifyRequest verifies a Request on its own', async () => {
    const { event, body, headers } = await delivery();
    const request = () => new Request('http://127.0.0.1/hooks', { method: 'POST', body, headers });
    assert.deepEqual(await verifyRequest(request(), SECRET), event);
    await assert.rejects(verifyRequest(request(), await generateSecret()), WebhookVerificationError);
  });
});
