// Which scope each API route needs, decided once per route when it is registered (a route that
// fits no rule stops the start, so a new route cannot go unguarded), and the check on each
// request: a key without the scope gets 403 insufficient_scope naming it, before the body is read.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ApiError } from '../errors.ts';
import { hasScope, type Scope } from '../model.ts';

const CRM = new Set(['leads', 'contacts', 'accounts', 'opportunities', 'quotes', 'orders', 'meetings', 'tasks']);
const LOG = new Set(['webhooks', 'deliveries', 'events', 'event-types', 'listen']);

/** The scope a route needs, from its method and its path below /v1. */
export function requiredScope(method: string, url: string): Scope {
  const path = url.replace(/^\/v1/, '');
  const resource = path.split('/')[1] ?? '';
  const reads = method === 'GET' || method === 'HEAD';
  if (CRM.has(resource)) return reads ? 'crm:read' : 'crm:write';
  if (resource === 'events' && method === 'POST') return 'events:write';
  // The signing secret lets its holder forge deliveries: reading it is managing the webhook.
  if (/^\/webhooks\/:id\/secret$/.test(path)) return 'webhooks:write';
  if (LOG.has(resource)) return reads ? 'webhooks:read' : 'webhooks:write';
  throw new Error(`no scope rule for ${method} ${url}: add one to src/http/scopes.ts`);
}

/** Adds the scope check to every route registered on `v1` from now on (src/http/openapi.ts documents it). */
export function guardScopes(v1: FastifyInstance): void {
  v1.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    if (methods.every((m) => m === 'HEAD')) return;
    const scope = requiredScope(
      methods.find((m) => m !== 'HEAD')!,
      route.url,
    );
    const check = async (req: FastifyRequest) => {
      if (!hasScope(req.auth, scope))
        throw new ApiError(403, 'insufficient_scope', `This API key lacks the scope ${scope}`, [{ field: 'authorization', message: `needs scope ${scope}` }]);
    };
    route.onRequest = [...[route.onRequest ?? []].flat(), check] as RouteOptions['onRequest'];
  });
}
