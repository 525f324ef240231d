// The receiver SDK's types and the server's schemas cannot drift apart: every object the CRM API
// returns (and so every data.object it emits) must type-check as the SDK's type for it, and each
// event type of the SDK (EventOf<T>) is, field for field, what a generator makes of that type's
// schema in docs/openapi.json — `tsc` in `npm test` fails otherwise. The SDK's sample payloads
// (the ones docs/webhooks.md shows) fit the schemas GET /v1/event-types serves. The event
// catalog is the SDK's own, reused by the server.
import type { Static } from '@sinclair/typebox';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as Sdk from '../packages/sdk/src/index.ts';
import { EVENT_CATALOG as SDK_CATALOG, EVENT_TYPES as SDK_TYPES } from '../packages/sdk/src/index.ts';
import { sampleEvents } from '../packages/sdk/test/fixtures.ts';
import type * as Server from '../src/contract/crm.ts';
import { EVENT_CATALOG, EVENT_TYPES } from '../src/catalog.ts';
import { eventTypeEntries } from '../src/events/schemas.ts';
import type { components } from './client/openapi.ts';

/** Compiles only when the server's type S is assignable to the SDK's type T. */
type Fits<T, S extends T> = [T, S];

export type Contract = [
  Fits<Sdk.Lead, Static<typeof Server.Lead>>,
  Fits<Sdk.Contact, Static<typeof Server.Contact>>,
  Fits<Sdk.Account, Static<typeof Server.Account>>,
  Fits<Sdk.Opportunity, Static<typeof Server.Opportunity>>,
  Fits<Sdk.Quote, Static<typeof Server.Quote>>,
  Fits<Sdk.Order, Static<typeof Server.Order>>,
  Fits<Sdk.Meeting, Static<typeof Server.Meeting>>,
  Fits<Sdk.Task, Static<typeof Server.Task>>,
];

/**
 * …and the other way round: every field the server's schema requires (those the docs call "null,
 * never missing") is required in the SDK's type too, so a receiver is never told a field may be
 * absent when it is always there, and the SDK cannot promise a field the schema does not have.
 */
export type Exact = [
  Fits<Static<typeof Server.Lead>, Sdk.Lead>,
  Fits<Static<typeof Server.Contact>, Sdk.Contact>,
  Fits<Static<typeof Server.Account>, Sdk.Account>,
  Fits<Static<typeof Server.Opportunity>, Sdk.Opportunity>,
  Fits<Static<typeof Server.Quote>, Sdk.Quote>,
  Fits<Static<typeof Server.Order>, Sdk.Order>,
  Fits<Static<typeof Server.Meeting>, Sdk.Meeting>,
  Fits<Static<typeof Server.Task>, Sdk.Task>,
];

/** The document's name of a type's payload schema: `lead.created` → `LeadCreatedEvent`. */
type SchemaName<T extends string> = T extends `${infer R}.${infer A}` ? `${Capitalize<R>}${Capitalize<A>}Event` : never;
/** The payload of a type as openapi-typescript generates it from docs/openapi.json. */
type Documented<T extends Sdk.EventType> = components['schemas'][SchemaName<T>];
/** A type spelled out field by field (intersections flattened), so equal shapes compare equal. */
type Plain<T> = T extends readonly (infer E)[] ? Plain<E>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
/** true only when A and B are the same type: the same fields, each as optional, nullable and narrow. */
type Same<A, B> = (<G>() => G extends Plain<A> ? 1 : 2) extends <G>() => G extends Plain<B> ? 1 : 2 ? true : false;

/**
 * Each event type of the SDK is exactly its schema in the document: a field the SDK makes optional
 * (or omits, or adds) that the schema requires (or lacks), or a looser or narrower value, names
 * the type whose entry is `false` here.
 */
export type EventsExact = AllSame<{ [T in Checked<Sdk.EventType>]: Same<Sdk.EventOf<T>, Documented<T>> }>;
/**
 * Left out: the webhook events' object carries the webhook's `filter`, an expression the SDK types
 * exactly (a recursive union) and the document only as an object. Their samples are checked
 * against the schemas at run time (below), and the other fields by the SDK's compile.
 */
type Checked<T extends Sdk.EventType> = Exclude<T, 'webhook.failing' | 'webhook.recovered' | 'webhook.disabled'>;
type AllSame<M extends Record<Checked<Sdk.EventType>, true>> = M;

test("the SDK's sample payloads fit the schemas GET /v1/event-types serves", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
  addFormats(ajv);
  for (const entry of eventTypeEntries()) {
    const validate = ajv.compile(entry.schema);
    const sample = sampleEvents[entry.type];
    assert.ok(validate(sample), `${entry.type}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('the SDK and the server know the same 24 event types, in the same groups', () => {
  assert.deepEqual([...SDK_TYPES], [...EVENT_TYPES]);
  assert.deepEqual(
    SDK_CATALOG.map((e) => [e.type, e.group, e.description]),
    EVENT_CATALOG.map((e) => [e.type, e.group, e.description]),
  );
});
