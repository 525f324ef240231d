// The JSON Schema of each event type (src/contract/events.ts) at work: GET /v1/event-types serves
// it with an example body, and every event published from the API is checked against it, so a
// receiver never gets a body its type's schema does not allow.
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { EVENT_CATALOG, EVENT_TYPES, type EventType, type EventTypeInfo } from '../catalog.ts';
import { eventDataSchema, eventPayloadSchema } from '../contract/events.ts';
import { validation } from '../errors.ts';
import { exampleId } from '../ids.ts';
import type { EventData } from './publisher.ts';
import { sampleEventData } from './samples.ts';

const EXAMPLE_TIME = new Date('2026-11-26T18:04:05.123Z');

function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: its default export arrives as the module object.
  const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (a: Ajv2020) => Ajv2020;
  addFormats(ajv);
  return ajv;
}

let validators: Map<EventType, ValidateFunction> | null = null;

/** What in an event's data does not fit the schema of its type, field by field; empty when it fits. */
function problems(type: EventType, data: EventData): Array<{ field: string; message: string }> {
  if (!validators) {
    const ajv = makeAjv();
    validators = new Map(EVENT_TYPES.map((t) => [t, ajv.compile(eventDataSchema(t))]));
  }
  const validate = validators.get(type)!;
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, 50).map((e) => {
    const p = e.params as Record<string, unknown>;
    const base = `data${e.instancePath.replace(/\//g, '.')}`;
    if (p.additionalProperty) return { field: `${base}.${String(p.additionalProperty)}`, message: `not a field of ${type}` };
    if (p.missingProperty) return { field: `${base}.${String(p.missingProperty)}`, message: 'is required' };
    return { field: base, message: e.message ?? 'is invalid' };
  });
}

const describe = (details: Array<{ field: string; message: string }>) => details.map((d) => `${d.field} ${d.message}`).join('; ');

/** Checks an event's data against the schema of its type: a 400 naming each field that does not fit. */
export function checkEventData(type: EventType, data: EventData): void {
  const details = problems(type, data);
  if (details.length) throw validation(`data does not match the schema of ${type}: ${describe(details)}`.slice(0, 1000), details);
}

/**
 * The same check for an event SalesOS itself emits (the CRM): a misfit is a bug of SalesOS, not
 * bad input, so it is an internal error (a 500, logged), and the change it belongs to is undone.
 */
export function assertEmittable(type: EventType, data: EventData): void {
  const details = problems(type, data);
  if (details.length) throw new Error(`SalesOS emitted a ${type} event its schema does not allow: ${describe(details)}`);
}

/** An example delivery body of a type, with well-formed ids and a fixed time. */
export function exampleEvent(type: EventType): Record<string, unknown> {
  return {
    id: exampleId('evt'),
    type,
    created_at: EXAMPLE_TIME.toISOString(),
    organization_id: exampleId('org'),
    data: sampleEventData(type, EXAMPLE_TIME, exampleId),
  };
}

export interface EventTypeEntry extends EventTypeInfo {
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
}

let entries: EventTypeEntry[] | null = null;

/** The catalog as GET /v1/event-types answers it. */
export function eventTypeEntries(): EventTypeEntry[] {
  entries ??= EVENT_CATALOG.map((e) => ({ ...e, schema: eventPayloadSchema(e.type), example: exampleEvent(e.type) }));
  return entries;
}
