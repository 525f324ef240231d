// What both backends' delivery queues do with the same statements: parking, the queue's gauges,
// and the retention purge. Claims, outcome writes, releases and the next due time differ per
// backend (postgres/queue.ts, sqlite/queue.ts).
import type { PurgeCounts } from '../ports.ts';
import { park, unpark } from './park.ts';
import { purgeBefore } from './retention.ts';
import type { SqlDatabase } from './runner.ts';

export abstract class SqlQueueBase {
  constructor(protected readonly db: SqlDatabase & { notify(about?: string[]): Promise<void> }) {}

  park(organizationId: string, webhookId: string): Promise<void> {
    return park(this.db, organizationId, webhookId);
  }

  async unpark(organizationId: string, webhookId: string, now: number): Promise<void> {
    await unpark(this.db, organizationId, webhookId, now);
    await this.db.notify([webhookId]);
  }

  async queueStats(): Promise<{ depth: number; oldestDueAt: number | null }> {
    const rows = await this.db.query<{ depth: number; oldest: number | null }>(
      "SELECT COUNT(*) AS depth, MIN(next_attempt_at) AS oldest FROM deliveries WHERE status = 'pending'",
    );
    return { depth: Number(rows[0].depth), oldestDueAt: rows[0].oldest === null ? null : Number(rows[0].oldest) };
  }

  purge(cutoff: number): Promise<PurgeCounts> {
    return purgeBefore(this.db, cutoff);
  }

  /** One table each (SQLite): nothing to prepare. PostgreSQL's partitions: postgres/queue.ts. */
  async prepare(_now: number, _spanMs: number, _aheadMs: number): Promise<void> {}
}
