// Rate limits that hold across every process sharing the database (docs/operations.md, "Rate
// limits"): a bucket's window starts at its first request (after the previous window ended) and
// its counter lives in the database. A process takes its share of a window's limit in slices (a
// twentieth of the limit by default, at least 1), so that the database sees a few writes per
// bucket and window rather than one per request; across any number of processes no more than the
// limit is ever taken in one window. What a process took and did not use is lost when the window
// ends (at most one slice per process).
import type { RateLimitStore } from '../store/ports.ts';

interface BucketState {
  /** When the window this process knows of ends (epoch ms). */
  windowEnd: number;
  allowance: number;
  exhausted: boolean;
  pending: Promise<void> | null;
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** How much a process takes from the shared counter at once (default: limit / 20, at least 1). */
  slice?: number;
  /** A counter the database could not update: the request is let through (fail open), and this is told. */
  onError?: (e: unknown) => void;
}

const PURGE_EVERY_MS = 60_000;
const MAX_BUCKETS = 100_000;

export class RateLimiter {
  private readonly states = new Map<string, BucketState>();
  private readonly slice: number;
  private lastPurge = 0;

  constructor(
    private readonly store: RateLimitStore,
    private readonly opts: RateLimitOptions,
  ) {
    this.slice = Math.max(1, Math.floor(opts.slice ?? opts.limit / 20));
  }

  get limit(): number {
    return this.opts.limit;
  }

  /** Seconds until the bucket's window ends, as this process knows it. */
  retryAfterS(bucket: string, now = Date.now()): number {
    const st = this.states.get(bucket);
    return Math.max(1, Math.ceil(((st?.windowEnd ?? now + this.opts.windowMs) - now) / 1000));
  }

  /** Whether this process already knows the bucket's window is used up (no database question). */
  exhausted(bucket: string, now = Date.now()): boolean {
    const st = this.states.get(bucket);
    return !!st && now < st.windowEnd && st.exhausted && st.allowance === 0;
  }

  /** Takes one from the bucket's current window: false when the window is used up, in every process together. */
  async take(bucket: string, now = Date.now()): Promise<boolean> {
    for (;;) {
      const st = this.state(bucket, now);
      if (st.allowance > 0) {
        st.allowance--;
        return true;
      }
      if (st.exhausted) return false;
      st.pending ??= this.refill(bucket, st, now).finally(() => (st.pending = null));
      try {
        await st.pending;
      } catch (e) {
        this.opts.onError?.(e);
        return true;
      }
    }
  }

  private state(bucket: string, now: number): BucketState {
    let st = this.states.get(bucket);
    if (!st || (now >= st.windowEnd && !st.pending)) {
      if (this.states.size >= MAX_BUCKETS) this.states.clear();
      st = { windowEnd: Infinity, allowance: 0, exhausted: false, pending: null };
      this.states.set(bucket, st);
    }
    return st;
  }

  private async refill(bucket: string, st: BucketState, now: number): Promise<void> {
    const { granted, windowStart } = await this.store.take(bucket, now, this.opts.windowMs, this.slice, this.opts.limit);
    st.windowEnd = windowStart + this.opts.windowMs;
    if (granted > 0) st.allowance += granted;
    else st.exhausted = true;
    if (now - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now;
      // Buckets idle for minutes are of no use to anyone: whichever process gets here first deletes them.
      void this.store.purge(now - Math.max(5 * this.opts.windowMs, 5 * 60_000)).catch((e) => this.opts.onError?.(e));
    }
  }
}
