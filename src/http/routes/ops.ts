// Operations endpoints, served without a key by every process whatever its role.
import { Type } from '@sinclair/typebox';
import { Shape } from '../../contract/common.ts';
import type { Api, ApiContext } from '../context.ts';

/**
 * These take no query parameters, and ignore any they are given: probes and load balancers add
 * some (a cache buster, a probe name). Everywhere else in the API an unknown one is a 400.
 */
const AnyQuery = Type.Object({}, { additionalProperties: true });

export async function opsRoutes(api: Api, app: ApiContext): Promise<void> {
  api.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        security: [],
        querystring: AnyQuery,
        response: { 200: Shape('Health', { status: Type.Literal('ok') }), 400: Type.Ref('Error') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  api.get(
    '/readyz',
    {
      schema: {
        operationId: 'readiness',
        tags: ['operations'],
        summary: 'Readiness: the database answers; how many delivery workers are alive',
        description:
          'Ready when the database answers. `workers_alive` counts the processes delivering (their heartbeat is recent); 0 means deliveries wait until a process with the `worker` or `all` role runs, and `warning` says so.',
        security: [],
        querystring: AnyQuery,
        response: {
          200: Shape('Ready', {
            status: Type.Literal('ready'),
            database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
            workers_alive: Type.Integer({ minimum: 0, description: 'Delivery workers whose heartbeat is recent' }),
            warning: Type.Optional(Type.String({ description: 'Present when no delivery worker is alive' })),
          }),
          400: Type.Ref('Error'),
          503: Shape('NotReady', { status: Type.Literal('not_ready'), database: Type.Literal('unreachable') }),
        },
      },
    },
    async (_req, reply) => {
      try {
        const alive = await Promise.race([
          app.storage.ping().then(() => app.workers.alive()),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
        ]);
        return {
          status: 'ready' as const,
          database: app.storage.backend,
          workers_alive: alive,
          ...(alive === 0 && { warning: 'No delivery worker is alive: deliveries wait until a process with the worker or all role runs' }),
        };
      } catch {
        return reply.code(503).send({ status: 'not_ready', database: 'unreachable' });
      }
    },
  );

  api.get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        tags: ['operations'],
        summary: 'Prometheus metrics',
        security: [],
        querystring: AnyQuery,
        response: { 200: { description: 'The Prometheus text format', content: { 'text/plain': { schema: Type.String() } } }, 400: Type.Ref('Error') },
      },
    },
    async (_req, reply) => {
      reply.header('content-type', app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );
}
