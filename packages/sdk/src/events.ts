// Terminology:
// - event: something that happened in a SalesOS organization (a lead was created, ...), with a
//   stable `evt_` id. The same event may reach you more than once (retries): deduplicate on id.
// - event type: "<resource>.<action>", one of EVENT_TYPES.
// - delivery: one event sent to one webhook endpoint, as a signed HTTP POST.
import type { Account, Contact, ConvertedLead, DeletedLead, Lead, Meeting, Opportunity, Order, Quote, Task } from './resources.js';
import type { Webhook } from './settings.js';

/**
 * The event types, in the order of the SalesOS catalog (GET /v1/event-types): the 20 of the CRM
 * and sales, then the 4 operational ones SalesOS emits about your webhooks themselves.
 */
export const EVENT_TYPES = [
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
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** `operational` events are about your webhooks and deliveries; a `*` subscription does not include them (name them, or `webhook.*`, `delivery.*`). */
export type EventGroup = 'crm' | 'sales' | 'operational';

export interface EventTypeInfo {
  type: EventType;
  description: string;
  group: EventGroup;
}

/** The catalog as GET /v1/event-types describes it: description and group of each type. */
export const EVENT_CATALOG: readonly EventTypeInfo[] = [
  { type: 'lead.created', description: 'A new lead was created', group: 'crm' },
  { type: 'lead.updated', description: 'A lead was updated', group: 'crm' },
  { type: 'lead.deleted', description: 'A lead was deleted', group: 'crm' },
  { type: 'lead.converted', description: 'A lead was converted to contact/opportunity', group: 'crm' },
  { type: 'contact.created', description: 'A new contact was created', group: 'crm' },
  { type: 'contact.updated', description: 'A contact was updated', group: 'crm' },
  { type: 'account.created', description: 'A new account was created', group: 'crm' },
  { type: 'account.updated', description: 'An account was updated', group: 'crm' },
  { type: 'opportunity.created', description: 'A new opportunity was created', group: 'crm' },
  { type: 'opportunity.updated', description: 'An opportunity was updated', group: 'crm' },
  { type: 'opportunity.won', description: 'An opportunity was marked as won', group: 'crm' },
  { type: 'opportunity.lost', description: 'An opportunity was marked as lost', group: 'crm' },
  { type: 'quote.created', description: 'A new quote was created', group: 'sales' },
  { type: 'quote.approved', description: 'A quote was approved', group: 'sales' },
  { type: 'quote.sent', description: 'A quote was sent to the customer', group: 'sales' },
  { type: 'order.created', description: 'A new order was created', group: 'sales' },
  { type: 'order.completed', description: 'An order was completed', group: 'sales' },
  { type: 'meeting.scheduled', description: 'A meeting was scheduled', group: 'sales' },
  { type: 'meeting.completed', description: 'A meeting was completed', group: 'sales' },
  { type: 'task.completed', description: 'A task was completed', group: 'sales' },
  {
    type: 'webhook.failing',
    description: 'A webhook was found failing: an attempt failed after it had been healthy (at most once an hour)',
    group: 'operational',
  },
  { type: 'webhook.recovered', description: 'A failing webhook was delivered to successfully again', group: 'operational' },
  { type: 'webhook.disabled', description: 'A webhook was disabled automatically after failing for too long', group: 'operational' },
  { type: 'delivery.exhausted', description: 'A delivery was given up: every attempt of its retry schedule failed', group: 'operational' },
];

/** The event types of the `operational` group: what `*` leaves out. */
export const OPERATIONAL_EVENT_TYPES: readonly EventType[] = EVENT_CATALOG.filter((e) => e.group === 'operational').map((e) => e.type);

const KNOWN = new Set<string>(EVENT_TYPES);

/** True for the types this SDK version knows; SalesOS may add types later. */
export function isEventType(type: string): type is EventType {
  return KNOWN.has(type);
}

/** The envelope of every delivery body. */
export interface WebhookEvent<Type extends string, Data> {
  /** `evt_` id: the same on every retry and for every endpoint, and equal to `webhook-id`. */
  id: string;
  type: Type;
  /** When the event happened, ISO-8601 UTC. */
  created_at: string;
  organization_id: string;
  /** Present (and true) only on test events: test sends and `salesos events trigger`. Their deliveries also carry `X-Webhook-Test: true`. */
  test?: true;
  data: Data;
}

/** `data` of events that report a new state. */
export interface ObjectData<T> {
  object: T;
}

/**
 * `data` of events that report a change: the old values of the changed fields only, among those
 * a client can set (`Previous`; never `id` or `updated_at`).
 */
export interface ChangeData<T, Previous = T> {
  object: T;
  previous_attributes: Partial<Previous>;
}

/** The fields of each object a change can modify: what `previous_attributes` may hold. */
export type LeadChanges = Pick<Lead, 'last_name' | 'first_name' | 'email' | 'company' | 'phone' | 'source' | 'status'>;
export type ContactChanges = Pick<Contact, 'last_name' | 'first_name' | 'email' | 'phone' | 'account_id'>;
export type AccountChanges = Pick<Account, 'name' | 'domain' | 'industry' | 'website'>;
export type OpportunityChanges = Pick<Opportunity, 'name' | 'account_id' | 'amount' | 'currency' | 'stage' | 'close_date'>;

export type LeadCreatedEvent = WebhookEvent<'lead.created', ObjectData<Lead>>;
export type LeadUpdatedEvent = WebhookEvent<'lead.updated', ChangeData<Lead, LeadChanges>>;
/** `data.object` is the lead as it was when deleted, with `deleted: true`. */
export type LeadDeletedEvent = WebhookEvent<'lead.deleted', ObjectData<DeletedLead>>;
export type LeadConvertedEvent = WebhookEvent<'lead.converted', ObjectData<ConvertedLead>>;
export type ContactCreatedEvent = WebhookEvent<'contact.created', ObjectData<Contact>>;
export type ContactUpdatedEvent = WebhookEvent<'contact.updated', ChangeData<Contact, ContactChanges>>;
export type AccountCreatedEvent = WebhookEvent<'account.created', ObjectData<Account>>;
export type AccountUpdatedEvent = WebhookEvent<'account.updated', ChangeData<Account, AccountChanges>>;
export type OpportunityCreatedEvent = WebhookEvent<'opportunity.created', ObjectData<Opportunity>>;
export type OpportunityUpdatedEvent = WebhookEvent<'opportunity.updated', ChangeData<Opportunity, OpportunityChanges>>;
export type OpportunityWonEvent = WebhookEvent<'opportunity.won', ChangeData<Opportunity & { stage: 'closed_won' }, OpportunityChanges>>;
export type OpportunityLostEvent = WebhookEvent<'opportunity.lost', ChangeData<Opportunity & { stage: 'closed_lost' }, OpportunityChanges>>;
export type QuoteCreatedEvent = WebhookEvent<'quote.created', ObjectData<Quote>>;
export type QuoteApprovedEvent = WebhookEvent<'quote.approved', ObjectData<Quote & { status: 'approved' }>>;
export type QuoteSentEvent = WebhookEvent<'quote.sent', ObjectData<Quote & { status: 'sent' }>>;
export type OrderCreatedEvent = WebhookEvent<'order.created', ObjectData<Order>>;
export type OrderCompletedEvent = WebhookEvent<'order.completed', ObjectData<Order & { status: 'completed' }>>;
export type MeetingScheduledEvent = WebhookEvent<'meeting.scheduled', ObjectData<Meeting>>;
export type MeetingCompletedEvent = WebhookEvent<'meeting.completed', ObjectData<Meeting & { status: 'completed' }>>;
export type TaskCompletedEvent = WebhookEvent<'task.completed', ObjectData<Task & { status: 'completed' }>>;
// The objects of the operational events (group `operational`): a webhook's health, and a delivery
// that was given up. SalesOS emits them about your own webhooks; `*` does not include them.
/** The attempt that made a webhook fail, or a delivery give up. */
export interface LastFailure {
  delivery_id: string;
  event_id: string;
  event_type: EventType;
  attempt_number: number;
  /** Why it failed: `http_status`, `timeout`, `connection_refused`, `dns`, … */
  error_class: string;
  /** The status the endpoint answered; null when it did not answer. */
  response_status: number | null;
  /** When the attempt started, ISO-8601 UTC. */
  at: string;
}

/** A webhook as webhook.failing, webhook.recovered and webhook.disabled carry it (its secret is never in it). */
export interface WebhookHealth extends Webhook {
  object: 'webhook';
  /** When its current run of failures started; null once it is healthy again. */
  failing_since: string | null;
  /** Its last successful delivery, if any. */
  last_success_at: string | null;
  /** The failed attempt that brought the event; null on webhook.recovered. */
  last_failure: LastFailure | null;
}

/** A delivery that reached `failed`: every attempt of its retry schedule failed. */
export interface ExhaustedDelivery {
  id: string;
  object: 'delivery';
  event_id: string;
  /** Never an operational type: their deliveries are not reported on. */
  event_type: EventType;
  webhook_id: string;
  webhook_url: string;
  status: 'failed';
  attempt_count: number;
  /** Always null: it is not attempted again (unless retried by hand). */
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  last_failure: LastFailure;
}

/** `data.object` is the webhook (never its secret), with `failing_since` and `last_failure`. Never sent to the webhook it is about. */
export type WebhookFailingEvent = WebhookEvent<'webhook.failing', ObjectData<WebhookHealth>>;
export type WebhookRecoveredEvent = WebhookEvent<'webhook.recovered', ObjectData<WebhookHealth>>;
export type WebhookDisabledEvent = WebhookEvent<'webhook.disabled', ObjectData<WebhookHealth & { enabled: false; disabled_reason: 'failing' }>>;
/** `data.object` is the delivery that reached `failed`, with its webhook's URL and its last failure. */
export type DeliveryExhaustedEvent = WebhookEvent<'delivery.exhausted', ObjectData<ExhaustedDelivery>>;

/**
 * Any SalesOS event, discriminated on `type`:
 * `if (event.type === 'opportunity.won') event.data.object.amount` is typed.
 */
export type SalesOSEvent =
  | LeadCreatedEvent
  | LeadUpdatedEvent
  | LeadDeletedEvent
  | LeadConvertedEvent
  | ContactCreatedEvent
  | ContactUpdatedEvent
  | AccountCreatedEvent
  | AccountUpdatedEvent
  | OpportunityCreatedEvent
  | OpportunityUpdatedEvent
  | OpportunityWonEvent
  | OpportunityLostEvent
  | QuoteCreatedEvent
  | QuoteApprovedEvent
  | QuoteSentEvent
  | OrderCreatedEvent
  | OrderCompletedEvent
  | MeetingScheduledEvent
  | MeetingCompletedEvent
  | TaskCompletedEvent
  | WebhookFailingEvent
  | WebhookRecoveredEvent
  | WebhookDisabledEvent
  | DeliveryExhaustedEvent;

/** The event interface of one type: `EventOf<'quote.sent'>`. */
export type EventOf<T extends EventType> = Extract<SalesOSEvent, { type: T }>;
