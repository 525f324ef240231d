// The receiver SDK's types and the server's schemas cannot drift apart: every object the CRM API
// returns (and so every data.object it emits) must type-check as the SDK's type for it — `tsc`
// in `npm test` fails otherwise. The event catalog is the SDK's own, reused by the server.
import type { Static } from '@sinclair/typebox';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as Sdk from '../packages/sdk/src/index.ts';
import { EVENT_CATALOG as SDK_CATALOG, EVENT_TYPES as SDK_TYPES } from '../packages/sdk/src/index.ts';
import type * as Server from '../src/contract/crm.ts';
import { EVENT_CATALOG, EVENT_TYPES } from '../src/catalog.ts';

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

test('the SDK and the server know the same 20 event types, in the same groups', () => {
  assert.deepEqual([...SDK_TYPES], [...EVENT_TYPES]);
  assert.deepEqual(
    SDK_CATALOG.map((e) => [e.type, e.group, e.description]),
    EVENT_CATALOG.map((e) => [e.type, e.group, e.description]),
  );
});
