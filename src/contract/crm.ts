// Request and response schemas of the CRM API (SPEC §4): one source for validation, types and
// OpenAPI. Request bodies are strict; optional fields accept null to clear them.
import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import type { IdPrefix } from '../ids.ts';
import { Id, ListQuery, Nullable, NullableId, StringEnum, Timestamp } from './common.ts';

const Opt = <T extends TSchema>(s: T) => Type.Optional(Nullable(s));

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
/** `converted` is reached through POST /v1/leads/{id}/convert only. */
const SETTABLE_LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified'] as const;
export const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export const CLOSED_STAGES: readonly string[] = ['closed_won', 'closed_lost'];
export const QUOTE_STATUSES = ['draft', 'approved', 'sent'] as const;
export const ORDER_STATUSES = ['open', 'completed'] as const;
export const MEETING_STATUSES = ['scheduled', 'completed'] as const;
export const TASK_STATUSES = ['open', 'completed'] as const;

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Text = (maxLength = 200) => Type.String({ maxLength });
const Email = Type.String({ format: 'email', maxLength: 320, examples: ['ada@example.com'] });
const Phone = Type.String({ maxLength: 50, examples: ['+44 20 7946 0000'] });
const RefId = (what: string) => Type.String({ minLength: 1, maxLength: 64, description: `id of ${what} of this organization` });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, three uppercase letters', examples: ['USD'] });
const Amount = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Integer minor units (cents for USD)' });
const DateTime = Type.String({ format: 'date-time', description: 'ISO-8601 date-time with a time zone' });
const RelatedTo = Type.String({ minLength: 1, maxLength: 64, description: 'id of a lead, contact, account, opportunity, quote or order of this organization' });
const Website = Type.String({ format: 'uri', maxLength: 2048, examples: ['https://analytical.example'] });
const Domain = Type.String({ minLength: 1, maxLength: 253, examples: ['analytical.example'] });
const strict = { additionalProperties: false } as const;

/** The response shape of a CRM object: id, object, its fields, created_at, updated_at. */
function crmObject<K extends string, P extends TProperties>(object: K, prefix: IdPrefix, $id: string, props: P, description: string) {
  return Type.Object(
    {
      id: Id(prefix),
      object: Type.Literal(object),
      ...props,
      created_at: Timestamp,
      updated_at: Timestamp,
    },
    { $id, description, additionalProperties: false },
  );
}
const S = Nullable(Type.String());
const N = Nullable(Type.Integer());

// Leads
const LeadFields = { first_name: Opt(Text()), email: Opt(Email), company: Opt(Text()), phone: Opt(Phone), source: Opt(Text(100)) };
export const LeadCreate = Type.Object(
  { last_name: Name, ...LeadFields, status: Type.Optional(StringEnum(SETTABLE_LEAD_STATUSES, { description: 'Default `new`' })) },
  { title: 'LeadCreate', additionalProperties: false },
);
export const LeadUpdate = Type.Object(
  { last_name: Type.Optional(Name), ...LeadFields, status: Type.Optional(StringEnum(SETTABLE_LEAD_STATUSES)) },
  { title: 'LeadUpdate', additionalProperties: false },
);
export const LeadConvert = Type.Object(
  {
    account_id: Type.Optional(RefId('an account to attach the contact to; by default a new account is created')),
    create_opportunity: Type.Optional(Type.Boolean({ default: false })),
    opportunity_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Needs create_opportunity: true' })),
  },
  { title: 'LeadConvert', additionalProperties: false },
);
const leadProps = {
  first_name: S,
  last_name: Type.String(),
  email: S,
  company: S,
  phone: S,
  source: S,
  status: StringEnum(LEAD_STATUSES),
  converted_contact_id: NullableId('cont'),
  converted_account_id: NullableId('acct'),
  converted_opportunity_id: NullableId('opp'),
};
export const Lead = crmObject('lead', 'lead', 'Lead', leadProps, 'A prospective customer. Its converted_* ids are set by POST /v1/leads/{id}/convert.');
export const DeletedLead = Type.Object(
  { ...Lead.properties, deleted: Type.Literal(true) },
  { $id: 'DeletedLead', description: 'The lead as it was, with deleted: true', additionalProperties: false },
);

// Accounts
const AccountFields = { domain: Opt(Domain), industry: Opt(Text(100)), website: Opt(Website) };
export const AccountCreate = Type.Object({ name: Name, ...AccountFields }, { title: 'AccountCreate', additionalProperties: false });
export const AccountUpdate = Type.Object({ name: Type.Optional(Name), ...AccountFields }, { title: 'AccountUpdate', additionalProperties: false });
export const Account = crmObject('account', 'acct', 'Account', { name: Type.String(), domain: S, industry: S, website: S }, 'A company you sell to.');

// Contacts
const ContactFields = { first_name: Opt(Text()), email: Opt(Email), phone: Opt(Phone), account_id: Opt(RefId('an account')) };
export const ContactCreate = Type.Object({ last_name: Name, ...ContactFields }, { title: 'ContactCreate', additionalProperties: false });
export const ContactUpdate = Type.Object({ last_name: Type.Optional(Name), ...ContactFields }, { title: 'ContactUpdate', additionalProperties: false });
export const Contact = crmObject(
  'contact',
  'cont',
  'Contact',
  { first_name: S, last_name: Type.String(), email: S, phone: S, account_id: NullableId('acct') },
  'A person, usually at an account.',
);

// Opportunities
const OpportunityFields = {
  amount: Opt(Amount),
  currency: Type.Optional(Currency),
  stage: Type.Optional(StringEnum(STAGES)),
  close_date: Opt(Type.String({ format: 'date', description: 'YYYY-MM-DD' })),
};
export const OpportunityCreate = Type.Object(
  { name: Name, account_id: RefId('an account'), ...OpportunityFields },
  { title: 'OpportunityCreate', additionalProperties: false },
);
export const OpportunityUpdate = Type.Object(
  { name: Type.Optional(Name), account_id: Type.Optional(RefId('an account')), ...OpportunityFields },
  { title: 'OpportunityUpdate', additionalProperties: false },
);
export const Opportunity = crmObject(
  'opportunity',
  'opp',
  'Opportunity',
  { name: Type.String(), account_id: Id('acct'), amount: N, currency: Type.String(), stage: StringEnum(STAGES), close_date: S },
  'A deal in progress. Moving stage to closed_won / closed_lost emits opportunity.won / opportunity.lost; a closed stage is final.',
);

// Quotes
const LineItemInput = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 500 }),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    unit_amount: Type.Integer({ minimum: 0, maximum: 1e13, description: 'Integer minor units' }),
  },
  { title: 'QuoteLineItemInput', additionalProperties: false },
);
export const QuoteCreate = Type.Object(
  { opportunity_id: RefId('an opportunity'), line_items: Type.Array(LineItemInput, { minItems: 1, maxItems: 100 }), currency: Type.Optional(Currency) },
  { title: 'QuoteCreate', additionalProperties: false },
);
export const Quote = crmObject(
  'quote',
  'quote',
  'Quote',
  {
    opportunity_id: Id('opp'),
    line_items: Type.Array(
      Type.Object(
        {
          description: Type.String(),
          quantity: Type.Integer(),
          unit_amount: Type.Integer(),
          amount: Type.Integer({ description: 'quantity × unit_amount' }),
        },
        { title: 'QuoteLineItem', additionalProperties: false },
      ),
    ),
    currency: Type.String({ description: "Default: the opportunity's currency" }),
    total: Type.Integer({ description: 'Sum of the line item amounts, in minor units' }),
    status: StringEnum(QUOTE_STATUSES),
  },
  'A priced offer for an opportunity: draft → approved → sent.',
);

// Orders
export const OrderCreate = Type.Object(
  { account_id: RefId('an account'), quote_id: Type.Optional(RefId('a quote')), total: Type.Optional(Amount), currency: Type.Optional(Currency) },
  { title: 'OrderCreate', additionalProperties: false },
);
export const Order = crmObject(
  'order',
  'ord',
  'Order',
  {
    account_id: Id('acct'),
    quote_id: NullableId('quote'),
    total: Nullable(Type.Integer({ description: "Default: the quote's total" })),
    currency: Type.String(),
    status: StringEnum(ORDER_STATUSES),
  },
  'A purchase: open → completed.',
);

// Meetings
export const MeetingCreate = Type.Object(
  {
    title: Name,
    starts_at: DateTime,
    ends_at: DateTime,
    attendees: Type.Optional(Type.Array(Email, { maxItems: 100, description: 'E-mail addresses' })),
    related_to: Opt(RelatedTo),
  },
  { title: 'MeetingCreate', additionalProperties: false },
);
export const Meeting = crmObject(
  'meeting',
  'mtg',
  'Meeting',
  { title: Type.String(), starts_at: Timestamp, ends_at: Timestamp, attendees: Type.Array(Type.String()), related_to: S, status: StringEnum(MEETING_STATUSES) },
  'A scheduled meeting: scheduled → completed.',
);

// Tasks
export const TaskCreate = Type.Object({ title: Name, due_at: Opt(DateTime), related_to: Opt(RelatedTo) }, { title: 'TaskCreate', additionalProperties: false });
export const Task = crmObject(
  'task',
  'task',
  'Task',
  { title: Type.String(), due_at: Nullable(Timestamp), related_to: S, status: StringEnum(TASK_STATUSES) },
  'A to-do: open → completed.',
);

export { EmptyBody } from './common.ts';

/** List query: the page, plus the filters a resource allows (all exact matches). */
export function listQuery<P extends TProperties>(filters: P) {
  return Type.Object({ ...ListQuery, ...filters }, strict);
}
export const FilterId = (what: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: `Only those of this ${what}` }));
export const FilterEnum = <const T extends readonly string[]>(values: T) => Type.Optional(StringEnum(values, { description: 'Only those with this value' }));

export type Lead = Static<typeof Lead>;
export type DeletedLead = Static<typeof DeletedLead>;
export type LeadCreate = Static<typeof LeadCreate>;
export type LeadUpdate = Static<typeof LeadUpdate>;
export type LeadConvert = Static<typeof LeadConvert>;
export type Account = Static<typeof Account>;
export type AccountCreate = Static<typeof AccountCreate>;
export type AccountUpdate = Static<typeof AccountUpdate>;
export type Contact = Static<typeof Contact>;
export type ContactCreate = Static<typeof ContactCreate>;
export type ContactUpdate = Static<typeof ContactUpdate>;
export type Opportunity = Static<typeof Opportunity>;
export type OpportunityCreate = Static<typeof OpportunityCreate>;
export type OpportunityUpdate = Static<typeof OpportunityUpdate>;
export type Quote = Static<typeof Quote>;
export type QuoteCreate = Static<typeof QuoteCreate>;
export type Order = Static<typeof Order>;
export type OrderCreate = Static<typeof OrderCreate>;
export type Meeting = Static<typeof Meeting>;
export type MeetingCreate = Static<typeof MeetingCreate>;
export type Task = Static<typeof Task>;
export type TaskCreate = Static<typeof TaskCreate>;
