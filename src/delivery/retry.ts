// The retry schedule (SPEC §7): after failed attempt n, wait schedule[n-1] plus up to 10%
// jitter; a 429/503 with a longer Retry-After waits that long instead, at most 24 h. Once the
// schedule is used up the delivery has failed.
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}

/**
 * Delay before the next attempt after `attemptCount` attempts have failed, or null when the
 * delivery has no retries left.
 */
export function nextRetryDelay(
  schedule: readonly number[],
  attemptCount: number,
  opts: { status?: number | null; retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  if (attemptCount < 1 || attemptCount > schedule.length) return null;
  const base = schedule[attemptCount - 1];
  const jittered = Math.round(base * (1 + 0.1 * (opts.random ?? Math.random)()));
  if ((opts.status === 429 || opts.status === 503) && opts.retryAfterMs && opts.retryAfterMs > jittered) {
    return opts.retryAfterMs;
  }
  return jittered;
}
