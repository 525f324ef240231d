// Rows as stored (0/1 booleans, JSON as text) to the records of the port, and back.
import type { Ordering } from '../../model.ts';
import type { Filter } from '@salesos/webhooks';
import type { AttemptRecord, StoredHeader, WebhookPolicyFields, WebhookRecord } from '../ports.ts';

/** The delivery settings' columns as stored (headers and filter JSON text). */
export interface PolicyRow {
  retry_schedule: string | null;
  timeout_ms: number | null;
  max_in_flight: number | null;
  rate_limit: number | null;
  headers: string | null;
  filter: string | null;
  ordering: string;
}

/** The settings' columns, of a table aliased `alias` (or unqualified). */
export const policyColumns = (alias = '') =>
  ['retry_schedule', 'timeout_ms', 'max_in_flight', 'rate_limit', 'headers', 'filter', 'ordering'].map((c) => (alias ? `${alias}.${c}` : c)).join(', ');

const parsedJson = new Map<string, unknown>();

/** JSON text parsed, remembered: settings are read with every claim and publish. Callers never change the result. */
function json<T>(text: string | null): T | null {
  if (text === null) return null;
  let v = parsedJson.get(text);
  if (v === undefined) {
    v = JSON.parse(text);
    if (parsedJson.size > 10_000) parsedJson.clear();
    parsedJson.set(text, v);
  }
  return v as T;
}

/** The settings of a row (its other columns are left out). */
export function policyFields(r: PolicyRow): WebhookPolicyFields {
  return {
    retry_schedule: r.retry_schedule,
    timeout_ms: r.timeout_ms === null ? null : Number(r.timeout_ms),
    max_in_flight: r.max_in_flight === null ? null : Number(r.max_in_flight),
    rate_limit: r.rate_limit === null ? null : Number(r.rate_limit),
    headers: json<Record<string, StoredHeader>>(r.headers),
    filter: json<Filter>(r.filter),
    ordering: r.ordering as Ordering,
  };
}

/** The settings as their columns take them, in policyColumns() order. */
export function policyValues(p: WebhookPolicyFields): unknown[] {
  return [
    p.retry_schedule,
    p.timeout_ms,
    p.max_in_flight,
    p.rate_limit,
    p.headers === null ? null : JSON.stringify(p.headers),
    p.filter === null ? null : JSON.stringify(p.filter),
    p.ordering,
  ];
}

export interface WebhookRow extends PolicyRow {
  organization_id: string;
  id: string;
  url: string;
  description: string;
  events: string;
  enabled: number;
  disabled_reason: string | null;
  metadata: string;
  failing_since: number | null;
  last_success_at: number | null;
  created_at: number;
  updated_at: number;
}

export const WEBHOOK_COLUMNS = `organization_id, id, url, description, events, enabled, disabled_reason, metadata, failing_since, last_success_at, created_at, updated_at, ${policyColumns()}`;

export function webhookRecord(r: WebhookRow): WebhookRecord {
  return {
    ...r,
    ...policyFields(r),
    events: JSON.parse(r.events) as string[],
    enabled: r.enabled === 1,
    metadata: JSON.parse(r.metadata) as Record<string, string>,
  };
}

export type AttemptRow = Omit<AttemptRecord, 'request_headers' | 'response_headers'> & { request_headers: string; response_headers: string | null };

export function attemptRecord(a: AttemptRow): AttemptRecord {
  return {
    ...a,
    request_headers: JSON.parse(a.request_headers) as Record<string, string>,
    response_headers: a.response_headers === null ? null : (JSON.parse(a.response_headers) as Record<string, string>),
  };
}

const parsedPatterns = new Map<string, string[]>();

/** A webhook's `events` column parsed, remembered: subscriptions are read on every publish. */
export function patterns(events: string): string[] {
  let p = parsedPatterns.get(events);
  if (!p) {
    p = JSON.parse(events) as string[];
    if (parsedPatterns.size > 10_000) parsedPatterns.clear();
    parsedPatterns.set(events, p);
  }
  return p;
}
