// GET /v1/webhooks/{id}/stats: endpoint health from the rollups (src/delivery/stats.ts).
import { errorResponses, idParams } from '../../contract/common.ts';
import { StatsQuery, WebhookStats } from '../../contract/stats.ts';
import type { Api, ApiContext } from '../context.ts';

export async function statsRoutes(api: Api, app: ApiContext): Promise<void> {
  api.get(
    '/webhooks/:id/stats',
    {
      schema: {
        operationId: 'getWebhookStats',
        tags: ['webhooks'],
        summary: "A webhook's health over a time range",
        description:
          'Deliveries that reached `succeeded` and `failed`, attempts by outcome (`2xx`, `4xx`, `5xx` or the error class), attempt latency p50/p95 and the success rate, in time buckets (aligned to UTC multiples of the bucket size). Read from counts rolled up per minute as attempts are written, so it costs the same at any delivery rate; kept as long as the delivery log (SALESOS_RETENTION).',
        params: idParams('wh'),
        querystring: StatsQuery,
        response: { 200: WebhookStats, ...errorResponses(404) },
      },
    },
    async (req) => {
      await app.webhooks.get(req.auth, req.params.id);
      return app.stats.forWebhook(req.auth, req.params.id, req.query);
    },
  );
}
