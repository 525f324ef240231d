// The 20 event types of the product page (SPEC §4), in its order, with their groups.
export interface EventTypeInfo {
  type: string;
  description: string;
  group: 'crm' | 'sales';
}

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
];

export const EVENT_TYPES: readonly string[] = EVENT_CATALOG.map((e) => e.type);
const TYPES = new Set(EVENT_TYPES);
const PREFIXES = new Set(EVENT_TYPES.map((t) => t.split('.')[0]));

export function isEventType(type: string): boolean {
  return TYPES.has(type);
}

/** A subscription pattern: an exact type, a `lead.*` group wildcard, or `*`. */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*' || TYPES.has(pattern)) return true;
  const m = /^([a-z]+)\.\*$/.exec(pattern);
  return m !== null && PREFIXES.has(m[1]);
}

export function matchesEvent(patterns: readonly string[], type: string): boolean {
  for (const p of patterns) {
    if (p === '*' || p === type) return true;
    if (p.endsWith('.*') && type.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}
