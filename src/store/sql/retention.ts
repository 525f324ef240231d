// Bounded storage: events older than the cutoff go with their finished deliveries and those
// deliveries' attempts, in small batches, so the delivery log does not grow forever.
//
// The purge walks old events (events_created) and reaches their deliveries and attempts through
// the indexes every read uses (deliveries_event, attempts_delivery), so the busiest tables carry
// no index of their own for it: every delivery is inserted and updated at least once, and an
// index on its creation time cost each of those writes for a job that runs every 10 minutes.
// A delivery is created with its event (same created_at), so "the deliveries of events older
// than the cutoff" are the deliveries older than the cutoff.
import type { PurgeCounts } from '../ports.ts';
import { placeholders, type SqlDatabase } from './runner.ts';
import { purgeRollups } from './stats.ts';
import { purgeTasks } from './tasks.ts';

/** Events per batch: with fan-out n, a batch touches n times as many deliveries. */
const BATCH = 500;

export async function purgeBefore(db: SqlDatabase, cutoff: number): Promise<PurgeCounts> {
  // Endpoint health rollups of minutes before the cutoff (one indexed range, webhook_stats_minute),
  // and background tasks that ended before it.
  const total: PurgeCounts = { attempts: 0, deliveries: 0, events: 0, rollups: await purgeRollups(db, cutoff), tasks: await purgeTasks(db, cutoff) };
  // Keyset over (created_at, organization_id, id): events kept back (a delivery still pending)
  // are passed over, not read again by the next batch.
  let after: [number, string, string] = [Number.MIN_SAFE_INTEGER, '', ''];
  for (;;) {
    const page = await db.query<{ organization_id: string; id: string; created_at: number }>(
      `SELECT organization_id, id, created_at FROM events
       WHERE created_at < ? AND created_at >= ? AND (created_at, organization_id, id) > (?, ?, ?)
       ORDER BY created_at, organization_id, id LIMIT ${BATCH}`,
      [cutoff, after[0], ...after],
    );
    if (!page.length) return total;
    const last = page[page.length - 1];
    after = [Number(last.created_at), last.organization_id, last.id];
    const n = await purgeEvents(db, page, cutoff);
    total.attempts += n.attempts;
    total.deliveries += n.deliveries;
    total.events += n.events;
    if (page.length < BATCH) return total;
  }
}

async function purgeEvents(
  db: SqlDatabase,
  page: Array<{ organization_id: string; id: string }>,
  cutoff: number,
): Promise<Omit<PurgeCounts, 'rollups' | 'tasks'>> {
  const pairs = placeholders(page.length, 2);
  const keys = page.flatMap((e) => [e.organization_id, e.id]);
  const ofPage = `(d.organization_id, d.event_id) IN (VALUES ${pairs})`;
  return db.tx(async (q) => {
    // Attempts of finished deliveries, and attempts older than the cutoff of those still pending
    // (a disabled webhook's deliveries wait, with their history, until it is enabled again).
    const attempts =
      (await q.exec(
        `DELETE FROM attempts WHERE (organization_id, delivery_id) IN (
         SELECT d.organization_id, d.id FROM deliveries d WHERE ${ofPage} AND d.status <> 'pending')`,
        keys,
      )) +
      (await q.exec(
        `DELETE FROM attempts WHERE started_at < ? AND (organization_id, delivery_id) IN (
         SELECT d.organization_id, d.id FROM deliveries d WHERE ${ofPage} AND d.status = 'pending')`,
        [cutoff, ...keys],
      ));
    const deliveries = await q.exec(
      `DELETE FROM deliveries WHERE (organization_id, id) IN (
       SELECT d.organization_id, d.id FROM deliveries d WHERE ${ofPage} AND d.status <> 'pending')`,
      keys,
    );
    const events = await q.exec(
      `DELETE FROM events WHERE (organization_id, id) IN (VALUES ${pairs})
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.organization_id = events.organization_id AND d.event_id = events.id)`,
      keys,
    );
    return { attempts, deliveries, events };
  });
}
