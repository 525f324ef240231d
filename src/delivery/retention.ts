// Bounded storage: every interval, events older than SALESOS_RETENTION go with their finished
// deliveries and those deliveries' attempts (DeliveryStore.purge), so the log does not grow forever.
// On PostgreSQL deliveries and attempts live in time partitions (docs/operations.md, "Partitions"):
// the same round prepares the partitions ahead (DeliveryStore.prepare) and the purge drops whole
// partitions once all of them is past retention.
import type { DeliveryStore, PurgeCounts } from '../store/ports.ts';

const SECOND = 1000;
const DAY = 86_400_000;

export function purgeExpired(queue: Pick<DeliveryStore, 'purge'>, retentionMs: number, now = Date.now()): Promise<PurgeCounts> {
  return queue.purge(now - retentionMs);
}

/**
 * How wide a time partition is: a thirtieth of the retention, at least a second and at most a day
 * (retention 0, keep everything: a day). Retention drops a partition once its newest row is past
 * retention and the round comes, so storage saws between the retention and the retention plus a
 * span and a round (about 7% for a thirtieth); 30 days gives daily partitions, some 35 alive, few
 * enough that a statement no id range prunes (the claim reads every partition's part of the due
 * index) stays cheap, and a shorter retention keeps as many.
 */
export function partitionSpan(retentionMs: number): number {
  if (retentionMs <= 0) return DAY;
  return Math.min(DAY, Math.max(SECOND, Math.floor(retentionMs / 30)));
}

/** How often the round runs: once a span, between 5 seconds and 10 minutes. */
export function maintenanceInterval(spanMs: number): number {
  return Math.min(10 * 60_000, Math.max(5 * SECOND, spanMs));
}

/** How far ahead partitions exist: three spans or three rounds, whichever is longer. */
export function partitionsAhead(spanMs: number): number {
  return 3 * Math.max(spanMs, maintenanceInterval(spanMs));
}

/**
 * Prepares the partitions ahead now and every round, and purges every round (the first within
 * 30 seconds); answers a function that stops it. Retention 0 purges nothing.
 */
export function schedulePurge(
  queue: Pick<DeliveryStore, 'purge' | 'prepare'>,
  retentionMs: number,
  onError: (e: unknown) => void,
  intervalMs?: number,
): () => void {
  // A round still running when the process stops fails on the closed pool: not worth a log line.
  let stopped = false;
  const report = (e: unknown) => void (stopped || onError(e));
  const span = partitionSpan(retentionMs);
  const every = intervalMs ?? maintenanceInterval(span);
  const prepare = () => queue.prepare(Date.now(), span, partitionsAhead(span));
  const round = () =>
    void prepare()
      .then(() => (retentionMs > 0 ? purgeExpired(queue, retentionMs) : undefined))
      .catch(report);
  // At start, until it succeeds (a database still starting, a lock not free): without the
  // partitions ahead, what is written goes to the default partition and is purged row by row.
  let retry: ReturnType<typeof setTimeout> | null = null;
  const ready = () =>
    void prepare().catch((e: unknown) => {
      if (stopped) return;
      onError(e);
      retry = setTimeout(ready, 5_000);
      retry.unref();
    });
  ready();
  const first = setTimeout(round, Math.min(30_000, every));
  const timer = setInterval(round, every);
  first.unref();
  timer.unref();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    clearTimeout(first);
    clearInterval(timer);
  };
}
