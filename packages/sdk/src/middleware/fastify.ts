// @salesos/webhooks/fastify: Fastify (4 and 5), without depending on it. Fastify parses JSON
// before any hook runs, so the signed bytes survive only if the route's scope parses bodies as a
// Buffer: the plugin does that in its own encapsulated scope, leaving your other routes' JSON
// parsing untouched.
import type { IncomingHttpHeaders } from 'node:http';
import type { Secrets } from '../crypto.js';
import type { SalesOSEvent } from '../events.js';
import { createReceiver, RECEIVED, tooLarge, type JsonAnswer, type Receiver, type WebhookHandlerOptions } from './core.js';

/** The parts of a Fastify request used here. */
export interface FastifyRequestLike {
  headers: IncomingHttpHeaders;
  body?: unknown;
  /** Set by `fastifyVerify`. */
  webhookEvent?: SalesOSEvent;
}

/** The parts of a Fastify reply used here. */
export interface FastifyReplyLike {
  readonly sent: boolean;
  code(statusCode: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
}

type ParserDone = (error: Error | null, body?: unknown) => void;

/** The parts of a Fastify instance (an encapsulated scope) used here. */
export interface FastifyInstanceLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer'; bodyLimit?: number },
    parser: (request: never, body: Buffer, done: ParserDone) => void,
  ): void;
  route(options: { method: string | string[]; url: string; handler: (request: never, reply: never) => unknown }): unknown;
}

export type FastifyWebhookHandler<Req extends FastifyRequestLike, Reply extends FastifyReplyLike> = (
  event: SalesOSEvent,
  request: Req,
  reply: Reply,
) => unknown;

export interface FastifyWebhookOptions<Req extends FastifyRequestLike, Reply extends FastifyReplyLike> extends WebhookHandlerOptions {
  /** The route, for example "/webhooks/salesos" (under the prefix you register the plugin with). */
  path: string;
  secret: Secrets;
  handler: FastifyWebhookHandler<Req, Reply>;
}

function send(reply: FastifyReplyLike, answer: JsonAnswer): FastifyReplyLike {
  return reply.code(answer.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(answer.body));
}

/** Makes the scope hand every body over as the Buffer received. Call it inside your own scope. */
export function keepRawBody(scope: FastifyInstanceLike, bodyLimit?: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', bodyLimit === undefined ? { parseAs: 'buffer' } : { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
}

function rawBodyOf(request: FastifyRequestLike): Uint8Array {
  const { body } = request;
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null) return new Uint8Array(0);
  throw new TypeError('the body was parsed before verification: register the route in a scope that calls keepRawBody()');
}

/**
 * A plugin that adds one POST route receiving SalesOS webhooks, in a scope of its own:
 * `await app.register(fastifyWebhook({ path: '/webhooks/salesos', secret, handler }))`.
 * A failed verification answers 400; the handler's return value, if any, is the reply.
 */
export function fastifyWebhook<Req extends FastifyRequestLike = FastifyRequestLike, Reply extends FastifyReplyLike = FastifyReplyLike>(
  options: FastifyWebhookOptions<Req, Reply>,
): (scope: FastifyInstanceLike) => Promise<void> {
  const receiver = createReceiver(options.secret, options);
  return async (scope) => {
    // Fastify's own limit answers 413 before any byte is kept.
    keepRawBody(scope, receiver.maxBodyBytes);
    const handler = async (request: Req, reply: Reply): Promise<unknown> => {
      try {
        const outcome = await receiver.receive(rawBodyOf(request), request.headers, (event) => options.handler(event, request, reply));
        if (outcome.kind === 'answer') return send(reply, outcome.answer);
        if (reply.sent) return reply;
        return outcome.result === undefined ? send(reply, RECEIVED) : outcome.result;
      } catch (error) {
        return send(reply, receiver.failed(error));
      }
    };
    scope.route({ method: 'POST', url: options.path, handler });
  };
}

/**
 * A preHandler for a route in a `keepRawBody` scope: verifies, sets `request.webhookEvent`,
 * or answers 400 and stops the request.
 */
export function fastifyVerify(
  secrets: Secrets,
  options: Omit<WebhookHandlerOptions, 'dedup'> = {},
): (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void> {
  const receiver: Receiver = createReceiver(secrets, options);
  return async (request, reply) => {
    try {
      const body = rawBodyOf(request);
      if (body.length > receiver.maxBodyBytes) {
        send(reply, tooLarge(receiver.maxBodyBytes));
        return;
      }
      const outcome = await receiver.receive(body, request.headers, (event) => {
        request.webhookEvent = event;
      });
      if (outcome.kind === 'answer') send(reply, outcome.answer);
    } catch (error) {
      send(reply, receiver.failed(error));
    }
  };
}
