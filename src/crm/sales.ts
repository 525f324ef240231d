// Opportunities, quotes, orders, meetings and tasks: the sales side (SPEC §4). Like people.ts,
// every function runs in the caller's transaction `q` and publishes its events through it.
import { conflict, unprocessable, validation } from '../errors.ts';
import {
  CLOSED_STAGES,
  type Meeting,
  type MeetingCreate,
  type Opportunity,
  type OpportunityCreate,
  type OpportunityUpdate,
  type Order,
  type OrderCreate,
  type Quote,
  type QuoteCreate,
  type Task,
  type TaskCreate,
} from '../contract/crm.ts';
import {
  ACCOUNTS,
  MEETINGS,
  OPPORTUNITIES,
  ORDERS,
  QUOTES,
  TASKS,
  applyPatch,
  emit,
  insert,
  lockRow,
  requireRef,
  requireRelated,
  setFields,
  type CrmChange,
} from './store.ts';

export async function createOpportunity(q: CrmChange, org: string, input: OpportunityCreate): Promise<Opportunity> {
  await requireRef(q, ACCOUNTS, org, input.account_id, 'account_id');
  const opportunity = await insert(q, OPPORTUNITIES, org, { ...input, currency: input.currency ?? 'USD', stage: input.stage ?? 'prospecting' });
  await emit(q, org, 'opportunity.created', opportunity);
  return opportunity;
}

/** opportunity.updated, and opportunity.won / .lost when the stage becomes closed_won / closed_lost. */
export async function updateOpportunity(q: CrmChange, org: string, id: string, patch: OpportunityUpdate): Promise<Opportunity> {
  const opportunity = await lockRow(q, OPPORTUNITIES, org, id);
  if (patch.stage !== undefined && patch.stage !== opportunity.stage && CLOSED_STAGES.includes(opportunity.stage)) {
    throw conflict(`Opportunity ${id} is ${opportunity.stage}: a closed opportunity cannot change stage`);
  }
  if (patch.account_id !== undefined) await requireRef(q, ACCOUNTS, org, patch.account_id, 'account_id');
  const { object, previous } = await applyPatch(q, OPPORTUNITIES, org, opportunity, patch);
  if (!previous) return object;
  await emit(q, org, 'opportunity.updated', object, previous);
  if ('stage' in previous && object.stage === 'closed_won') await emit(q, org, 'opportunity.won', object, previous);
  if ('stage' in previous && object.stage === 'closed_lost') await emit(q, org, 'opportunity.lost', object, previous);
  return object;
}

export async function createQuote(q: CrmChange, org: string, input: QuoteCreate): Promise<Quote> {
  const opportunity = await requireRef(q, OPPORTUNITIES, org, input.opportunity_id, 'opportunity_id');
  const lineItems = input.line_items.map((li) => ({
    description: li.description,
    quantity: li.quantity,
    unit_amount: li.unit_amount,
    amount: li.quantity * li.unit_amount,
  }));
  const total = lineItems.reduce((sum, li) => sum + li.amount, 0);
  // Amounts are exact integers: a total past 2^53 could not be represented, so refuse it.
  if (!Number.isSafeInteger(total))
    throw validation('The quote total is too large', [{ field: 'line_items', message: 'total exceeds 9007199254740991 minor units' }]);
  const quote = await insert(q, QUOTES, org, {
    opportunity_id: opportunity.id,
    line_items: lineItems,
    currency: input.currency ?? opportunity.currency ?? 'USD',
    total,
    status: 'draft',
  });
  await emit(q, org, 'quote.created', quote);
  return quote;
}

export async function approveQuote(q: CrmChange, org: string, id: string): Promise<Quote> {
  const quote = await lockRow(q, QUOTES, org, id);
  if (quote.status !== 'draft') throw conflict(`Quote ${id} is ${quote.status}: only a draft quote can be approved`);
  const approved = await setFields(q, QUOTES, org, quote, { status: 'approved' });
  await emit(q, org, 'quote.approved', approved);
  return approved;
}

export async function sendQuote(q: CrmChange, org: string, id: string): Promise<Quote> {
  const quote = await lockRow(q, QUOTES, org, id);
  if (quote.status !== 'approved') throw conflict(`Quote ${id} is ${quote.status}: only an approved quote can be sent`);
  const sent = await setFields(q, QUOTES, org, quote, { status: 'sent' });
  await emit(q, org, 'quote.sent', sent);
  return sent;
}

export async function createOrder(q: CrmChange, org: string, input: OrderCreate): Promise<Order> {
  await requireRef(q, ACCOUNTS, org, input.account_id, 'account_id');
  const quote = input.quote_id ? await requireRef(q, QUOTES, org, input.quote_id, 'quote_id') : null;
  if (quote && input.currency && input.currency !== quote.currency) {
    throw unprocessable(`currency ${input.currency} differs from the quote's ${quote.currency}`, [
      { field: 'currency', message: "must match the quote's currency" },
    ]);
  }
  const order = await insert(q, ORDERS, org, {
    account_id: input.account_id,
    quote_id: quote?.id ?? null,
    total: input.total ?? quote?.total ?? null,
    currency: input.currency ?? quote?.currency ?? 'USD',
    status: 'open',
  });
  await emit(q, org, 'order.created', order);
  return order;
}

export async function completeOrder(q: CrmChange, org: string, id: string): Promise<Order> {
  const order = await lockRow(q, ORDERS, org, id);
  if (order.status !== 'open') throw conflict(`Order ${id} is already ${order.status}`);
  const completed = await setFields(q, ORDERS, org, order, { status: 'completed' });
  await emit(q, org, 'order.completed', completed);
  return completed;
}

export async function scheduleMeeting(q: CrmChange, org: string, input: MeetingCreate): Promise<Meeting> {
  if (!(Date.parse(input.ends_at) > Date.parse(input.starts_at))) {
    throw validation('ends_at must be after starts_at', [{ field: 'ends_at', message: 'must be after starts_at' }]);
  }
  await requireRelated(q, org, input.related_to);
  const meeting = await insert(q, MEETINGS, org, { ...input, attendees: input.attendees ?? [], status: 'scheduled' });
  await emit(q, org, 'meeting.scheduled', meeting);
  return meeting;
}

export async function completeMeeting(q: CrmChange, org: string, id: string): Promise<Meeting> {
  const meeting = await lockRow(q, MEETINGS, org, id);
  if (meeting.status !== 'scheduled') throw conflict(`Meeting ${id} is already ${meeting.status}`);
  const completed = await setFields(q, MEETINGS, org, meeting, { status: 'completed' });
  await emit(q, org, 'meeting.completed', completed);
  return completed;
}

/** The catalog has no task.created: a new task emits nothing. */
export async function createTask(q: CrmChange, org: string, input: TaskCreate): Promise<Task> {
  await requireRelated(q, org, input.related_to);
  return insert(q, TASKS, org, { ...input, status: 'open' });
}

export async function completeTask(q: CrmChange, org: string, id: string): Promise<Task> {
  const task = await lockRow(q, TASKS, org, id);
  if (task.status !== 'open') throw conflict(`Task ${id} is already ${task.status}`);
  const completed = await setFields(q, TASKS, org, task, { status: 'completed' });
  await emit(q, org, 'task.completed', completed);
  return completed;
}
