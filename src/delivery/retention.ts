// Bounded storage: every interval, events older than SALESOS_RETENTION go with their finished
// deliveries and those deliveries' attempts (DeliveryStore.purge), so the log does not grow forever.
import type { DeliveryStore, PurgeCounts } from '../store/ports.ts';

export function purgeExpired(queue: Pick<DeliveryStore, 'purge'>, retentionMs: number, now = Date.now()): Promise<PurgeCounts> {
  return queue.purge(now - retentionMs);
}

/** Purges now and then every interval; answers a function that stops it. */
export function schedulePurge(queue: Pick<DeliveryStore, 'purge'>, retentionMs: number, onError: (e: unknown) => void, intervalMs = 10 * 60_000): () => void {
  if (retentionMs <= 0) return () => {};
  const run = () => void purgeExpired(queue, retentionMs).catch(onError);
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
