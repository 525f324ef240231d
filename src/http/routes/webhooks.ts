import { Type } from '@sinclair/typebox';
import { IdParams, ListQuery, PageOf, errorResponses } from '../../contract/common.ts';
import type { Api, ApiContext } from '../context.ts';
import { SecretAnswer, Webhook, WebhookCreate, WebhookUpdate } from '../../contract/webhooks.ts';

const tags = ['webhooks'];

export async function webhookRoutes(api: Api, app: ApiContext): Promise<void> {
  api.addSchema(Webhook);
  const WebhookRef = Type.Ref('Webhook');

  api.post(
    '/webhooks',
    { schema: { tags, summary: 'Create a webhook', body: WebhookCreate, response: { 201: WebhookRef, ...errorResponses(413) } } },
    async (req, reply) => {
      reply.code(201);
      return app.webhooks.create(req.auth, req.body);
    },
  );

  api.get(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'List webhooks, newest first',
        querystring: Type.Object(ListQuery, { additionalProperties: false }),
        response: { 200: PageOf(WebhookRef), ...errorResponses() },
      },
    },
    async (req) => app.webhooks.list(req.auth, req.query),
  );

  api.get(
    '/webhooks/:id',
    { schema: { tags, summary: 'Get a webhook', params: IdParams, response: { 200: WebhookRef, ...errorResponses(404) } } },
    async (req) => app.webhooks.get(req.auth, req.params.id),
  );

  api.patch(
    '/webhooks/:id',
    { schema: { tags, summary: 'Update a webhook', params: IdParams, body: WebhookUpdate, response: { 200: WebhookRef, ...errorResponses(404) } } },
    async (req) => app.webhooks.update(req.auth, req.params.id, req.body),
  );

  api.delete(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook; its pending deliveries are canceled',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      await app.webhooks.delete(req.auth, req.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/webhooks/:id/secret',
    { schema: { tags, summary: "Get a webhook's current signing secret", params: IdParams, response: { 200: SecretAnswer, ...errorResponses(404) } } },
    async (req) => app.webhooks.secret(req.auth, req.params.id),
  );

  api.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Rotate the signing secret; the previous one keeps signing for SALESOS_SECRET_GRACE',
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: SecretAnswer, ...errorResponses(404) },
      },
    },
    async (req) => app.webhooks.rotateSecret(req.auth, req.params.id),
  );
}
