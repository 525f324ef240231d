import { Type } from '@sinclair/typebox';
import { EmptyBody, IdempotencyHeaders, Id, ListQuery, PageOf, Shape, StringEnum, TimeRangeQuery, errorResponses, idParams } from '../../contract/common.ts';
import { RESPONSE_CLASSES } from '../../model.ts';
import type { Api, ApiContext } from '../context.ts';
import { Delivery, DeliveryStatus, DeliveryWithAttempts, EventTypeName } from '../../contract/deliveries.ts';

const tags = ['deliveries'];

export async function deliveryRoutes(api: Api, app: ApiContext): Promise<void> {
  api.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: "A webhook's delivery log, newest first",
        params: idParams('wh'),
        querystring: Type.Object(
          { ...ListQuery, status: Type.Optional(DeliveryStatus), event_type: Type.Optional(EventTypeName) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf('DeliveryPage', Delivery), ...errorResponses(404) },
      },
    },
    async (req) => {
      await app.webhooks.get(req.auth, req.params.id);
      return app.deliveries.listForWebhook(req.auth, req.params.id, req.query);
    },
  );

  api.post(
    '/webhooks/:id/test',
    {
      schema: {
        operationId: 'sendTestEvent',
        tags,
        summary: 'Send a sample event of a type to this webhook now (a real, logged delivery)',
        description: 'Without `event_type`, the first type the webhook subscribes to. A disabled webhook is a 409.',
        params: idParams('wh'),
        headers: IdempotencyHeaders,
        body: Type.Object({ event_type: Type.Optional(EventTypeName) }, { title: 'TestEventRequest', additionalProperties: false }),
        response: { 202: Shape('TestSend', { event: Type.Ref('Event'), delivery_id: Id('dlv') }), ...errorResponses(404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(202);
      return app.events.sendTest(req.auth, req.params.id, req.body.event_type);
    },
  );

  api.get(
    '/deliveries',
    {
      schema: {
        operationId: 'searchDeliveries',
        tags,
        summary: "The organization's delivery log across its webhooks, newest first",
        description:
          "Every parameter narrows the search; `status` and `event_type` may repeat (`?status=failed&status=pending`). `since`/`until` bound the creation time. `response_status_class` is the class of the last attempt's answer (`none`: no answer, a network error or no attempt yet).",
        querystring: Type.Object(
          {
            ...ListQuery,
            ...TimeRangeQuery,
            webhook_id: Type.Optional(Id('wh')),
            status: Type.Optional(Type.Array(DeliveryStatus, { maxItems: 4, description: 'One or more statuses' })),
            event_type: Type.Optional(Type.Array(EventTypeName, { maxItems: 50, description: 'One or more event types' })),
            event_id: Type.Optional(Id('evt')),
            response_status_class: Type.Optional(StringEnum(RESPONSE_CLASSES, { description: "The class of the last attempt's HTTP status" })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf('DeliveryPage', Delivery), ...errorResponses() },
      },
    },
    async (req) => app.deliveries.search(req.auth, req.query),
  );

  api.get(
    '/deliveries/:id',
    {
      schema: {
        operationId: 'getDelivery',
        tags,
        summary: 'A delivery with every attempt',
        params: idParams('dlv'),
        response: { 200: DeliveryWithAttempts, ...errorResponses(404) },
      },
    },
    async (req) => app.deliveries.get(req.auth, req.params.id),
  );

  api.post(
    '/deliveries/:id/retry',
    {
      schema: {
        operationId: 'retryDelivery',
        tags,
        summary: 'One more attempt of this delivery now',
        description: 'A canceled delivery, or one whose attempt is under way, is a 409. No body.',
        params: idParams('dlv'),
        headers: IdempotencyHeaders,
        body: EmptyBody,
        response: { 202: Delivery, ...errorResponses(404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(202);
      return app.deliveries.retry(req.auth, req.params.id);
    },
  );
}
