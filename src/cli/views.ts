// Deliveries and attempts as the CLI prints them. The API's own response schemas give their
// shape, so the CLI's view of a delivery cannot drift from the server's.
import type { Static } from '@sinclair/typebox';
import type { Attempt, Delivery } from '../contract/deliveries.ts';

export type DeliveryView = Static<typeof Delivery>;
export type AttemptView = Static<typeof Attempt>;

/** "200 in 12ms" or "timeout after 2000ms: …" */
export function attemptOutcome(a: AttemptView): string {
  if (a.error_class === null) return `${a.response_status} in ${a.duration_ms}ms`;
  if (a.response_status !== null) return `${a.response_status} in ${a.duration_ms}ms`;
  return `${a.error_class}${a.error_message ? `: ${a.error_message}` : ''} after ${a.duration_ms}ms`;
}
