// Token buckets on PostgreSQL: one statement per take (sql/rates.ts), so a bucket's row is locked
// only while it runs, whichever process takes.
import type { RateLimits } from '../ports.ts';
import { INSERT_BUCKET, nextTokenAt } from '../sql/rates.ts';
import type { SqlRunner } from '../sql/runner.ts';
import { TAKE } from './sql/rates.ts';

export class PgRateLimits implements RateLimits {
  constructor(private readonly db: SqlRunner) {}

  async take(organizationId: string, webhookId: string, rate: number, burst: number, now: number): Promise<number | null> {
    for (;;) {
      const [row] = await this.db.query<{ tokens: number; at: number; taken: boolean }>(TAKE, [
        organizationId,
        webhookId,
        burst,
        now,
        rate,
        now,
        organizationId,
        webhookId,
      ]);
      if (row) return row.taken ? null : nextTokenAt(Number(row.tokens), Number(row.at), rate);
      // A new bucket starts full: this take leaves burst - 1. Another process may create it first.
      if ((await this.db.exec(INSERT_BUCKET, [organizationId, webhookId, burst - 1, now])) > 0) return null;
    }
  }
}
