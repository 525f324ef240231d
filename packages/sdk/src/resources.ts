// The CRM objects that travel as `data.object` in SalesOS events, one interface per resource of
// the CRM API (/v1/leads, /v1/contacts, ...). A field that is not set is null, never missing.
// test/sdk-contract.test.ts (in the SalesOS repository) checks them against the server's schemas.

/** Fields every CRM object carries. Times are ISO-8601 UTC strings. */
export interface CrmObject<Kind extends string> {
  /** Prefixed id, for example `lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD`. */
  id: string;
  /** The kind of object: "lead", "contact", ... */
  object: Kind;
  created_at: string;
  updated_at: string;
}

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted';

export interface Lead extends CrmObject<'lead'> {
  first_name: string | null;
  last_name: string;
  email: string | null;
  company: string | null;
  phone: string | null;
  source: string | null;
  status: LeadStatus;
  /** Set once the lead is converted (see `ConvertedLead`). */
  converted_contact_id: string | null;
  converted_account_id: string | null;
  converted_opportunity_id: string | null;
}

/** The lead of `lead.deleted`: as it was when deleted. */
export interface DeletedLead extends Lead {
  deleted: true;
}

/** The lead of `lead.converted`: what the conversion created. */
export interface ConvertedLead extends Lead {
  status: 'converted';
  converted_contact_id: string;
  converted_account_id: string;
  /** null unless the conversion was asked to create an opportunity. */
  converted_opportunity_id: string | null;
}

export interface Contact extends CrmObject<'contact'> {
  first_name: string | null;
  last_name: string;
  email: string | null;
  phone: string | null;
  account_id: string | null;
}

export interface Account extends CrmObject<'account'> {
  name: string;
  domain: string | null;
  industry: string | null;
  website: string | null;
}

export type OpportunityStage = 'prospecting' | 'qualification' | 'proposal' | 'negotiation' | 'closed_won' | 'closed_lost';

export interface Opportunity extends CrmObject<'opportunity'> {
  name: string;
  account_id: string;
  /** Integer minor units of `currency` (cents for USD). */
  amount: number | null;
  /** ISO 4217 code, for example "USD". */
  currency: string;
  stage: OpportunityStage;
  /** A date, "YYYY-MM-DD". */
  close_date: string | null;
}

export interface QuoteLineItem {
  description: string;
  quantity: number;
  /** Integer minor units. */
  unit_amount: number;
  /** quantity × unit_amount. */
  amount: number;
}

export type QuoteStatus = 'draft' | 'approved' | 'sent';

export interface Quote extends CrmObject<'quote'> {
  opportunity_id: string;
  line_items: QuoteLineItem[];
  status: QuoteStatus;
  /** Sum of quantity × unit_amount over the line items, in minor units. */
  total: number;
  currency: string;
}

export type OrderStatus = 'open' | 'completed';

export interface Order extends CrmObject<'order'> {
  account_id: string;
  quote_id: string | null;
  /** Integer minor units. */
  total: number | null;
  currency: string;
  status: OrderStatus;
}

/** What a meeting or task is about: the id of a lead, contact, account, opportunity, quote or order. */
export type RelatedTo = string;

export type MeetingStatus = 'scheduled' | 'completed';

export interface Meeting extends CrmObject<'meeting'> {
  title: string;
  starts_at: string;
  ends_at: string;
  /** Who attends: e-mail addresses. */
  attendees: string[];
  related_to: RelatedTo | null;
  status: MeetingStatus;
}

export type TaskStatus = 'open' | 'completed';

export interface Task extends CrmObject<'task'> {
  title: string;
  due_at: string | null;
  related_to: RelatedTo | null;
  status: TaskStatus;
}

/** Every CRM object by its `object` name. */
export interface CrmObjects {
  lead: Lead;
  contact: Contact;
  account: Account;
  opportunity: Opportunity;
  quote: Quote;
  order: Order;
  meeting: Meeting;
  task: Task;
}
