// One realistic event of each type, typed against the SDK's own interfaces, so `tsc` proves the
// samples fit the types. docs/webhooks.md shows exactly these payloads (checked by docs.test.ts).
import type { EventOf, EventType, LastFailure, Lead, Opportunity, Quote, WebhookHealth } from '../src/index.js';

const ORG = 'org_01JDX2B7Q3M9K4T2V8R5Y6Z0AB';
const created = '2026-11-26T18:04:05.123Z';

const lead: Lead = {
  id: 'lead_01JDX3A1B2C3D4E5F6G7H8J9KM',
  object: 'lead',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@analytical.example',
  company: 'Analytical Engines Ltd',
  phone: '+44 20 7946 0018',
  source: 'website',
  status: 'new',
  converted_contact_id: null,
  converted_account_id: null,
  converted_opportunity_id: null,
  created_at: created,
  updated_at: created,
};

const opportunity: Opportunity = {
  id: 'opp_01JDX3F6G7H8J9KMNPQRSTVWXY',
  object: 'opportunity',
  name: 'Analytical Engines — 50 seats',
  account_id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
  amount: 2500000,
  currency: 'USD',
  stage: 'prospecting',
  close_date: '2026-12-31',
  created_at: created,
  updated_at: created,
};

const quote: Quote = {
  id: 'quote_01JDX3G7H8J9KMNPQRSTVWXYZ0',
  object: 'quote',
  opportunity_id: opportunity.id,
  line_items: [
    { description: 'SalesOS Pro seat (annual)', quantity: 50, unit_amount: 48000, amount: 2400000 },
    { description: 'Onboarding', quantity: 1, unit_amount: 100000, amount: 100000 },
  ],
  currency: 'USD',
  status: 'draft',
  total: 2500000,
  created_at: created,
  updated_at: created,
};

const later = '2026-11-27T09:30:00.000Z';

const webhook: WebhookHealth = {
  id: 'wh_01JDX3M1NPQRSTVWXYZ0123456',
  object: 'webhook',
  url: 'https://crm-sync.analytical.example/hooks/salesos',
  description: 'CRM sync',
  events: ['opportunity.*', 'order.completed'],
  enabled: true,
  disabled_reason: null,
  metadata: {},
  retry_schedule: null,
  timeout: null,
  max_in_flight: null,
  rate_limit: null,
  headers: null,
  filter: null,
  ordering: 'none',
  failing_since: '2026-12-02T08:15:00.000Z',
  last_success_at: '2026-12-02T08:10:42.000Z',
  last_failure: null,
  created_at: created,
  updated_at: created,
};

const failure: LastFailure = {
  delivery_id: 'dlv_01JDX3N2PQRSTVWXYZ01234567',
  event_id: 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB11',
  event_type: 'opportunity.won',
  attempt_number: 1,
  error_class: 'http_status',
  response_status: 503,
  at: '2026-12-02T08:15:00.000Z',
};

function envelope<T extends EventType>(type: T, id: string, data: EventOf<T>['data']): EventOf<T> {
  return { id, type, created_at: data.object.updated_at, organization_id: ORG, data } as EventOf<T>;
}

export const sampleEvents: { [T in EventType]: EventOf<T> } = {
  'lead.created': envelope('lead.created', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB01', { object: lead }),
  'lead.updated': envelope('lead.updated', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB02', {
    object: { ...lead, status: 'qualified', phone: '+44 20 7946 0019', updated_at: later },
    previous_attributes: { status: 'new', phone: '+44 20 7946 0018' },
  }),
  'lead.deleted': envelope('lead.deleted', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB03', {
    object: { ...lead, deleted: true, updated_at: later },
  }),
  'lead.converted': envelope('lead.converted', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB04', {
    object: {
      ...lead,
      status: 'converted',
      converted_contact_id: 'cont_01JDX3B2C3D4E5F6G7H8J9KMNP',
      converted_account_id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      converted_opportunity_id: opportunity.id,
      updated_at: later,
    },
  }),
  'contact.created': envelope('contact.created', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB05', {
    object: {
      id: 'cont_01JDX3B2C3D4E5F6G7H8J9KMNP',
      object: 'contact',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@analytical.example',
      phone: '+44 20 7946 0018',
      account_id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      created_at: later,
      updated_at: later,
    },
  }),
  'contact.updated': envelope('contact.updated', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB06', {
    object: {
      id: 'cont_01JDX3B2C3D4E5F6G7H8J9KMNP',
      object: 'contact',
      first_name: 'Ada',
      last_name: 'King',
      email: 'ada.king@analytical.example',
      phone: '+44 20 7946 0018',
      account_id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      created_at: later,
      updated_at: '2026-11-28T11:00:00.000Z',
    },
    previous_attributes: { last_name: 'Lovelace', email: 'ada@analytical.example' },
  }),
  'account.created': envelope('account.created', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB07', {
    object: {
      id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      object: 'account',
      name: 'Analytical Engines Ltd',
      domain: 'analytical.example',
      industry: 'Computing',
      website: 'https://analytical.example',
      created_at: later,
      updated_at: later,
    },
  }),
  'account.updated': envelope('account.updated', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB08', {
    object: {
      id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      object: 'account',
      name: 'Analytical Engines Ltd',
      domain: 'analytical.example',
      industry: 'Software',
      website: 'https://analytical.example',
      created_at: later,
      updated_at: '2026-11-28T11:00:00.000Z',
    },
    previous_attributes: { industry: 'Computing' },
  }),
  'opportunity.created': envelope('opportunity.created', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB09', { object: opportunity }),
  'opportunity.updated': envelope('opportunity.updated', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB10', {
    object: { ...opportunity, stage: 'negotiation', amount: 2400000, updated_at: later },
    previous_attributes: { stage: 'proposal', amount: 2500000 },
  }),
  'opportunity.won': envelope('opportunity.won', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB11', {
    object: { ...opportunity, stage: 'closed_won', amount: 2400000, updated_at: '2026-12-15T16:20:00.000Z' },
    previous_attributes: { stage: 'negotiation' },
  }),
  'opportunity.lost': envelope('opportunity.lost', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB12', {
    object: { ...opportunity, stage: 'closed_lost', updated_at: '2026-12-15T16:20:00.000Z' },
    previous_attributes: { stage: 'proposal' },
  }),
  'quote.created': envelope('quote.created', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB13', { object: quote }),
  'quote.approved': envelope('quote.approved', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB14', {
    object: { ...quote, status: 'approved', updated_at: later },
  }),
  'quote.sent': envelope('quote.sent', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB15', {
    object: { ...quote, status: 'sent', updated_at: '2026-11-27T10:00:00.000Z' },
  }),
  'order.created': envelope('order.created', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB16', {
    object: {
      id: 'ord_01JDX3H8J9KMNPQRSTVWXYZ012',
      object: 'order',
      account_id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      quote_id: quote.id,
      total: 2500000,
      currency: 'USD',
      status: 'open',
      created_at: later,
      updated_at: later,
    },
  }),
  'order.completed': envelope('order.completed', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB17', {
    object: {
      id: 'ord_01JDX3H8J9KMNPQRSTVWXYZ012',
      object: 'order',
      account_id: 'acct_01JDX3C3D4E5F6G7H8J9KMNPQR',
      quote_id: quote.id,
      total: 2500000,
      currency: 'USD',
      status: 'completed',
      created_at: later,
      updated_at: '2026-12-20T08:00:00.000Z',
    },
  }),
  'meeting.scheduled': envelope('meeting.scheduled', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB18', {
    object: {
      id: 'mtg_01JDX3J9KMNPQRSTVWXYZ01234',
      object: 'meeting',
      title: 'Discovery call',
      starts_at: '2026-12-01T15:00:00.000Z',
      ends_at: '2026-12-01T15:30:00.000Z',
      attendees: ['ada@analytical.example', 'sam@salesos.example'],
      related_to: lead.id,
      status: 'scheduled',
      created_at: later,
      updated_at: later,
    },
  }),
  'meeting.completed': envelope('meeting.completed', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB19', {
    object: {
      id: 'mtg_01JDX3J9KMNPQRSTVWXYZ01234',
      object: 'meeting',
      title: 'Discovery call',
      starts_at: '2026-12-01T15:00:00.000Z',
      ends_at: '2026-12-01T15:30:00.000Z',
      attendees: ['ada@analytical.example', 'sam@salesos.example'],
      related_to: lead.id,
      status: 'completed',
      created_at: later,
      updated_at: '2026-12-01T15:31:00.000Z',
    },
  }),
  'task.completed': envelope('task.completed', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB20', {
    object: {
      id: 'task_01JDX3K0MNPQRSTVWXYZ012345',
      object: 'task',
      title: 'Send the signed order form',
      due_at: '2026-12-19T17:00:00.000Z',
      related_to: opportunity.id,
      status: 'completed',
      created_at: later,
      updated_at: '2026-12-19T12:10:00.000Z',
    },
  }),
  'webhook.failing': envelope('webhook.failing', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB21', {
    object: { ...webhook, last_failure: failure, updated_at: failure.at },
  }),
  'webhook.recovered': envelope('webhook.recovered', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB22', {
    object: { ...webhook, failing_since: null, last_success_at: '2026-12-02T09:02:10.000Z', updated_at: '2026-12-02T09:02:10.000Z' },
  }),
  'webhook.disabled': envelope('webhook.disabled', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB23', {
    object: {
      ...webhook,
      enabled: false,
      disabled_reason: 'failing',
      last_failure: { ...failure, attempt_number: 4, at: '2026-12-07T08:15:30.000Z' },
      updated_at: '2026-12-07T08:15:31.000Z',
    },
  }),
  'delivery.exhausted': envelope('delivery.exhausted', 'evt_01JDX3Q8M7K4T2V9R5Y6Z0AB24', {
    object: {
      id: failure.delivery_id,
      object: 'delivery',
      event_id: failure.event_id,
      event_type: failure.event_type,
      webhook_id: webhook.id,
      webhook_url: webhook.url,
      status: 'failed',
      attempt_count: 6,
      next_attempt_at: null,
      last_attempt_at: '2026-12-03T11:06:00.000Z',
      created_at: '2026-12-02T08:15:00.000Z',
      updated_at: '2026-12-03T11:06:02.000Z',
      last_failure: { ...failure, attempt_number: 6, at: '2026-12-03T11:06:00.000Z' },
    },
  }),
};
