// Which scope each API route needs, decided once per route when it is registered (a route that
// fits no rule stops the start, so a new route cannot go unguarded), and the check on each
// request: a key without the scope gets 403 insufficient_scope naming it, before the body is read.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ApiError } from '../errors.ts';
import { hasScope, type Auth, type Scope } from '../model.ts';

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

/**
 * Routes a key with any one of several scopes may call: the handler checks the one its answer
 * needs (GET /v1/tasks/{id} answers a background task, webhooks:read, or a CRM task, crm:read).
 */
const EITHER: Readonly<Record<string, readonly Scope[]>> = { 'GET /tasks/:id': ['webhooks:read', 'crm:read'] };

/** The scopes of which a key needs one to call a route (one, for all routes but those of EITHER). */
export function acceptedScopes(method: string, url: string): readonly Scope[] {
  return EITHER[`${method} ${url.replace(/^\/v1/, '')}`] ?? [requiredScope(method, url)];
}

/** A handler's own check, where the route accepts several scopes: 403 insufficient_scope naming the one missing. */
export function requireScope(auth: Auth, scope: Scope): void {
  if (!hasScope(auth, scope)) throw insufficientScope(scope);
}

const insufficientScope = (scope: string) =>
  new ApiError(403, 'insufficient_scope', `This API key lacks the scope ${scope}`, [{ field: 'authorization', message: `needs scope ${scope}` }]);

/** Adds the scope check to every route registered on `v1` from now on (src/http/openapi.ts documents it). */
export function guardScopes(v1: FastifyInstance): void {
  v1.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    if (methods.every((m) => m === 'HEAD')) return;
    const scopes = acceptedScopes(
      methods.find((m) => m !== 'HEAD')!,
      route.url,
    );
    const check = async (req: FastifyRequest) => {
      if (!scopes.some((s) => hasScope(req.auth, s))) throw insufficientScope(scopes.join(' or '));
    };
    route.onRequest = [...[route.onRequest ?? []].flat(), check] as RouteOptions['onRequest'];
  });
}
