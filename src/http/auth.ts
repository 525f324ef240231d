// Bearer-key authentication and rate limits. A client that keeps sending bad keys gets 429s;
// a valid key gets a token bucket far above 1,000 requests/s.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from './context.ts';
import { ApiError } from '../errors.ts';

const WINDOW_MS = 60_000;

export function authenticate(app: ApiContext) {
  const failures = new Map<string, { count: number; since: number }>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = app.config.rateLimitPerKey;

  const tooMany = (what: string) => new ApiError(429, 'rate_limited', what);

  return async (req: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    const ip = req.ip;
    const f = failures.get(ip);
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const auth = m ? await app.keys.authenticate(m[1]) : null;
    if (!auth) {
      // A client over the limit of bad keys gets 429 instead of 401; a valid key from the same
      // address (a shared NAT) still gets through.
      if (f && now - f.since < WINDOW_MS && f.count >= app.config.authFailuresPerMinute) {
        reply.header('retry-after', String(Math.ceil((f.since + WINDOW_MS - now) / 1000)));
        throw tooMany('Too many requests with invalid API keys; try again later');
      }
      if (!f || now - f.since >= WINDOW_MS) failures.set(ip, { count: 1, since: now });
      else f.count++;
      if (failures.size > 100_000) failures.clear();
      throw new ApiError(401, 'unauthorized', m ? 'Invalid or revoked API key' : 'Missing API key: send Authorization: Bearer <api key>');
    }
    let b = buckets.get(auth.keyId);
    if (!b) {
      b = { tokens: rate * 2, at: now };
      buckets.set(auth.keyId, b);
    }
    b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    if (b.tokens < 1) {
      reply.header('retry-after', '1');
      throw tooMany(`More than ${rate} requests per second with this API key`);
    }
    b.tokens -= 1;
    req.auth = auth;
  };
}
