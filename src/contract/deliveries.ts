import { Type } from '@sinclair/typebox';
import { EVENT_TYPES } from '../catalog.ts';
import { ATTEMPT_TRIGGERS, DELIVERY_STATUSES, ERROR_CLASSES } from '../model.ts';
import { Id, NullableTimestamp, Shape, StringEnum, Timestamp } from './common.ts';

export const DeliveryStatus = StringEnum(DELIVERY_STATUSES);
export const EventTypeName = StringEnum(EVENT_TYPES);

const deliveryProps = {
  id: Id('dlv'),
  event_id: Id('evt'),
  event_type: EventTypeName,
  webhook_id: Id('wh'),
  status: DeliveryStatus,
  attempt_count: Type.Integer({ minimum: 0 }),
  next_attempt_at: NullableTimestamp,
  last_attempt_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const Delivery = Shape('Delivery', deliveryProps, 'One event for one webhook');

const StringMap = Type.Record(Type.String(), Type.String());

export const Attempt = Shape(
  'Attempt',
  {
    id: Id('att'),
    attempt_number: Type.Integer({ minimum: 1 }),
    trigger: StringEnum(ATTEMPT_TRIGGERS),
    started_at: Timestamp,
    duration_ms: Type.Integer({ minimum: 0 }),
    request_headers: StringMap,
    response_status: Type.Union([Type.Integer(), Type.Null()], { description: 'null when no answer came' }),
    response_headers: Type.Union([StringMap, Type.Null()]),
    response_body: Type.Union([Type.String({ description: 'First 4 KiB' }), Type.Null()]),
    error_class: Type.Unsafe<(typeof ERROR_CLASSES)[number] | null>({
      type: ['string', 'null'],
      enum: [...ERROR_CLASSES, null],
      description: 'null on success',
    }),
    error_message: Type.Union([Type.String(), Type.Null()]),
  },
  'One HTTP POST of a delivery, with its request and response',
);

export const DeliveryWithAttempts = Shape(
  'DeliveryWithAttempts',
  { ...deliveryProps, attempts: Type.Array(Attempt) },
  'A delivery with every attempt, in order',
);
