import { Type } from '@sinclair/typebox';
import { IdParams, ListQuery, PageOf, Timestamp, errorResponses } from '../../contract/common.ts';
import type { Api, ApiContext } from '../context.ts';
import { Delivery, DeliveryStatus, DeliveryWithAttempts } from '../../contract/deliveries.ts';

export async function deliveryRoutes(api: Api, app: ApiContext): Promise<void> {
  api.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['deliveries'],
        summary: "A webhook's delivery log, newest first",
        params: IdParams,
        querystring: Type.Object(
          { ...ListQuery, status: Type.Optional(DeliveryStatus), event_type: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(Delivery), ...errorResponses(404) },
      },
    },
    async (req) => {
      await app.webhooks.get(req.auth, req.params.id);
      return app.deliveries.listForWebhook(req.auth, req.params.id, req.query);
    },
  );

  api.post(
    '/webhooks/:id/recover',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'Re-queue every failed delivery of this webhook created since a time',
        params: IdParams,
        body: Type.Object({ since: Timestamp }, { additionalProperties: false }),
        response: { 202: Type.Object({ recovered: Type.Integer() }), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      await app.webhooks.get(req.auth, req.params.id);
      reply.code(202);
      return app.deliveries.recover(req.auth, req.params.id, req.body.since);
    },
  );

  api.post(
    '/webhooks/:id/test',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'Send a sample event of a type to this webhook now (a real, logged delivery)',
        params: IdParams,
        body: Type.Object({ event_type: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        response: { 202: Type.Object({ event: Type.Ref('Event'), delivery_id: Type.String() }), ...errorResponses(404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(202);
      return app.events.sendTest(req.auth, req.params.id, req.body.event_type);
    },
  );

  api.get(
    '/deliveries/:id',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'A delivery with every attempt',
        params: IdParams,
        response: { 200: DeliveryWithAttempts, ...errorResponses(404) },
      },
    },
    async (req) => app.deliveries.get(req.auth, req.params.id),
  );

  api.post(
    '/deliveries/:id/retry',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'One more attempt of this delivery now',
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 202: Delivery, ...errorResponses(404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(202);
      return app.deliveries.retry(req.auth, req.params.id);
    },
  );
}
