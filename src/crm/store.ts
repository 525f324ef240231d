// The eight CRM resources over the generic CRM store (src/store/ports.ts, CrmStore). Each resource
// lists its columns with a kind (how a value travels between the API and the database), so insert,
// read, list and the previous_attributes diff are written once for all eight. A change runs in a
// CrmChange: its reads and writes and the events it emits commit together (src/crm/service.ts).
import type { EventType } from '../catalog.ts';
import type { Account, Contact, Lead, Meeting, Opportunity, Order, Quote, Task } from '../contract/crm.ts';
import type { EventObject } from '../contract/events.ts';
import { notFound, unprocessable, validation } from '../errors.ts';
import { newId, type IdPrefix } from '../ids.ts';
import type { Page } from '../model.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../pagination.ts';
import type { CrmReads, CrmRow, CrmTable, CrmTransaction, FieldKind } from '../store/ports.ts';

/** A change of CRM objects in one organization, and the events it emits, in one transaction. */
export interface CrmChange {
  readonly tx: CrmTransaction;
  readonly org: string;
  /** Emits an event of a type about the object its schema names (an Opportunity for opportunity.won, …). */
  emit<T extends EventType>(type: T, object: EventObject<T>, previous?: Partial<EventObject<T>> | null): Promise<void>;
}

// PostgreSQL text cannot hold U+0000: such input is refused up front as bad input, not left to
// fail in the database as a 500.
const hasNul = (s: string) => s.includes('\u0000');

/** text and int as they are; json is text in the database; time is epoch ms there, ISO in the API. */
type Kind = FieldKind;

export interface Resource<T> extends CrmTable {
  prefix: IdPrefix;
  object: string;
  /** Never set: carries the API shape of the resource for the type checker. */
  readonly shape?: T;
}

export const LEADS: Resource<Lead> = {
  table: 'leads',
  prefix: 'lead',
  object: 'lead',
  fields: {
    first_name: 'text',
    last_name: 'text',
    email: 'text',
    company: 'text',
    phone: 'text',
    source: 'text',
    status: 'text',
    converted_contact_id: 'text',
    converted_account_id: 'text',
    converted_opportunity_id: 'text',
  },
  filters: ['status'],
};
export const ACCOUNTS: Resource<Account> = {
  table: 'accounts',
  prefix: 'acct',
  object: 'account',
  fields: { name: 'text', domain: 'text', industry: 'text', website: 'text' },
  filters: [],
};
export const CONTACTS: Resource<Contact> = {
  table: 'contacts',
  prefix: 'cont',
  object: 'contact',
  fields: { first_name: 'text', last_name: 'text', email: 'text', phone: 'text', account_id: 'text' },
  filters: ['account_id'],
};
export const OPPORTUNITIES: Resource<Opportunity> = {
  table: 'opportunities',
  prefix: 'opp',
  object: 'opportunity',
  fields: { name: 'text', account_id: 'text', amount: 'int', currency: 'text', stage: 'text', close_date: 'text' },
  filters: ['account_id', 'stage'],
};
export const QUOTES: Resource<Quote> = {
  table: 'quotes',
  prefix: 'quote',
  object: 'quote',
  fields: { opportunity_id: 'text', line_items: 'json', currency: 'text', total: 'int', status: 'text' },
  filters: ['opportunity_id', 'status'],
};
export const ORDERS: Resource<Order> = {
  table: 'orders',
  prefix: 'ord',
  object: 'order',
  fields: { account_id: 'text', quote_id: 'text', total: 'int', currency: 'text', status: 'text' },
  filters: ['account_id', 'status'],
};
export const MEETINGS: Resource<Meeting> = {
  table: 'meetings',
  prefix: 'mtg',
  object: 'meeting',
  fields: { title: 'text', starts_at: 'time', ends_at: 'time', attendees: 'json', related_to: 'text', status: 'text' },
  filters: ['status', 'related_to'],
};
export const TASKS: Resource<Task> = {
  table: 'tasks',
  prefix: 'task',
  object: 'task',
  fields: { title: 'text', due_at: 'time', related_to: 'text', status: 'text' },
  filters: ['status', 'related_to'],
};

/** API value -> column value. Times were validated as ISO date-times by the schema. */
function toColumn(kind: Kind, field: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && hasNul(value)) throw validation(`${field} contains a NUL character`, [{ field, message: 'must not contain U+0000' }]);
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'time') {
    const ms = Date.parse(String(value));
    if (!Number.isFinite(ms)) throw validation(`${field} is not a valid date-time`, [{ field, message: 'must be a valid ISO-8601 date-time' }]);
    return ms;
  }
  return value;
}

function fromColumn(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'json') return JSON.parse(String(value));
  if (kind === 'time') return new Date(Number(value)).toISOString();
  if (kind === 'int') return Number(value);
  return value;
}

/** The form a value takes once stored and read back: what a client will see. */
export function normalize<T>(r: Resource<T>, field: string, value: unknown): unknown {
  const kind = r.fields[field];
  return fromColumn(kind, toColumn(kind, field, value));
}

export function view<T>(r: Resource<T>, row: CrmRow): T {
  const out: Record<string, unknown> = { id: row.id, object: r.object };
  for (const [field, kind] of Object.entries(r.fields)) out[field] = fromColumn(kind, row[field]);
  out.created_at = new Date(Number(row.created_at)).toISOString();
  out.updated_at = new Date(Number(row.updated_at)).toISOString();
  return out as T;
}

/** Inserts a new object; fields missing from values are null. */
export async function insert<T>(q: CrmChange, r: Resource<T>, org: string, values: Record<string, unknown>): Promise<T> {
  const now = Date.now();
  const row: CrmRow = { id: newId(r.prefix, now), created_at: now, updated_at: now };
  for (const f of Object.keys(r.fields)) row[f] = toColumn(r.fields[f], f, values[f]);
  await q.tx.insert(r, org, row);
  return view(r, row);
}

export async function find<T>(q: CrmReads, r: Resource<T>, org: string, id: string): Promise<T> {
  const row = hasNul(id) ? null : await q.find(r, org, id);
  if (!row) throw notFound(r.object, id);
  return view(r, row);
}

/**
 * Reads an object for a change, after taking its write lock, so two concurrent changes of one
 * object run one after the other and each sees the other's result: a lead is converted once, an
 * order completed once, and previous_attributes hold what was really there before.
 */
export async function lockRow<T>(q: CrmChange, r: Resource<T>, org: string, id: string): Promise<T> {
  const row = hasNul(id) ? null : await q.tx.lock(r, org, id);
  if (!row) throw notFound(r.object, id);
  return view(r, row);
}

/** An object another one refers to: a missing one is a 422 naming the field. */
export async function requireRef<T>(q: CrmChange, r: Resource<T>, org: string, id: string, field: string): Promise<T> {
  const row = hasNul(id) ? null : await q.tx.find(r, org, id);
  if (!row) throw unprocessable(`${field}: no ${r.object} with id ${id}`, [{ field, message: `no ${r.object} with this id` }]);
  return view(r, row);
}

const RELATABLE: Readonly<Partial<Record<string, Resource<unknown>>>> = {
  lead: LEADS,
  cont: CONTACTS,
  acct: ACCOUNTS,
  opp: OPPORTUNITIES,
  quote: QUOTES,
  ord: ORDERS,
};

/** related_to of a meeting or task: the id of a lead, contact, account, opportunity, quote or order. */
export async function requireRelated(q: CrmChange, org: string, id: string | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  const r = RELATABLE[id.split('_')[0]];
  if (!r)
    throw unprocessable(`related_to: ${id} is not the id of a lead, contact, account, opportunity, quote or order`, [
      { field: 'related_to', message: 'not a CRM object id' },
    ]);
  await requireRef(q, r, org, id, 'related_to');
}

export async function list<T>(q: CrmReads, r: Resource<T>, org: string, params: ListParams & Record<string, unknown>): Promise<Page<T>> {
  const limit = pageLimit(params);
  const filters: Record<string, unknown> = {};
  for (const f of r.filters) {
    if (params[f] === undefined) continue;
    if (hasNul(String(params[f]))) throw validation(`${f} contains a NUL character`, [{ field: f, message: 'must not contain U+0000' }]);
    filters[f] = params[f];
  }
  const rows = await q.list(r, org, filters, { before: decodeCursor(params.cursor), limit: limit + 1 });
  return toPage(rows, limit, (row) => view(r, row));
}

/** Writes the given fields (already in API form) and updated_at; answers the new object. */
export async function setFields<T>(q: CrmChange, r: Resource<T>, org: string, current: T, values: Record<string, unknown>): Promise<T> {
  const names = Object.keys(values).filter((f) => f in r.fields);
  const now = Date.now();
  const id = (current as { id: string }).id;
  await q.tx.set(r, org, id, Object.fromEntries(names.map((f) => [f, toColumn(r.fields[f], f, values[f])])), now);
  const next: Record<string, unknown> = { ...current, updated_at: new Date(now).toISOString() };
  for (const f of names) next[f] = normalize(r, f, values[f]);
  return next as T;
}

/**
 * Applies a PATCH: only the fields whose value really changes are written. previous_attributes
 * holds those fields with their old values, null when nothing changed (then nothing is written
 * and updated_at stays).
 */
export async function applyPatch<T>(
  q: CrmChange,
  r: Resource<T>,
  org: string,
  current: T,
  patch: Record<string, unknown>,
): Promise<{ object: T; previous: Partial<T> | null }> {
  const old = current as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [f, value] of Object.entries(patch)) {
    if (value === undefined || !(f in r.fields)) continue;
    const next = normalize(r, f, value);
    if (JSON.stringify(next) === JSON.stringify(old[f])) continue;
    changed[f] = next;
    previous[f] = old[f];
  }
  if (!Object.keys(changed).length) return { object: current, previous: null };
  return { object: await setFields(q, r, org, current, changed), previous: previous as Partial<T> };
}

export async function remove<T>(q: CrmChange, r: Resource<T>, org: string, id: string): Promise<void> {
  await q.tx.remove(r, org, id);
}

/** Publishes an event about an object inside the change's transaction (the outbox). */
export function emit<T extends EventType>(
  q: CrmChange,
  _org: string,
  type: T,
  object: EventObject<T>,
  previous?: Partial<EventObject<T>> | null,
): Promise<void> {
  return q.emit(type, object, previous);
}
