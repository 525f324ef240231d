// @salesos/webhooks/express: Express (4 and 5), without depending on it. An Express request and
// response are node's IncomingMessage and ServerResponse with extras, which is all this touches.
//
// The pitfall: a JSON body parser mounted before the webhook route (app.use(express.json()))
// consumes the stream and leaves a parsed object whose re-serialization is not the signed
// bytes. Either mount the webhook route first, or give it express.raw({ type: '*/*' }).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Secrets } from '../crypto.js';
import type { RawBody } from '../encoding.js';
import type { SalesOSEvent } from '../events.js';
import { createReceiver, handlerCause, RECEIVED, tooLarge, type Receiver, type WebhookHandlerOptions } from './core.js';
import { readRawBody, sendJson } from './node.js';

/** The parts of an Express request used here; `body` is whatever a body parser left. */
export interface ExpressRequestLike extends IncomingMessage {
  body?: unknown;
  /** Set by `verifyExpress` once the request is verified. */
  webhookEvent?: SalesOSEvent;
}

export type ExpressNext = (error?: unknown) => void;

export type ExpressWebhookHandler<Req extends ExpressRequestLike, Res extends ServerResponse> = (event: SalesOSEvent, req: Req, res: Res) => unknown;

/** The raw body: express.raw's Buffer or express.text's string if present, else read from the stream. */
async function rawBodyOf(req: ExpressRequestLike, limit: number): Promise<RawBody | null> {
  const { body } = req;
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  if (!req.readableEnded) return readRawBody(req, limit);
  throw new TypeError(
    'the request body was already parsed (probably by express.json()), so the signed bytes are gone: ' +
      'register the webhook route before express.json(), or give it express.raw({ type: "*/*" })',
  );
}

/** Shared by both exports: verify, then `onEvent`; errors go to Express's `next`, not `onError`. */
function expressAdapter<Req extends ExpressRequestLike, Res extends ServerResponse>(
  receiver: Receiver,
  onEvent: (event: SalesOSEvent, req: Req, res: Res, next: ExpressNext) => unknown,
): (req: Req, res: Res, next: ExpressNext) => Promise<void> {
  return async (req, res, next) => {
    try {
      const body = await rawBodyOf(req, receiver.maxBodyBytes);
      if (body === null) return sendJson(res, tooLarge(receiver.maxBodyBytes));
      const outcome = await receiver.receive(body, req.headers, (event) => onEvent(event, req, res, next));
      if (outcome.kind === 'answer') sendJson(res, outcome.answer);
    } catch (error) {
      // Express users log and answer errors in their error middleware: hand it the original.
      next(handlerCause(error));
    }
  };
}

/**
 * An Express route handler: `app.post('/webhooks/salesos', expressWebhook(secret, handler))`.
 * Answers 400 on a failed verification; 200 `{"received": true}` when the handler returns
 * without answering; a handler error goes to `next` (your error middleware, a 500 by default).
 */
export function expressWebhook<Req extends ExpressRequestLike = ExpressRequestLike, Res extends ServerResponse = ServerResponse>(
  secrets: Secrets,
  handler: ExpressWebhookHandler<Req, Res>,
  options: WebhookHandlerOptions = {},
): (req: Req, res: Res, next: ExpressNext) => Promise<void> {
  return expressAdapter<Req, Res>(createReceiver(secrets, options), async (event, req, res) => {
    await handler(event, req, res);
    if (!res.headersSent) sendJson(res, RECEIVED);
  });
}

/**
 * Express middleware that verifies and sets `req.webhookEvent`, then calls `next()`:
 * `app.post('/webhooks/salesos', verifyExpress(secret), (req, res) => { ... })`.
 * It takes no `dedup`: it could not forget an id when a later handler fails, so use
 * `expressWebhook` for deduplication.
 */
export function verifyExpress<Req extends ExpressRequestLike = ExpressRequestLike, Res extends ServerResponse = ServerResponse>(
  secrets: Secrets,
  options: Omit<WebhookHandlerOptions, 'dedup' | 'onError'> = {},
): (req: Req, res: Res, next: ExpressNext) => Promise<void> {
  return expressAdapter<Req, Res>(createReceiver(secrets, options), (event, req, _res, next) => {
    req.webhookEvent = event;
    next();
  });
}
