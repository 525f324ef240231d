// The delivery policy, pure: from an attempt's result, what the delivery becomes (succeeded,
// pending again at its next retry, or failed once the schedule is used up) and what its webhook's
// health becomes (healthy again, failing since now, or disabled after failing for too long).
// Per-webhook overrides of the policy come in here (webhookPolicy).
import type { DeliveryStatus, ErrorClass } from '../model.ts';
import type { AttemptContext, HealthChange } from '../store/ports.ts';
import { retryScheduleOf } from '../webhooks/policy.ts';
import { nextRetryDelay } from './retry.ts';

export interface DeliveryPolicy {
  /** Delays before retry 1..N, in ms. */
  retrySchedule: readonly number[];
  /** A webhook failing for this long (nothing but failures) is disabled. */
  disableAfterMs: number;
}

/** The policy of one webhook's deliveries: the service's, with the webhook's own retry schedule if it has one. */
export function webhookPolicy(service: DeliveryPolicy, webhook: Pick<AttemptContext, 'retry_schedule'>): DeliveryPolicy {
  if (webhook.retry_schedule === null) return service;
  return { ...service, retrySchedule: retryScheduleOf(webhook, service.retrySchedule) };
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
  /** The delivery's throttled attempts after this one. */
  throttledCount: number;
}

/** A delivery's attempts answered 429 with Retry-After beyond this many count as ordinary failures (a receiver cannot hold a delivery forever). */
export const MAX_THROTTLED_ATTEMPTS = 20;
/** A throttled delivery waits at least this long (a `Retry-After: 0` is no reason to hammer). */
export const MIN_THROTTLED_DELAY_MS = 1000;

/** A success this long after the last recorded one is recorded again (a busy endpoint's successes do not all touch its row). */
const SUCCESS_RECORD_INTERVAL_MS = 60_000;

/**
 * @param attemptNumber the number of the attempt that produced `result` (1 for the first)
 * @param webhook the webhook's health as the attempt's work saw it, and the delivery's throttled attempts before this one
 */
export function decide(
  attemptNumber: number,
  webhook: Pick<AttemptContext, 'failing_since' | 'last_success_at'> & { throttled_count?: number },
  result: AttemptResult,
  policy: DeliveryPolicy,
  startedAt: number,
  now: number,
  random: () => number = Math.random,
): Decision {
  const throttled = webhook.throttled_count ?? 0;
  if (result.errorClass === null) {
    const stale = webhook.failing_since !== null || webhook.last_success_at === null || now - webhook.last_success_at > SUCCESS_RECORD_INTERVAL_MS;
    return { status: 'succeeded', nextAttemptAt: null, health: stale ? { kind: 'success' } : null, throttledCount: throttled };
  }
  // 429 with Retry-After: again when the endpoint asked, the endpoint's health and the delivery's
  // retries untouched.
  if (result.errorClass === 'throttled' && result.retryAfterMs !== null && throttled < MAX_THROTTLED_ATTEMPTS)
    return { status: 'pending', nextAttemptAt: now + Math.max(result.retryAfterMs, MIN_THROTTLED_DELAY_MS), health: null, throttledCount: throttled + 1 };
  // Throttled attempts used up no retry: the schedule goes by the others.
  const delay = nextRetryDelay(policy.retrySchedule, attemptNumber - throttled, { status: result.status, retryAfterMs: result.retryAfterMs, random });
  let health: HealthChange | null = null;
  if (webhook.failing_since === null) health = { kind: 'failing', since: startedAt };
  else if (now - webhook.failing_since >= policy.disableAfterMs) health = { kind: 'disable' };
  return { status: delay === null ? 'failed' : 'pending', nextAttemptAt: delay === null ? null : now + delay, health, throttledCount: throttled };
}
