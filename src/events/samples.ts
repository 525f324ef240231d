// Realistic sample payloads for test deliveries (`POST /v1/webhooks/{id}/test`) and
// `salesos events trigger <type>`: the same shapes the CRM emits.
import { newId, type IdPrefix } from '../ids.ts';
import type { EventData } from './publisher.ts';

/** `ids` makes the objects' ids (new ones by default; fixed ones for the documented examples). */
export function sampleEventData(type: string, now = new Date(), ids: (prefix: IdPrefix) => string = newId): EventData {
  const at = now.toISOString();
  const base = (prefix: IdPrefix, object: string) => ({ id: ids(prefix), object, created_at: at, updated_at: at });
  const accountId = ids('acct');
  const lead = {
    ...base('lead', 'lead'),
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    company: 'Analytical Engines Ltd',
    phone: '+44 20 7946 0000',
    source: 'website',
    status: 'new',
    converted_contact_id: null,
    converted_account_id: null,
    converted_opportunity_id: null,
  };
  const contact = {
    ...base('cont', 'contact'),
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0000',
    account_id: accountId,
  };
  const account = {
    ...base('acct', 'account'),
    id: accountId,
    name: 'Analytical Engines Ltd',
    domain: 'analytical.example',
    industry: 'Manufacturing',
    website: 'https://analytical.example',
  };
  const opportunity = {
    ...base('opp', 'opportunity'),
    name: 'Difference Engine rollout',
    account_id: accountId,
    amount: 4_200_000,
    currency: 'USD',
    stage: 'negotiation',
    close_date: at.slice(0, 10),
  };
  const lineItems = [
    { description: 'Engine licence', quantity: 2, unit_amount: 1_500_000, amount: 3_000_000 },
    { description: 'Onboarding', quantity: 1, unit_amount: 1_200_000, amount: 1_200_000 },
  ];
  const quote = { ...base('quote', 'quote'), opportunity_id: opportunity.id, line_items: lineItems, currency: 'USD', total: 4_200_000, status: 'draft' };
  const order = { ...base('ord', 'order'), account_id: accountId, quote_id: quote.id, total: 4_200_000, currency: 'USD', status: 'open' };
  const starts = new Date(now.getTime() + 86_400_000);
  const meeting = {
    ...base('mtg', 'meeting'),
    title: 'Kick-off',
    starts_at: starts.toISOString(),
    ends_at: new Date(starts.getTime() + 3_600_000).toISOString(),
    attendees: ['ada@example.com'],
    related_to: opportunity.id,
    status: 'scheduled',
  };
  const task = { ...base('task', 'task'), title: 'Send the contract', due_at: starts.toISOString(), related_to: opportunity.id, status: 'open' };

  // The operational events' objects: a webhook failing since a minute ago, and one of its deliveries.
  const earlier = new Date(now.getTime() - 60_000).toISOString();
  const webhook = {
    id: ids('wh'),
    object: 'webhook',
    url: 'https://example.com/hooks/salesos',
    description: 'CRM sync',
    events: ['opportunity.*'],
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
    failing_since: earlier,
    last_success_at: earlier,
    last_failure: null,
    created_at: earlier,
    updated_at: earlier,
  };
  const failure = {
    delivery_id: ids('dlv'),
    event_id: ids('evt'),
    event_type: 'opportunity.won',
    attempt_number: 1,
    error_class: 'http_status',
    response_status: 503,
    at,
  };

  switch (type) {
    case 'lead.created':
      return { object: lead };
    case 'lead.updated':
      return { object: { ...lead, status: 'contacted' }, previous_attributes: { status: 'new' } };
    case 'lead.deleted':
      return { object: { ...lead, deleted: true } };
    case 'lead.converted':
      return {
        object: { ...lead, status: 'converted', converted_contact_id: contact.id, converted_account_id: accountId, converted_opportunity_id: opportunity.id },
      };
    case 'contact.created':
      return { object: contact };
    case 'contact.updated':
      return { object: { ...contact, phone: '+44 20 7946 0001' }, previous_attributes: { phone: contact.phone } };
    case 'account.created':
      return { object: account };
    case 'account.updated':
      return { object: { ...account, industry: 'Computing' }, previous_attributes: { industry: account.industry } };
    case 'opportunity.created':
      return { object: { ...opportunity, stage: 'prospecting' } };
    case 'opportunity.updated':
      return { object: opportunity, previous_attributes: { stage: 'proposal' } };
    case 'opportunity.won':
      return { object: { ...opportunity, stage: 'closed_won' }, previous_attributes: { stage: 'negotiation' } };
    case 'opportunity.lost':
      return { object: { ...opportunity, stage: 'closed_lost' }, previous_attributes: { stage: 'negotiation' } };
    case 'quote.created':
      return { object: quote };
    case 'quote.approved':
      return { object: { ...quote, status: 'approved' } };
    case 'quote.sent':
      return { object: { ...quote, status: 'sent' } };
    case 'order.created':
      return { object: order };
    case 'order.completed':
      return { object: { ...order, status: 'completed' } };
    case 'meeting.scheduled':
      return { object: meeting };
    case 'meeting.completed':
      return { object: { ...meeting, status: 'completed' } };
    case 'task.completed':
      return { object: { ...task, status: 'completed' } };
    case 'webhook.failing':
      return { object: { ...webhook, last_failure: failure } };
    case 'webhook.recovered':
      return { object: { ...webhook, failing_since: null, last_success_at: at } };
    case 'webhook.disabled':
      return { object: { ...webhook, enabled: false, disabled_reason: 'failing', last_failure: failure } };
    case 'delivery.exhausted':
      return {
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
          last_attempt_at: at,
          created_at: earlier,
          updated_at: at,
          last_failure: { ...failure, attempt_number: 6 },
        },
      };
    default:
      throw new Error(`no sample for ${type}`);
  }
}
