// Bounded storage: attempts, finished deliveries and their events older than SALESOS_RETENTION
// are purged in small batches, so the delivery log does not grow forever.
import type { Db } from '../store/db.ts';

const BATCH = 5000;

async function purgeTable(db: Db, sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.exec(sql, params);
    total += n;
    if (n < BATCH) return total;
  }
}

export async function purgeExpired(db: Db, retentionMs: number, now = Date.now()): Promise<{ attempts: number; deliveries: number; events: number }> {
  const cutoff = now - retentionMs;
  const attempts = await purgeTable(
    db,
    `DELETE FROM attempts WHERE (organization_id, id) IN (SELECT organization_id, id FROM attempts WHERE started_at < ? LIMIT ${BATCH})`,
    [cutoff],
  );
  const deliveries = await purgeTable(
    db,
    `DELETE FROM deliveries WHERE (organization_id, id) IN (SELECT organization_id, id FROM deliveries WHERE created_at < ? AND status <> 'pending' LIMIT ${BATCH})`,
    [cutoff],
  );
  // An event goes once none of its deliveries is left.
  const events = await purgeTable(
    db,
    `DELETE FROM events WHERE (organization_id, id) IN (SELECT e.organization_id, e.id FROM events e WHERE e.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.organization_id = e.organization_id AND d.event_id = e.id) LIMIT ${BATCH})`,
    [cutoff],
  );
  return { attempts, deliveries, events };
}

/** Purges now and then every interval; answers a function that stops it. */
export function schedulePurge(db: Db, retentionMs: number, onError: (e: unknown) => void, intervalMs = 10 * 60_000): () => void {
  if (retentionMs <= 0) return () => {};
  const run = () => void purgeExpired(db, retentionMs).catch(onError);
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
