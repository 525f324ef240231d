// Per-webhook delivery settings (SPEC §11), as the SalesOS API takes and shows them on a webhook.
// `null` means the service default. The server's schemas, CLI and dashboard use these names.
import type { Filter } from './filter.js';

/** How a webhook's deliveries are ordered: `none` (any order, fastest) or `per_object` (in publish order per `data.object.id`). */
export const ORDERINGS = ['none', 'per_object'] as const;
export type Ordering = (typeof ORDERINGS)[number];

/** A custom header's value: plain, or secret (masked in answers and logs, sent as set). */
export type WebhookHeaderValue = string | { value: string; secret: true };

/** A secret header as the API answers it: the value is masked. */
export interface MaskedSecretHeader {
  value: string;
  secret: true;
}

export interface WebhookSettings {
  /** Delays before retry 1..N, the grammar of `SALESOS_RETRY_SCHEDULE` ("10s,1m,1h"); at most 10 steps and 3 days in total. */
  retry_schedule: string | null;
  /** Whole-request limit of one attempt, a duration from 1s to 30s ("10s"). */
  timeout: string | null;
  /** Attempts of this webhook in flight at once (1 to the service's SALESOS_MAX_PER_ENDPOINT). */
  max_in_flight: number | null;
  /** Deliveries per second, 1 to 10,000, across every worker process. */
  rate_limit: number | null;
  /** Headers sent with every attempt, up to 20. */
  headers: Record<string, WebhookHeaderValue> | null;
  /** Which events are delivered beyond the event types (docs/webhooks.md#filters); null: every event of them. */
  filter: Filter | null;
  ordering: Ordering;
}

/** The settings as given on create or update: each one optional, null resets it to the service default. */
export type WebhookSettingsInput = Partial<Omit<WebhookSettings, 'ordering'>> & { ordering?: Ordering | null };

/** A webhook as the SalesOS API answers it (its signing secret aside). */
export interface Webhook extends Omit<WebhookSettings, 'headers'> {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabled_reason: 'failing' | 'manual' | null;
  metadata: Record<string, string>;
  headers: Record<string, string | MaskedSecretHeader> | null;
  created_at: string;
  updated_at: string;
}
