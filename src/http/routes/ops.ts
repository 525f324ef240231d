// Operations endpoints, served without a key by every process whatever its role.
import { Type } from '@sinclair/typebox';
import type { Api, ApiContext } from '../context.ts';

export async function opsRoutes(api: Api, app: ApiContext): Promise<void> {
  api.get(
    '/healthz',
    {
      schema: { tags: ['operations'], summary: 'Liveness: the process answers', security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  api.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        security: [],
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String() }),
          503: Type.Object({ status: Type.String(), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await Promise.race([app.storage.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
        return { status: 'ready', database: app.storage.backend };
      } catch {
        return reply.code(503).send({ status: 'not_ready', database: 'unreachable' });
      }
    },
  );

  api.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', security: [] } }, async (_req, reply) => {
    reply.header('content-type', app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
}
