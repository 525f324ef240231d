import { Type } from '@sinclair/typebox';
import { IdParams, ListQuery, PageOf, errorResponses } from '../../contract/common.ts';
import { Event, PublishBody } from '../../contract/events.ts';
import type { Api, ApiContext } from '../context.ts';
import { EVENT_CATALOG } from '../../catalog.ts';
import { Delivery } from '../../contract/deliveries.ts';

const tags = ['events'];

export async function eventRoutes(api: Api, app: ApiContext): Promise<void> {
  api.addSchema(Event);
  const EventRef = Type.Ref('Event');

  api.get(
    '/event-types',
    {
      schema: {
        tags,
        summary: 'The catalog of event types',
        response: {
          200: Type.Object({ data: Type.Array(Type.Object({ type: Type.String(), description: Type.String(), group: Type.String() })) }),
          ...errorResponses(),
        },
      },
    },
    async () => ({ data: [...EVENT_CATALOG] }),
  );

  api.post(
    '/events',
    {
      schema: {
        tags,
        summary: 'Publish an event to every subscribed webhook',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }),
        body: PublishBody,
        response: { 202: EventRef, 200: EventRef, ...errorResponses(413, 503) },
      },
    },
    async (req, reply) => {
      const { event, created } = await app.events.publish(req.auth, {
        type: req.body.type,
        data: req.body.data,
        idempotencyKey: req.body.id ?? req.headers['idempotency-key'] ?? null,
      });
      if (created) app.metrics.published.inc({ type: event.type });
      reply.code(202);
      return event;
    },
  );

  api.get(
    '/events',
    {
      schema: {
        tags,
        summary: 'List events, newest first',
        querystring: Type.Object({ ...ListQuery, type: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        response: { 200: PageOf(EventRef), ...errorResponses() },
      },
    },
    async (req) => app.events.list(req.auth, req.query),
  );

  api.get(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Get an event with its deliveries',
        params: IdParams,
        response: { 200: Type.Object({ ...Event.properties, deliveries: Type.Array(Delivery) }), ...errorResponses(404) },
      },
    },
    async (req) => {
      const event = await app.events.get(req.auth, req.params.id);
      return { ...event, deliveries: await app.deliveries.listForEvent(req.auth, event.id) };
    },
  );
}
