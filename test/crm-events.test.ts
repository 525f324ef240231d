// Each of the 20 event types, produced by its real CRM operation through the HTTP API and
// received by a real endpoint subscribed to `*`: type, object and previous_attributes as
// delivered, every delivery verified with the standardwebhooks library and validated against the
// JSON Schema GET /v1/event-types serves for its type. Outside production the CRM checks what it
// emits against the same schemas (so every CRM test checks it too); a misfit is refused.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { PUBLISHABLE_TYPES } from '../src/catalog.ts';
import type { Lead } from '../src/contract/crm.ts';
import { BACKENDS, startApp, startReceiver, type Receiver, type TestApp } from './helpers.ts';

/** A validator per event type, compiled from the schemas the API serves. */
async function servedSchemas(t: TestApp): Promise<Map<string, ValidateFunction>> {
  const res = await t.api<{ data: Array<{ type: string; schema: object }> }>('GET', '/v1/event-types');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
  addFormats(ajv);
  return new Map(res.body.data.map((e) => [e.type, ajv.compile(e.schema)]));
}

type Obj = Record<string, unknown> & { id: string; object: string };
interface Payload {
  id: string;
  type: string;
  organization_id: string;
  data: { object: Obj; previous_attributes?: Record<string, unknown> };
}
interface Expected {
  type: string;
  /** The id of data.object, read from the state after the operation. */
  id: () => string;
  object: string;
  /** A key field and its value. */
  field: [string, unknown];
  previous?: Record<string, unknown>;
}
interface Step {
  operation: string;
  run: () => Promise<void>;
  events: Expected[];
}

for (const backend of BACKENDS) {
  describe(`the 20 CRM events on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    let secret: string;
    let schemas: Map<string, ValidateFunction>;
    const ids: Record<string, string> = {};

    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver();
      schemas = await servedSchemas(t);
      const hook = await t.api<{ secret: string }>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      assert.equal(hook.status, 201);
      secret = hook.body.secret;
    });
    after(async () => {
      await rx?.close();
      await t?.close();
    });

    /** Calls the API, asserts the status and keeps the answered id under `name`. */
    async function call(name: string | null, method: string, path: string, body: unknown, status = 200): Promise<Obj> {
      const res = await t.api<Obj>(method, path, body);
      assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
      if (name) ids[name] = res.body.id;
      return res.body;
    }
    const id = (name: string) => () => ids[name];

    const steps: Step[] = [
      {
        operation: 'POST /v1/leads',
        run: async () =>
          void (await call(
            'lead',
            'POST',
            '/v1/leads',
            { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', company: 'Analytical Engines' },
            201,
          )),
        events: [{ type: 'lead.created', id: id('lead'), object: 'lead', field: ['status', 'new'] }],
      },
      {
        operation: 'PATCH /v1/leads/{id}',
        run: async () => void (await call(null, 'PATCH', `/v1/leads/${ids.lead}`, { status: 'contacted', source: 'website' })),
        events: [{ type: 'lead.updated', id: id('lead'), object: 'lead', field: ['status', 'contacted'], previous: { status: 'new', source: null } }],
      },
      {
        operation: 'DELETE /v1/leads/{id}',
        run: async () => {
          await call('doomed', 'POST', '/v1/leads', { last_name: 'Babbage' }, 201);
          await call(null, 'DELETE', `/v1/leads/${ids.doomed}`, undefined);
        },
        events: [
          { type: 'lead.created', id: id('doomed'), object: 'lead', field: ['last_name', 'Babbage'] },
          { type: 'lead.deleted', id: id('doomed'), object: 'lead', field: ['deleted', true] },
        ],
      },
      {
        operation: 'POST /v1/accounts',
        run: async () => void (await call('account', 'POST', '/v1/accounts', { name: 'Difference Ltd', industry: 'Manufacturing' }, 201)),
        events: [{ type: 'account.created', id: id('account'), object: 'account', field: ['name', 'Difference Ltd'] }],
      },
      {
        operation: 'PATCH /v1/accounts/{id}',
        run: async () => void (await call(null, 'PATCH', `/v1/accounts/${ids.account}`, { industry: 'Computing', name: 'Difference Ltd' })),
        events: [{ type: 'account.updated', id: id('account'), object: 'account', field: ['industry', 'Computing'], previous: { industry: 'Manufacturing' } }],
      },
      {
        operation: 'POST /v1/contacts',
        run: async () => void (await call('contact', 'POST', '/v1/contacts', { last_name: 'Somerville', account_id: ids.account }, 201)),
        events: [{ type: 'contact.created', id: id('contact'), object: 'contact', field: ['last_name', 'Somerville'] }],
      },
      {
        operation: 'PATCH /v1/contacts/{id}',
        run: async () => void (await call(null, 'PATCH', `/v1/contacts/${ids.contact}`, { phone: '+44 20 7946 0001' })),
        events: [{ type: 'contact.updated', id: id('contact'), object: 'contact', field: ['phone', '+44 20 7946 0001'], previous: { phone: null } }],
      },
      {
        operation: 'POST /v1/opportunities',
        run: async () =>
          void (await call('opp', 'POST', '/v1/opportunities', { name: 'Engine rollout', account_id: ids.account, amount: 4_200_000, currency: 'EUR' }, 201)),
        events: [{ type: 'opportunity.created', id: id('opp'), object: 'opportunity', field: ['stage', 'prospecting'] }],
      },
      {
        operation: 'PATCH /v1/opportunities/{id} (stage)',
        run: async () => void (await call(null, 'PATCH', `/v1/opportunities/${ids.opp}`, { stage: 'negotiation', amount: 5_000_000 })),
        events: [
          {
            type: 'opportunity.updated',
            id: id('opp'),
            object: 'opportunity',
            field: ['stage', 'negotiation'],
            previous: { stage: 'prospecting', amount: 4_200_000 },
          },
        ],
      },
      {
        operation: 'PATCH /v1/opportunities/{id} stage closed_won',
        run: async () => void (await call(null, 'PATCH', `/v1/opportunities/${ids.opp}`, { stage: 'closed_won' })),
        events: [
          { type: 'opportunity.updated', id: id('opp'), object: 'opportunity', field: ['stage', 'closed_won'], previous: { stage: 'negotiation' } },
          { type: 'opportunity.won', id: id('opp'), object: 'opportunity', field: ['stage', 'closed_won'], previous: { stage: 'negotiation' } },
        ],
      },
      {
        operation: 'PATCH /v1/opportunities/{id} stage closed_lost',
        run: async () => {
          await call('lostOpp', 'POST', '/v1/opportunities', { name: 'Analytical Engine', account_id: ids.account, stage: 'proposal' }, 201);
          await call(null, 'PATCH', `/v1/opportunities/${ids.lostOpp}`, { stage: 'closed_lost' });
        },
        events: [
          { type: 'opportunity.created', id: id('lostOpp'), object: 'opportunity', field: ['stage', 'proposal'] },
          { type: 'opportunity.updated', id: id('lostOpp'), object: 'opportunity', field: ['stage', 'closed_lost'], previous: { stage: 'proposal' } },
          { type: 'opportunity.lost', id: id('lostOpp'), object: 'opportunity', field: ['stage', 'closed_lost'], previous: { stage: 'proposal' } },
        ],
      },
      {
        operation: 'POST /v1/leads/{id}/convert',
        run: async () => {
          const lead = await call(null, 'POST', `/v1/leads/${ids.lead}/convert`, { create_opportunity: true, opportunity_name: 'First engine' });
          ids.convAccount = String(lead.converted_account_id);
          ids.convContact = String(lead.converted_contact_id);
          ids.convOpp = String(lead.converted_opportunity_id);
        },
        events: [
          { type: 'account.created', id: id('convAccount'), object: 'account', field: ['name', 'Analytical Engines'] },
          { type: 'contact.created', id: id('convContact'), object: 'contact', field: ['last_name', 'Lovelace'] },
          { type: 'opportunity.created', id: id('convOpp'), object: 'opportunity', field: ['name', 'First engine'] },
          { type: 'lead.converted', id: id('lead'), object: 'lead', field: ['status', 'converted'] },
        ],
      },
      {
        operation: 'POST /v1/quotes',
        run: async () =>
          void (await call(
            'quote',
            'POST',
            '/v1/quotes',
            {
              opportunity_id: ids.opp,
              line_items: [
                { description: 'Licence', quantity: 2, unit_amount: 1_500_000 },
                { description: 'Onboarding', quantity: 1, unit_amount: 1_200_000 },
              ],
            },
            201,
          )),
        events: [{ type: 'quote.created', id: id('quote'), object: 'quote', field: ['total', 4_200_000] }],
      },
      {
        operation: 'POST /v1/quotes/{id}/approve',
        run: async () => void (await call(null, 'POST', `/v1/quotes/${ids.quote}/approve`, {})),
        events: [{ type: 'quote.approved', id: id('quote'), object: 'quote', field: ['status', 'approved'] }],
      },
      {
        operation: 'POST /v1/quotes/{id}/send',
        run: async () => void (await call(null, 'POST', `/v1/quotes/${ids.quote}/send`, {})),
        events: [{ type: 'quote.sent', id: id('quote'), object: 'quote', field: ['status', 'sent'] }],
      },
      {
        operation: 'POST /v1/orders',
        run: async () => void (await call('order', 'POST', '/v1/orders', { account_id: ids.account, quote_id: ids.quote }, 201)),
        events: [{ type: 'order.created', id: id('order'), object: 'order', field: ['total', 4_200_000] }],
      },
      {
        operation: 'POST /v1/orders/{id}/complete',
        run: async () => void (await call(null, 'POST', `/v1/orders/${ids.order}/complete`, {})),
        events: [{ type: 'order.completed', id: id('order'), object: 'order', field: ['status', 'completed'] }],
      },
      {
        operation: 'POST /v1/meetings',
        run: async () =>
          void (await call(
            'meeting',
            'POST',
            '/v1/meetings',
            { title: 'Kick-off', starts_at: '2030-01-02T10:00:00Z', ends_at: '2030-01-02T11:00:00+00:00', attendees: ['ada@example.com'], related_to: ids.opp },
            201,
          )),
        events: [{ type: 'meeting.scheduled', id: id('meeting'), object: 'meeting', field: ['ends_at', '2030-01-02T11:00:00.000Z'] }],
      },
      {
        operation: 'POST /v1/meetings/{id}/complete',
        run: async () => void (await call(null, 'POST', `/v1/meetings/${ids.meeting}/complete`, {})),
        events: [{ type: 'meeting.completed', id: id('meeting'), object: 'meeting', field: ['status', 'completed'] }],
      },
      {
        operation: 'POST /v1/tasks/{id}/complete',
        run: async () => {
          await call('task', 'POST', '/v1/tasks', { title: 'Send the contract', related_to: ids.order }, 201);
          await call(null, 'POST', `/v1/tasks/${ids.task}/complete`, {});
        },
        events: [{ type: 'task.completed', id: id('task'), object: 'task', field: ['title', 'Send the contract'] }],
      },
    ];

    test('every step delivers exactly its events, signed, with the object and previous_attributes', async () => {
      let seen = 0;
      const types = new Set<string>();
      const validated = new Set<string>();
      for (const step of steps) {
        await step.run();
        seen += step.events.length;
        const batch = (await rx.waitFor(seen)).slice(seen - step.events.length);
        const payloads = batch.map((req) => {
          // Verified exactly as a receiver would, with the standardwebhooks library.
          const payload = new StandardWebhook(secret).verify(req.body, {
            'webhook-id': String(req.headers['webhook-id']),
            'webhook-timestamp': String(req.headers['webhook-timestamp']),
            'webhook-signature': String(req.headers['webhook-signature']),
          }) as Payload;
          assert.equal(req.headers['x-webhook-event'], payload.type);
          // The whole body fits the schema the API serves for its type.
          const validate = schemas.get(payload.type)!;
          assert.ok(validate(payload), `${payload.type}: ${JSON.stringify(validate.errors)}\n${req.body}`);
          validated.add(payload.type);
          return payload;
        });
        // Deliveries run concurrently: match them to the expected events by type and object.
        for (const want of step.events) {
          const got = payloads.find((p) => p.type === want.type && p.data.object.id === want.id());
          assert.ok(got, `${step.operation}: no ${want.type} for ${want.id()} among ${payloads.map((p) => p.type).join(', ')}`);
          assert.equal(got.data.object.object, want.object);
          assert.match(String(got.data.object.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          const [field, value] = want.field;
          assert.deepEqual(got.data.object[field], value, `${want.type}: ${field}`);
          if (want.previous) assert.deepEqual(got.data.previous_attributes, want.previous, `${want.type}: previous_attributes`);
          else assert.equal(got.data.previous_attributes, undefined, `${want.type} has no previous_attributes`);
          types.add(want.type);
        }
        assert.equal(payloads.length, step.events.length, `${step.operation}: ${payloads.map((p) => p.type).join(', ')}`);
      }
      assert.deepEqual([...types].sort(), [...PUBLISHABLE_TYPES].sort(), 'all 20 CRM and sales event types were delivered');
      assert.deepEqual([...validated].sort(), [...PUBLISHABLE_TYPES].sort(), 'all 20 CRM and sales event types were validated against their schema');
      // Nothing else was emitted (task creation emits nothing): events commit with the change.
      const events = await t.api<{ data: unknown[] }>('GET', '/v1/events?limit=100');
      assert.equal(events.body.data.length, seen);
    });

    test('the delivered objects are the objects the API answers', async () => {
      const events = await t.api<{ data: Array<{ type: string; data: { object: Obj } }> }>('GET', '/v1/events?limit=100');
      const won = events.body.data.find((e) => e.type === 'opportunity.won')!;
      const current = await t.api<Obj>('GET', `/v1/opportunities/${ids.opp}`);
      assert.deepEqual(won.data.object, current.body);
      const converted = events.body.data.find((e) => e.type === 'lead.converted')!;
      assert.deepEqual(converted.data.object, (await t.api<Obj>('GET', `/v1/leads/${ids.lead}`)).body);
    });

    test('outside production the CRM refuses to emit what the schema of the type does not allow, and stores nothing', async () => {
      const lead = (await t.api<Lead>('POST', '/v1/leads', { last_name: 'Misfit' })).body;
      const before = (await t.api<{ data: unknown[] }>('GET', '/v1/events?limit=100')).body.data.length;
      const { organization_id: org } = JSON.parse(rx.requests[0].body) as Payload;
      // A lead that was not converted, as lead.converted: the type checker allows it (a Lead),
      // the schema of lead.converted does not (status converted, converted_*_id set).
      await assert.rejects(
        t.app.crm.change(org, (c) => c.emit('lead.converted', lead)),
        /SalesOS emitted a lead\.converted event its schema does not allow: data\.object\.status .*data\.object\.converted_contact_id/,
      );
      await assert.rejects(
        t.app.crm.change(org, (c) => c.emit('lead.updated', lead, {})),
        /data\.previous_attributes must NOT have fewer than 1 properties/,
      );
      assert.equal((await t.api<{ data: unknown[] }>('GET', '/v1/events?limit=100')).body.data.length, before);
    });
  });
}
