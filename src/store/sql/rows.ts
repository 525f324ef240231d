// Rows as stored (0/1 booleans, JSON as text) to the records of the port, and back.
import type { AttemptRecord, WebhookRecord } from '../ports.ts';

export interface WebhookRow {
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

export const WEBHOOK_COLUMNS =
  'organization_id, id, url, description, events, enabled, disabled_reason, metadata, failing_since, last_success_at, created_at, updated_at';

export function webhookRecord(r: WebhookRow): WebhookRecord {
  return { ...r, events: JSON.parse(r.events) as string[], enabled: r.enabled === 1, metadata: JSON.parse(r.metadata) as Record<string, string> };
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
