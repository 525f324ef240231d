// The events: what a delivery carries (one JSON Schema per event type: the envelope, the CRM
// object, and previous_attributes where it applies), what GET /v1/events answers and what
// POST /v1/events accepts. The per-type schemas are served in GET /v1/event-types, named in the
// OpenAPI document and its `webhooks` section, and checked on every publish from the API.
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { EVENT_CATALOG, EVENT_GROUPS, EVENT_TYPES, type EventType } from '../catalog.ts';
import * as S from './crm.ts';
import { ExhaustedDelivery, WebhookHealth } from './operational.ts';
import { Id, Shape, StringEnum, Timestamp } from './common.ts';
import { EventTypeName } from './deliveries.ts';

type Json = Record<string, unknown>;

interface Shaped {
  /** The CRM object's schema (its $id names the component). */
  object: TObject & { $id?: string };
  /** Properties the object of this type always has (`status: converted`, …). */
  narrow?: Json;
  /** For changes: the fields a client can set, whose old values previous_attributes holds. */
  settable?: TObject;
}

const is = (value: string) => ({ const: value });
const SHAPES = {
  'lead.created': { object: S.Lead },
  'lead.updated': { object: S.Lead, settable: S.LeadUpdate },
  'lead.deleted': { object: S.DeletedLead },
  'lead.converted': {
    object: S.Lead,
    narrow: { status: is('converted'), converted_contact_id: Id('cont'), converted_account_id: Id('acct') },
  },
  'contact.created': { object: S.Contact },
  'contact.updated': { object: S.Contact, settable: S.ContactUpdate },
  'account.created': { object: S.Account },
  'account.updated': { object: S.Account, settable: S.AccountUpdate },
  'opportunity.created': { object: S.Opportunity },
  'opportunity.updated': { object: S.Opportunity, settable: S.OpportunityUpdate },
  'opportunity.won': { object: S.Opportunity, narrow: { stage: is('closed_won') }, settable: S.OpportunityUpdate },
  'opportunity.lost': { object: S.Opportunity, narrow: { stage: is('closed_lost') }, settable: S.OpportunityUpdate },
  'quote.created': { object: S.Quote },
  'quote.approved': { object: S.Quote, narrow: { status: is('approved') } },
  'quote.sent': { object: S.Quote, narrow: { status: is('sent') } },
  'order.created': { object: S.Order },
  'order.completed': { object: S.Order, narrow: { status: is('completed') } },
  'meeting.scheduled': { object: S.Meeting },
  'meeting.completed': { object: S.Meeting, narrow: { status: is('completed') } },
  'task.completed': { object: S.Task, narrow: { status: is('completed') } },
  'webhook.failing': { object: WebhookHealth },
  'webhook.recovered': { object: WebhookHealth },
  'webhook.disabled': { object: WebhookHealth },
  'delivery.exhausted': { object: ExhaustedDelivery },
} satisfies Record<EventType, Shaped>;

/**
 * The CRM object an event of a type carries, as the type checker knows it: CrmChange.emit takes
 * only this. The narrowing (`status: converted`, …) its schema adds is checked when it runs.
 */
export type EventObject<T extends EventType> = Static<(typeof SHAPES)[T]['object']>;

/** Whether events of this type carry previous_attributes (changes: updated, won, lost). */
export const hasPreviousAttributes = (type: EventType): boolean => 'settable' in SHAPES[type];

/** A schema without its `$id`, to be embedded in another one. */
function inline(schema: TSchema): Json {
  const { $id: _id, ...rest } = schema as Json;
  return JSON.parse(JSON.stringify(rest)) as Json;
}

/** The component name of a type's payload: `lead.created` → `LeadCreatedEvent`. */
export const eventSchemaName = (type: EventType): string =>
  type
    .split('.')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('') + 'Event';

/**
 * The `data` of an event type. `ref` names the CRM object by a reference (the OpenAPI document);
 * without it the schema stands alone (GET /v1/event-types, validation).
 */
export function eventDataSchema(type: EventType, ref?: (name: string) => Json): Json {
  const shape: Shaped = SHAPES[type];
  const base = ref ? ref(shape.object.$id!) : inline(shape.object);
  let object: Json = base;
  if (shape.narrow) {
    object = ref
      ? { allOf: [base, { type: 'object', properties: shape.narrow, required: Object.keys(shape.narrow) }] }
      : { ...base, properties: { ...(base.properties as Json), ...shape.narrow } };
  }
  const properties: Json = { object };
  const required = ['object'];
  if (shape.settable) {
    const fields = Object.keys(shape.settable.properties);
    const props = shape.object.properties as Record<string, TSchema>;
    properties.previous_attributes = {
      type: 'object',
      description: 'The fields that changed, with their values before the change',
      properties: Object.fromEntries(fields.map((f) => [f, inline(props[f])])),
      additionalProperties: false,
      minProperties: 1,
    };
    required.push('previous_attributes');
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** The whole delivery body of an event type (SPEC §5). */
export function eventPayloadSchema(type: EventType, ref?: (name: string) => Json): Json {
  const info = EVENT_CATALOG.find((e) => e.type === type)!;
  return {
    ...(ref ? {} : { $schema: 'https://json-schema.org/draft/2020-12/schema' }),
    title: eventSchemaName(type),
    description: `${info.description} (\`${type}\`). The body of every delivery of this event type.`,
    type: 'object',
    properties: {
      id: inline(Id('evt', 'The event id: the same on every retry and every endpoint, and the `webhook-id` header')),
      type: { const: type },
      created_at: inline(Timestamp),
      organization_id: inline(Id('org')),
      test: {
        type: 'boolean',
        const: true,
        description: 'Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`',
      },
      data: eventDataSchema(type, ref),
    },
    required: ['id', 'type', 'created_at', 'organization_id', 'data'],
    additionalProperties: false,
  };
}

/** data as GET /v1/events shows it: the object of one of the types (checked on publish). */
export const EventData = Type.Object(
  {
    object: Type.Record(Type.String(), Type.Unknown(), { description: 'The CRM object the event is about; its schema is the one of the event type' }),
    previous_attributes: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'Changed fields with their old values (updated, won and lost events)' }),
    ),
  },
  { title: 'EventData', additionalProperties: false },
);

export const Event = Type.Object(
  {
    id: Id('evt'),
    type: EventTypeName,
    created_at: Timestamp,
    test: Type.Optional(Type.Literal(true, { description: 'Present only on test events (test sends, `salesos events trigger`)' })),
    data: EventData,
  },
  { $id: 'Event', additionalProperties: false, description: 'An event as the API shows it; its data follows the schema of its type' },
);

export const PublishBody = Type.Object(
  {
    type: StringEnum(EVENT_TYPES, {
      examples: ['lead.created'],
      description: 'An event type. Operational types (webhook.failing, …) are emitted by SalesOS; published here only as test events (`test: true`)',
    }),
    data: EventData,
    id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'Your id for the event, an idempotency key: a repeat answers the first event (200) and queues nothing',
        examples: ['crm-sync-4711'],
      }),
    ),
    test: Type.Optional(
      Type.Boolean({
        description:
          'A test event: its payload carries `"test": true` and its deliveries the header `X-Webhook-Test: true`, so receivers can tell it from real data',
      }),
    ),
  },
  { title: 'EventPublish', additionalProperties: false },
);

export const EventTypeEntry = Shape('EventType', {
  type: EventTypeName,
  description: Type.String(),
  group: StringEnum(EVENT_GROUPS),
  schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema (2020-12) of the whole delivery body of this type' }),
  example: Type.Record(Type.String(), Type.Unknown(), { description: 'An example delivery body of this type' }),
});
