// @salesos/webhooks/node, plain node:http: read the body bytes ourselves, verify, then hand the
// event to the handler. Node-only (its types name node:http), hence an entry of its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Secrets } from '../crypto.js';
import { concatBytes, utf8 } from '../encoding.js';
import type { SalesOSEvent } from '../events.js';
import { createReceiver, METHOD_NOT_ALLOWED, RECEIVED, tooLarge, type JsonAnswer, type WebhookHandlerOptions } from './core.js';

/**
 * Reads a request body into bytes, unparsed. Resolves null once it passes `limit` bytes (the
 * rest is discarded, not buffered).
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Uint8Array | string) => {
      if (over) return;
      const bytes = typeof chunk === 'string' ? utf8(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(bytes);
    });
    req.on('end', () => {
      if (!over) resolve(concatBytes(chunks));
    });
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, answer: JsonAnswer): void {
  const body = utf8(JSON.stringify(answer.body));
  res.statusCode = answer.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', body.length);
  res.end(body);
}

/**
 * Called with each new, authentic event. Answer through `res` if you like; when the handler
 * returns without answering, the answer is 200 `{"received": true}`. Return quickly: SalesOS
 * waits at most 30 s, so queue slow work (see examples/receiver).
 */
export type NodeWebhookHandler<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (
  event: SalesOSEvent,
  req: Req,
  res: Res,
) => unknown;

/**
 * A `node:http` request listener: `http.createServer(nodeHandler(secret, handler))`. A request
 * that fails verification gets 400 `{"error": {"code", "message"}}` and never reaches `handler`.
 */
export function nodeHandler<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  secrets: Secrets,
  handler: NodeWebhookHandler<Req, Res>,
  options: WebhookHandlerOptions = {},
): (req: Req, res: Res) => Promise<void> {
  const receiver = createReceiver(secrets, options);
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, METHOD_NOT_ALLOWED);
      return;
    }
    try {
      const body = await readRawBody(req, receiver.maxBodyBytes);
      if (body === null) return sendJson(res, tooLarge(receiver.maxBodyBytes));
      const outcome = await receiver.receive(body, req.headers, (event) => handler(event, req, res));
      if (outcome.kind === 'answer') sendJson(res, outcome.answer);
      else if (!res.headersSent) sendJson(res, RECEIVED);
    } catch (error) {
      const answer = receiver.failed(error);
      if (!res.headersSent) sendJson(res, answer);
      else res.end();
    }
  };
}
