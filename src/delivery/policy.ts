// The delivery policy, pure: from an attempt's result, what the delivery becomes (succeeded,
// pending again at its next retry, or failed once the schedule is used up) and what its webhook's
// health becomes (healthy again, failing since now, or disabled after failing for too long).
// Per-webhook overrides of the policy come in here.
import type { DeliveryStatus, ErrorClass } from '../model.ts';
import type { AttemptContext, HealthChange } from '../store/ports.ts';
import { nextRetryDelay } from './retry.ts';

export interface DeliveryPolicy {
  /** Delays before retry 1..N, in ms. */
  retrySchedule: readonly number[];
  /** A webhook failing for this long (nothing but failures) is disabled. */
  disableAfterMs: number;
}

export interface AttemptResult {
  errorClass: ErrorClass | null;
  status: number | null;
  retryAfterMs: number | null;
}

export interface Decision {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  health: HealthChange | null;
}

/** A success this long after the last recorded one is recorded again (a busy endpoint's successes do not all touch its row). */
const SUCCESS_RECORD_INTERVAL_MS = 60_000;

/**
 * @param attemptNumber the number of the attempt that produced `result` (1 for the first)
 * @param webhook the webhook's health as the attempt's work saw it
 */
export function decide(
  attemptNumber: number,
  webhook: Pick<AttemptContext, 'failing_since' | 'last_success_at'>,
  result: AttemptResult,
  policy: DeliveryPolicy,
  startedAt: number,
  now: number,
  random: () => number = Math.random,
): Decision {
  if (result.errorClass === null) {
    const stale = webhook.failing_since !== null || webhook.last_success_at === null || now - webhook.last_success_at > SUCCESS_RECORD_INTERVAL_MS;
    return { status: 'succeeded', nextAttemptAt: null, health: stale ? { kind: 'success' } : null };
  }
  const delay = nextRetryDelay(policy.retrySchedule, attemptNumber, { status: result.status, retryAfterMs: result.retryAfterMs, random });
  let health: HealthChange | null = null;
  if (webhook.failing_since === null) health = { kind: 'failing', since: startedAt };
  else if (now - webhook.failing_since >= policy.disableAfterMs) health = { kind: 'disable' };
  return { status: delay === null ? 'failed' : 'pending', nextAttemptAt: delay === null ? null : now + delay, health };
}
