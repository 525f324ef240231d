import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_CATALOG, EVENT_TYPES, isEventType, OPERATIONAL_EVENT_TYPES, verify, type EventType, type SalesOSEvent } from '../src/index.js';
import { sampleEvents } from './fixtures.js';
import { delivery, SECRET } from './helpers.js';

// Compile-time: the union's `type`s are exactly EVENT_TYPES (tsc fails otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const unionMatchesList: Same<SalesOSEvent['type'], EventType> = true;

/** Exhaustive over the union: adding an event type without a case is a compile error. */
function describeEvent(event: SalesOSEvent): string {
  switch (event.type) {
    case 'lead.created':
    case 'lead.updated':
    case 'lead.deleted':
      return `lead ${event.data.object.last_name}`;
    case 'lead.converted':
      return `lead converted to ${event.data.object.converted_contact_id}`;
    case 'contact.created':
    case 'contact.updated':
      return `contact ${event.data.object.last_name}`;
    case 'account.created':
    case 'account.updated':
      return `account ${event.data.object.name}`;
    case 'opportunity.created':
    case 'opportunity.updated':
    case 'opportunity.won':
    case 'opportunity.lost':
      return `opportunity ${event.data.object.stage}`;
    case 'quote.created':
    case 'quote.approved':
    case 'quote.sent':
      return `quote ${event.data.object.total}`;
    case 'order.created':
    case 'order.completed':
      return `order ${event.data.object.status}`;
    case 'meeting.scheduled':
    case 'meeting.completed':
      return `meeting ${event.data.object.title}`;
    case 'task.completed':
      return `task ${event.data.object.title}`;
    case 'webhook.failing':
    case 'webhook.recovered':
    case 'webhook.disabled':
      return `webhook ${event.data.object.url}`;
    case 'delivery.exhausted':
      return `delivery ${event.data.object.id} to ${event.data.object.webhook_url}`;
    default: {
      const never: never = event;
      return never;
    }
  }
}

describe('event types', () => {
  it('lists the 20 event types of the product page, in its order, then the 4 operational ones', () => {
    assert.ok(unionMatchesList);
    assert.deepEqual(EVENT_TYPES, [
      'lead.created',
      'lead.updated',
      'lead.deleted',
      'lead.converted',
      'contact.created',
      'contact.updated',
      'account.created',
      'account.updated',
      'opportunity.created',
      'opportunity.updated',
      'opportunity.won',
      'opportunity.lost',
      'quote.created',
      'quote.approved',
      'quote.sent',
      'order.created',
      'order.completed',
      'meeting.scheduled',
      'meeting.completed',
      'task.completed',
      'webhook.failing',
      'webhook.recovered',
      'webhook.disabled',
      'delivery.exhausted',
    ]);
    assert.equal(new Set(EVENT_TYPES).size, 24);
  });

  it('describes each type in the catalog, CRM first, then Sales, then operational', () => {
    assert.deepEqual(
      EVENT_CATALOG.map((entry) => entry.type),
      [...EVENT_TYPES],
    );
    assert.deepEqual(EVENT_CATALOG.filter((entry) => entry.group === 'crm').length, 12);
    assert.deepEqual(OPERATIONAL_EVENT_TYPES, ['webhook.failing', 'webhook.recovered', 'webhook.disabled', 'delivery.exhausted']);
    for (const entry of EVENT_CATALOG) assert.match(entry.description, /^(A|An) .+ was /);
    assert.equal(EVENT_CATALOG.find((entry) => entry.type === 'quote.sent')?.description, 'A quote was sent to the customer');
  });

  it('tells known types from newer ones', () => {
    assert.ok(isEventType('opportunity.won'));
    assert.ok(!isEventType('opportunity.merged'));
  });

  it('verifies a sample of every type, whose object matches its resource', async () => {
    for (const type of EVENT_TYPES) {
      const { body, headers } = await delivery(sampleEvents[type]);
      const event = await verify(body, headers, SECRET);
      assert.equal(event.type, type);
      assert.equal(event.data.object.object, type.split('.')[0]);
      assert.match(event.id, /^evt_/);
      assert.ok(describeEvent(event).length > 0);
      const changes = type.endsWith('.updated') || type === 'opportunity.won' || type === 'opportunity.lost';
      assert.equal('previous_attributes' in event.data, changes, type);
    }
  });
});
