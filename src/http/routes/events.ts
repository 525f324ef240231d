import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorObject, IdempotencyHeaders, ListQuery, PageOf, Shape, TimeRangeQuery, errorResponses, idParams } from '../../contract/common.ts';
import { Event, EventTypeEntry, PublishBody } from '../../contract/events.ts';
import { Delivery, EventTypeName } from '../../contract/deliveries.ts';
import type { Api, ApiContext } from '../context.ts';

const tags = ['events'];
const JSON_TYPE = 'application/json; charset=utf-8';

export async function eventRoutes(api: Api, app: ApiContext): Promise<void> {
  // An organization with too many publishes waiting in this process is refused (429) before the
  // body is read (docs/operations.md, "Fairness between organizations").
  const admit = async (req: FastifyRequest) => app.events.admit(req.auth);
  api.addSchema(Event);
  const EventRef = Type.Ref('Event');

  api.get(
    '/event-types',
    {
      schema: {
        operationId: 'listEventTypes',
        tags,
        summary: 'The catalog of event types',
        description: 'Each type with its group, the JSON Schema of its delivery body and an example body.',
        response: { 200: Shape('EventTypeList', { data: Type.Array(EventTypeEntry) }), ...errorResponses() },
      },
    },
    async () => ({ data: app.events.types() }),
  );

  api.post(
    '/events',
    {
      schema: {
        operationId: 'publishEvent',
        tags,
        summary: 'Publish an event to every subscribed webhook',
        description:
          '`data.object` must follow the schema of the event type (`GET /v1/event-types`). A repeated `id` or `Idempotency-Key` with the same type and data answers the first event with 200 and `Idempotent-Replayed: true`, and queues nothing; with other data it is a 409 `idempotency_conflict`. While the organization has as many events waiting to be stored in this process as it may (`SALESOS_PUBLISH_QUEUE`), a publish is a 429 `rate_limited` with `Retry-After`, and nothing of it is stored.',
        headers: IdempotencyHeaders,
        body: PublishBody,
        response: {
          202: { ...EventRef, description: 'Published: queued for every subscribed webhook' },
          200: { ...EventRef, description: 'A replay: the event published first with this id or key; nothing new was queued' },
          ...errorResponses(),
        },
      },
      preParsing: admit,
    },
    async (req, reply) => {
      const { event, created, json } = await app.events.publish(req.auth, {
        type: req.body.type,
        data: req.body.data,
        idempotencyKey: req.body.id ?? req.headers['idempotency-key'] ?? null,
        test: req.body.test === true,
      });
      if (created) app.metrics.published.inc({ type: event.type });
      else reply.header('idempotent-replayed', 'true');
      reply.code(created ? 202 : 200);
      // Just published: the answer is already JSON (the stored body less the organization).
      if (json !== null) return reply.type(JSON_TYPE).send(json);
      return event;
    },
  );

  api.post(
    '/events/batch',
    {
      schema: {
        operationId: 'publishEventBatch',
        tags,
        summary: 'Publish up to 100 events in one request and one write',
        description:
          "Each event is checked as `POST /v1/events` checks it; if any is invalid the answer is a 400 naming `body.events.<i>…` and nothing is stored. Otherwise all are stored together (one transaction) and queued for their subscribers. Each is idempotent on its own `id`: `data[i].status` is 202 (published), 200 (a repeat of an id: the first event, nothing queued) or 409 with `error` (the id was used with other type or data); the answers are in the order of `events`. An `Idempotency-Key` header makes the whole request safe to retry. Its events count towards the organization's bound of events waiting to be stored (`SALESOS_PUBLISH_QUEUE`): beyond it, a 429 `rate_limited` with `Retry-After`, and nothing is stored.",
        headers: IdempotencyHeaders,
        body: Type.Object({ events: Type.Array(PublishBody, { minItems: 1, maxItems: 100 }) }, { title: 'EventBatch', additionalProperties: false }),
        response: {
          202: Shape('EventBatchResult', {
            data: Type.Array(
              Shape('EventBatchItem', {
                status: Type.Integer({ description: '202 published, 200 a repeat of its id, 409 its id was used for another event', examples: [202] }),
                event: Type.Union([EventRef, Type.Null()]),
                error: Type.Union([ErrorObject, Type.Null()]),
              }),
            ),
          }),
          ...errorResponses(),
        },
      },
      preParsing: admit,
    },
    async (req, reply) => {
      const items = await app.events.publishBatch(
        req.auth,
        req.body.events.map((e) => ({ type: e.type, data: e.data, idempotencyKey: e.id ?? null, test: e.test === true })),
      );
      for (const it of items) if (it.status === 202 && it.event) app.metrics.published.inc({ type: it.event.type });
      reply.code(202);
      // The published events' views are JSON already; the others are serialized as the schema says.
      const data = items.map(({ json, ...item }) => json ?? JSON.stringify(item));
      return reply.type(JSON_TYPE).send(`{"data":[${data.join(',')}]}` as never);
    },
  );

  api.get(
    '/events',
    {
      schema: {
        operationId: 'listEvents',
        tags,
        summary: 'List events, newest first',
        description: 'Every parameter narrows the search; `type` may repeat. `object_id` finds the events about one CRM object (`data.object.id`).',
        querystring: Type.Object(
          {
            ...ListQuery,
            ...TimeRangeQuery,
            type: Type.Optional(Type.Array(EventTypeName, { maxItems: 50, description: 'One or more event types' })),
            object_id: Type.Optional(
              Type.String({ minLength: 1, maxLength: 255, description: 'The CRM object the events are about', examples: ['lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'] }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf('EventPage', EventRef), ...errorResponses() },
      },
    },
    async (req) => app.events.list(req.auth, req.query),
  );

  api.get(
    '/events/:id',
    {
      schema: {
        operationId: 'getEvent',
        tags,
        summary: 'Get an event with its deliveries',
        params: idParams('evt'),
        response: { 200: Shape('EventWithDeliveries', { ...Event.properties, deliveries: Type.Array(Delivery) }), ...errorResponses(404) },
      },
    },
    async (req) => {
      const event = await app.events.get(req.auth, req.params.id);
      return { ...event, deliveries: await app.deliveries.listForEvent(req.auth, event.id) };
    },
  );
}
