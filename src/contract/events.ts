// The API's events: what GET /v1/events answers and what POST /v1/events accepts.
import { Type } from '@sinclair/typebox';
import { Timestamp } from './common.ts';
import { EventTypeName } from './deliveries.ts';

export const EventData = Type.Object(
  {
    object: Type.Record(Type.String(), Type.Unknown(), { description: 'The CRM object the event is about' }),
    previous_attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Changed fields with their old values (updates)' })),
  },
  { additionalProperties: false },
);

export const Event = Type.Object(
  { id: Type.String({ examples: ['evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'] }), type: EventTypeName, created_at: Timestamp, data: EventData },
  { $id: 'Event' },
);

export const PublishBody = Type.Object(
  {
    type: Type.String({ maxLength: 100, examples: ['lead.created'] }),
    data: EventData,
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Idempotency key: a repeated id returns the first event and queues nothing' })),
  },
  { additionalProperties: false },
);
