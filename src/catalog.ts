// The 20 event types of the product page (SPEC §4), in its order, with their groups, then the 4
// operational ones (SPEC §11, group `operational`: about the organization's webhooks themselves).
// The one list lives in the receiver SDK (packages/sdk, no dependencies), so that the server and
// the SDK its users install cannot disagree.
import {
  EVENT_CATALOG as CATALOG,
  EVENT_TYPES as TYPE_LIST,
  OPERATIONAL_EVENT_TYPES as OPERATIONAL_LIST,
  type EventType,
  type EventTypeInfo,
} from '@salesos/webhooks';

export type { EventType, EventTypeInfo };
export const EVENT_CATALOG: readonly EventTypeInfo[] = CATALOG;
export const EVENT_TYPES: readonly EventType[] = TYPE_LIST;
/** The operational types (webhook.failing, …), in catalog order. */
export const OPERATIONAL_TYPES: readonly EventType[] = OPERATIONAL_LIST;
/** The types a client may publish (POST /v1/events): all but the operational ones. */
export const PUBLISHABLE_TYPES: readonly EventType[] = EVENT_TYPES.filter((t) => !OPERATIONAL_LIST.includes(t));
const TYPES = new Set<string>(EVENT_TYPES);
const OPERATIONAL = new Set<string>(OPERATIONAL_LIST);
const PREFIXES = new Set(EVENT_TYPES.map((t) => t.split('.')[0]));

/** The catalog's groups (`crm`, `sales`, `operational`), in catalog order. */
export const EVENT_GROUPS: readonly EventTypeInfo['group'][] = [...new Set(EVENT_CATALOG.map((e) => e.group))];

/** Every subscription pattern a webhook may hold: `*`, the `lead.*` wildcards and the exact types. */
export const EVENT_PATTERNS: readonly string[] = ['*', ...[...PREFIXES].map((p) => `${p}.*`), ...EVENT_TYPES];

export function isEventType(type: string): type is EventType {
  return TYPES.has(type);
}

/**
 * An event SalesOS emits about the organization's webhooks (webhook.failing, …): never published
 * through the API, left out of `*`, and its deliveries bring no further operational events.
 */
export function isOperationalType(type: string): boolean {
  return OPERATIONAL.has(type);
}

/** A subscription pattern: an exact type, a `lead.*` group wildcard, or `*`. */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*' || TYPES.has(pattern)) return true;
  const m = /^([a-z]+)\.\*$/.exec(pattern);
  return m !== null && PREFIXES.has(m[1]);
}

/**
 * Whether a subscription takes a type. `*` is every CRM and sales type, not the operational ones:
 * a webhook subscribed to `*` before they existed does not start getting bodies it cannot parse;
 * they are named, or taken by `webhook.*` / `delivery.*`.
 */
export function matchesEvent(patterns: readonly string[], type: string): boolean {
  for (const p of patterns) {
    if (p === type) return true;
    if (p === '*') {
      if (!OPERATIONAL.has(type)) return true;
      continue;
    }
    if (p.endsWith('.*') && type.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}
