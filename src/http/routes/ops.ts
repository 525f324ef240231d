// Operations endpoints, served without a key by every process whatever its role.
import { Type } from '@sinclair/typebox';
import { Shape } from '../../contract/common.ts';
import type { Api, ApiContext } from '../context.ts';

/** These take no query parameters: an unknown one is a 400, as everywhere in the API. */
const NoQuery = Type.Object({}, { additionalProperties: false });

export async function opsRoutes(api: Api, app: ApiContext): Promise<void> {
  api.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        security: [],
        querystring: NoQuery,
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
        summary: 'Readiness: the database answers',
        security: [],
        querystring: NoQuery,
        response: {
          200: Shape('Ready', { status: Type.Literal('ready'), database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]) }),
          400: Type.Ref('Error'),
          503: Shape('NotReady', { status: Type.Literal('not_ready'), database: Type.Literal('unreachable') }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await Promise.race([app.storage.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
        return { status: 'ready' as const, database: app.storage.backend };
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
        querystring: NoQuery,
        response: { 200: { description: 'The Prometheus text format', content: { 'text/plain': { schema: Type.String() } } }, 400: Type.Ref('Error') },
      },
    },
    async (_req, reply) => {
      reply.header('content-type', app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );
}
