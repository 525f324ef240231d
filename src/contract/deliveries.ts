import { Type } from '@sinclair/typebox';
import { EVENT_TYPES } from '../catalog.ts';
import { ATTEMPT_TRIGGERS, DELIVERY_STATUSES, ERROR_CLASSES } from '../model.ts';
import { NullableTimestamp, StringEnum, Timestamp } from './common.ts';

export const DeliveryStatus = StringEnum(DELIVERY_STATUSES);
export const EventTypeName = StringEnum(EVENT_TYPES);

export const Delivery = Type.Object({
  id: Type.String({ examples: ['dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'] }),
  event_id: Type.String(),
  event_type: EventTypeName,
  webhook_id: Type.String(),
  status: DeliveryStatus,
  attempt_count: Type.Integer(),
  next_attempt_at: NullableTimestamp,
  last_attempt_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});

const StringMap = Type.Record(Type.String(), Type.String());

export const Attempt = Type.Object({
  id: Type.String({ examples: ['att_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'] }),
  attempt_number: Type.Integer(),
  trigger: StringEnum(ATTEMPT_TRIGGERS),
  started_at: Timestamp,
  duration_ms: Type.Integer(),
  request_headers: StringMap,
  response_status: Type.Union([Type.Integer(), Type.Null()], { description: 'null when no answer came' }),
  response_headers: Type.Union([StringMap, Type.Null()]),
  response_body: Type.Union([Type.String({ description: 'First 4 KiB' }), Type.Null()]),
  error_class: Type.Union([StringEnum(ERROR_CLASSES), Type.Null()], { description: 'null on success' }),
  error_message: Type.Union([Type.String(), Type.Null()]),
});

export const DeliveryWithAttempts = Type.Object({ ...Delivery.properties, attempts: Type.Array(Attempt) });
