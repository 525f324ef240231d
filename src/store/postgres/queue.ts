// The delivery queue on PostgreSQL: every hot statement is one round trip (sql/claim.ts,
// sql/complete.ts, sql/release.ts).
import type { ClaimedWork, ClaimOptions, Claimed, CompleteOptions, DeliveryStore, OutcomeRecord, PurgeCounts } from '../ports.ts';
import { claimParams } from '../sql/claim-window.ts';
import { applyOutcomes, mayNotify } from '../sql/health.ts';
import { PgOutbox } from './outbox.ts';
import { SqlQueueBase } from '../sql/queue-base.ts';
import { purgeBefore } from '../sql/retention.ts';
import { policyFields, type PolicyRow } from '../sql/rows.ts';
import type { SqlRunner } from '../sql/runner.ts';
import { rollUp, rowJson, upsertRollups } from '../sql/stats.ts';
import type { PgConnection } from './connection.ts';
import { dropExpired, preparePartitions } from './partitions.ts';
import { CLAIM_WORK } from './sql/claim.ts';
import { COMPLETE_AND_ROLL_UP } from './sql/complete.ts';
import { NEXT_DUE, RELEASE } from './sql/release.ts';

/** The claim statement's parameters (sql/claim.ts) for a claim. */
export function claimArgs(opts: ClaimOptions): unknown[] {
  const p = claimParams(opts);
  return [
    p.now,
    p.except,
    p.windowRows,
    p.busy.map(([id]) => id),
    p.busy.map(([, n]) => n),
    p.perWebhook,
    p.now,
    opts.limit,
    p.now,
    p.leaseFactor,
    p.leaseSlack,
    p.leaseUntil,
    p.token,
    p.now,
    p.now,
  ];
}

export class PgDeliveryStore extends SqlQueueBase implements DeliveryStore {
  constructor(protected override readonly db: PgConnection) {
    super(db);
  }

  async claim(opts: ClaimOptions): Promise<ClaimedWork[]> {
    const rows = await this.db.query<ClaimedWork & PolicyRow>(CLAIM_WORK, claimArgs(opts));
    return rows.map((r) => ({ ...r, ...policyFields(r) }));
  }

  async complete(outcomes: OutcomeRecord[], notices?: CompleteOptions): Promise<number> {
    if (!outcomes.length) return 0;
    const batch = JSON.stringify(
      outcomes.map(({ work: w, attempt: a, ...o }) => ({
        o: w.organization_id,
        i: w.id,
        l: w.lease_token,
        s: o.status,
        n: a.attempt_number,
        tc: o.throttled_count ?? w.throttled_count ?? 0,
        na: o.next_attempt_at ?? undefined,
        sa: a.started_at,
        ai: a.id,
        t: a.trigger,
        d: a.duration_ms,
        rq: a.request_headers,
        rs: a.response_status ?? undefined,
        rh: a.response_headers ?? undefined,
        rb: a.response_body ?? undefined,
        ec: a.error_class ?? undefined,
        em: a.error_message ?? undefined,
      })),
    );
    // The batch's endpoint health rollup, summed in memory (a row per webhook and minute), is
    // written by the same statement when every lease held, as it almost always does.
    const rollup = JSON.stringify(rollUp(outcomes).map(rowJson));
    const write = async (q: SqlRunner) => {
      const now = Date.now();
      const rows = await q.query<{ organization_id: string; delivery_id: string }>(COMPLETE_AND_ROLL_UP, [batch, now, rollup, outcomes.length]);
      const won = new Set(rows.map((r) => `${r.organization_id}/${r.delivery_id}`));
      const written = outcomes.filter((o) => won.has(`${o.work.organization_id}/${o.work.id}`));
      // Some lease had run out: that statement counted nothing, count what it wrote.
      if (written.length && written.length < outcomes.length) await upsertRollups(q, rollUp(written));
      await applyOutcomes(q, written, now, notices, () => new PgOutbox(q, this.db.channel, null));
      return written.length;
    };
    // Webhook bookkeeping (a first success in a while, a failure) and operational events go in the same transaction.
    return mayNotify(outcomes) ? this.db.tx(write) : write(this.db);
  }

  async release(list: Claimed[]): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < list.length; i += 200) {
      const chunk = list.slice(i, i + 200);
      await this.db.exec(RELEASE, [now, chunk.map((c) => c.organization_id), chunk.map((c) => c.id), chunk.map((c) => c.lease_token)]);
    }
    // Due again now: the workers of every process may take them.
    if (list.length) await this.db.notify([...new Set(list.map((c) => c.webhook_id))]);
  }

  /** The time partitions ahead (partitions.ts). */
  override async prepare(now: number, spanMs: number, aheadMs: number): Promise<void> {
    await preparePartitions(this.db, now, spanMs, aheadMs);
  }

  /**
   * Whole partitions first (those past the cutoff without a pending delivery), then the batched
   * purge for the rest: events (one table: see migration 0015), and the finished rows of a
   * partition that a pending delivery keeps, or of the default partition.
   */
  override async purge(cutoff: number): Promise<PurgeCounts> {
    const dropped = await dropExpired(this.db, cutoff);
    const rest = await purgeBefore(this.db, cutoff);
    // The space of deleted events is reused only once vacuumed: autovacuum may be off (it is on the
    // benchmark's machines), and then the table grows by what retention deletes.
    if (rest.events > 0) await this.db.exec('VACUUM events');
    return { ...rest, attempts: dropped.rows.attempts + rest.attempts, deliveries: dropped.rows.deliveries + rest.deliveries };
  }

  async nextDueAt(after: number, except: readonly string[] = []): Promise<number | null> {
    const rows = await this.db.query<{ at: number }>(NEXT_DUE, [after, except]);
    return rows.length ? rows[0].at : null;
  }
}
