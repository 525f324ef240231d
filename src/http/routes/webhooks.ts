import { Type } from '@sinclair/typebox';
import { IdempotencyHeaders, ListQuery, PageOf, errorResponses, idParams } from '../../contract/common.ts';
import type { Api, ApiContext } from '../context.ts';
import {
  RotatedSecret,
  SecretAnswer,
  SecretRotationInput,
  SigningSecrets,
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookUpdate,
} from '../../contract/webhooks.ts';

const tags = ['webhooks'];
const params = idParams('wh');

export async function webhookRoutes(api: Api, app: ApiContext): Promise<void> {
  api.addSchema(Webhook);
  const WebhookRef = Type.Ref('Webhook');

  api.post(
    '/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Create a webhook',
        description: 'Subscribes an endpoint to event types. The answer holds its signing secret.',
        headers: IdempotencyHeaders,
        body: WebhookCreate,
        response: { 201: WebhookCreated, ...errorResponses() },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return app.webhooks.create(req.auth, req.body);
    },
  );

  api.get(
    '/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: 'List webhooks, newest first',
        querystring: Type.Object(ListQuery, { additionalProperties: false }),
        response: { 200: PageOf('WebhookPage', WebhookRef), ...errorResponses() },
      },
    },
    async (req) => app.webhooks.list(req.auth, req.query),
  );

  api.get(
    '/webhooks/:id',
    { schema: { operationId: 'getWebhook', tags, summary: 'Get a webhook', params, response: { 200: WebhookRef, ...errorResponses(404) } } },
    async (req) => app.webhooks.get(req.auth, req.params.id),
  );

  api.patch(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'updateWebhook',
        tags,
        summary: 'Update a webhook',
        description: 'Changes only the fields given.',
        params,
        body: WebhookUpdate,
        response: { 200: WebhookRef, ...errorResponses(404) },
      },
    },
    async (req) => app.webhooks.update(req.auth, req.params.id, req.body),
  );

  api.delete(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Delete a webhook; its pending deliveries are canceled',
        params,
        response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      await app.webhooks.delete(req.auth, req.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/webhooks/:id/secret',
    {
      schema: {
        operationId: 'getWebhookSecret',
        tags,
        summary: "Get a webhook's current signing secret",
        params,
        response: { 200: SecretAnswer, ...errorResponses(404) },
      },
    },
    async (req) => app.webhooks.secret(req.auth, req.params.id),
  );

  api.get(
    '/webhooks/:id/secrets',
    {
      schema: {
        operationId: 'listWebhookSigningSecrets',
        tags,
        summary: 'List the secrets that sign deliveries now',
        description:
          'The current secret and each previous one still in its grace after a rotation, newest first, with when each began and stops signing. Values are never listed: `GET /v1/webhooks/{id}/secret` answers the current one.',
        params,
        response: { 200: SigningSecrets, ...errorResponses(404) },
      },
    },
    async (req) => ({ data: await app.webhooks.signingSecrets(req.auth, req.params.id) }),
  );

  api.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'Rotate the signing secret',
        description:
          'A new secret signs from now on; the previous one keeps signing beside it for SALESOS_SECRET_GRACE (24 h by default), or stops at once with `{"expire_previous_now": true}`. At most 3 secrets sign a delivery at once (each adds about 48 bytes to two headers): a rotation while two older secrets are still in their grace ends the oldest grace at once. Body optional.',
        params,
        headers: IdempotencyHeaders,
        body: SecretRotationInput,
        response: { 200: RotatedSecret, ...errorResponses(404) },
      },
    },
    async (req) => app.webhooks.rotateSecret(req.auth, req.params.id, req.body ?? {}),
  );
}
