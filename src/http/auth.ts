// Bearer-key authentication and rate limits, shared by every process serving the API (the
// counters live in the database: src/orgs/limits.ts). A client that keeps sending bad keys gets
// 429s; a valid key gets SALESOS_RATE_LIMIT requests per second, far above 1,000.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from './context.ts';
import { ApiError } from '../errors.ts';

export function authenticate(app: ApiContext) {
  const { perKey, authFailures } = app.limits;
  const tooMany = (what: string) => new ApiError(429, 'rate_limited', what);

  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const auth = m ? await app.keys.authenticate(m[1]) : null;
    if (!auth) {
      // A client over the limit of bad keys gets 429 instead of 401; a valid key from the same
      // address (a shared NAT) still gets through.
      const bucket = `auth:${req.ip}`;
      if (authFailures.exhausted(bucket) || !(await authFailures.take(bucket))) {
        reply.header('retry-after', String(authFailures.retryAfterS(bucket)));
        throw tooMany('Too many requests with invalid API keys; try again later');
      }
      throw new ApiError(401, 'unauthorized', m ? 'Invalid or revoked API key' : 'Missing API key: send Authorization: Bearer <api key>');
    }
    if (!(await perKey.take(`key:${auth.keyId}`))) {
      reply.header('retry-after', String(perKey.retryAfterS(`key:${auth.keyId}`)));
      throw tooMany(`More than ${perKey.limit} requests per second with this API key`);
    }
    req.auth = auth;
  };
}
