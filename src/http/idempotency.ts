// Idempotency-Key on the creating POSTs under /v1 (src/idempotency/service.ts): after the request
// is validated and authenticated, the key is taken or its first answer replayed with
// `Idempotent-Replayed: true`; the answer is kept once sent, unless it is a 5xx or a 429 (then the
// key is freed, and a retry runs again). POST /v1/events keeps its own, transactional keys (the event).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Held } from '../idempotency/service.ts';
import type { Api, ApiContext } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: Held | null;
  }
}

const OWN_KEYS = new Set(['/v1/events']);

export function registerIdempotency(api: Api, app: ApiContext): void {
  api.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || OWN_KEYS.has(req.routeOptions.url ?? '')) return;
    const claim = await app.idempotency.claim(req.auth.organizationId, key, { method: req.method, path: req.url.split('?')[0], body: req.body });
    if (claim.kind === 'held') {
      req.idempotency = claim;
      return;
    }
    reply.code(claim.status).header('idempotent-replayed', 'true');
    if (claim.body === '') return reply.send();
    return reply.header('content-type', 'application/json; charset=utf-8').send(claim.body);
  });

  api.addHook('onSend', async (req, reply, payload) => {
    const held = req.idempotency;
    if (!held) return payload;
    req.idempotency = null;
    // A 429 did nothing either (the request was refused before its work was queued): a retry with the key runs.
    if (reply.statusCode >= 500 || reply.statusCode === 429) await held.release();
    else await held.finish(reply.statusCode, typeof payload === 'string' ? payload : '');
    return payload;
  });

  // Whatever ended the request without an answer sent (a closed connection): free the key.
  api.addHook('onResponse', async (req) => {
    const held = req.idempotency;
    req.idempotency = null;
    if (held) await held.release();
  });
}
