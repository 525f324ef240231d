// Fetch-style handlers (Request in, Response out): Next.js route handlers, Cloudflare Workers,
// Deno.serve, Bun.serve, Hono. request.arrayBuffer() gives the bytes as sent.
import type { Secrets } from '../crypto.js';
import type { SalesOSEvent } from '../events.js';
import type { HeadersLike } from '../headers.js';
import { verify, type VerifyOptions } from '../verify.js';
import { createReceiver, METHOD_NOT_ALLOWED, RECEIVED, tooLarge, type JsonAnswer, type WebhookHandlerOptions } from './core.js';

/** The parts of a Fetch `Request` used here. */
export interface RequestLike {
  method: string;
  headers: HeadersLike;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Return a Response to answer yourself, or nothing for 200 `{"received": true}`. */
export type FetchWebhookHandler<Req extends RequestLike> = (
  event: SalesOSEvent,
  request: Req,
) => Response | void | undefined | Promise<Response | void | undefined>;

function json(answer: JsonAnswer, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
  });
}

/**
 * `(request) => Promise<Response>`: `export const POST = fetchHandler(secret, handler)` in a
 * Next.js route, or `export default { fetch: fetchHandler(env.SECRET, handler) }` in a Worker.
 */
export function fetchHandler<Req extends RequestLike = Request>(
  secrets: Secrets,
  handler: FetchWebhookHandler<Req>,
  options: WebhookHandlerOptions = {},
): (request: Req) => Promise<Response> {
  const receiver = createReceiver(secrets, options);
  return async (request) => {
    if (request.method !== 'POST') {
      return json(METHOD_NOT_ALLOWED, { allow: 'POST' });
    }
    try {
      const declared = Number(request.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > receiver.maxBodyBytes) return json(tooLarge(receiver.maxBodyBytes));
      const body = new Uint8Array(await request.arrayBuffer());
      if (body.length > receiver.maxBodyBytes) return json(tooLarge(receiver.maxBodyBytes));
      const outcome = await receiver.receive(body, request.headers, (event) => handler(event, request));
      if (outcome.kind === 'answer') return json(outcome.answer);
      return outcome.result ?? json(RECEIVED);
    } catch (error) {
      return json(receiver.failed(error));
    }
  };
}

/**
 * Verifies a Fetch `Request` and returns its event, or throws `WebhookVerificationError`.
 * It consumes the body: keep the event, not the request, for later.
 */
export async function verifyRequest(request: RequestLike, secrets: Secrets, options?: VerifyOptions): Promise<SalesOSEvent> {
  return verify(await request.arrayBuffer(), request.headers, secrets, options);
}
