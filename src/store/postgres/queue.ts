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
import { ROLLUP_SHARDS, rollUp, rowJson, upsertRollups } from '../sql/stats.ts';
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

/** At most one `VACUUM events` per this long (purge). */
const VACUUM_EVERY_MS = 30_000;
const now = () => Date.now();

export class PgDeliveryStore extends SqlQueueBase implements DeliveryStore {
  private unvacuumed = 0;
  private vacuumedAt = 0;
  /** The rollup shards of the completes in flight (stats.ts): this process's base, then the next free ones. */
  private readonly shardBase = Math.floor(Math.random() * ROLLUP_SHARDS);
  private readonly shardsInUse = new Set<number>();

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
    // written by the same statement when every lease held, as it almost always does; in a shard
    // no other complete of this process is writing to.
    // (With every shard in use, one is shared: its writers wait on each other, no more.)
    let shard = this.shardBase;
    for (let i = 0; i < ROLLUP_SHARDS && this.shardsInUse.has(shard); i++) shard = (shard + 1) % ROLLUP_SHARDS;
    const mine = !this.shardsInUse.has(shard);
    this.shardsInUse.add(shard);
    const rollup = JSON.stringify(rollUp(outcomes, shard).map(rowJson));
    const write = async (q: SqlRunner) => {
      const now = Date.now();
      const rows = await q.query<{ organization_id: string; delivery_id: string }>(COMPLETE_AND_ROLL_UP, [batch, now, rollup, outcomes.length]);
      const won = new Set(rows.map((r) => `${r.organization_id}/${r.delivery_id}`));
      const written = outcomes.filter((o) => won.has(`${o.work.organization_id}/${o.work.id}`));
      // Some lease had run out: that statement counted nothing, count what it wrote.
      if (written.length && written.length < outcomes.length) await upsertRollups(q, rollUp(written, shard));
      await applyOutcomes(q, written, now, notices, () => new PgOutbox(q, this.db.channel, null));
      return written.length;
    };
    // Webhook bookkeeping (a first success in a while, a failure) and operational events go in the same transaction.
    try {
      return await (mayNotify(outcomes) ? this.db.tx(write) : write(this.db));
    } finally {
      if (mine) this.shardsInUse.delete(shard);
    }
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
    // The space of deleted events is reused only once vacuumed: autovacuum may be off, and then the
    // table grows by what retention deletes. A vacuum reads the table: at most one every 30 s (a short
    // retention runs the round every few seconds), so the table holds up to 30 s of deletes more.
    this.unvacuumed += rest.events;
    if (this.unvacuumed > 0 && now() - this.vacuumedAt >= VACUUM_EVERY_MS) {
      await this.db.exec('VACUUM events');
      this.unvacuumed = 0;
      this.vacuumedAt = now();
    }
    return { ...rest, attempts: dropped.rows.attempts + rest.attempts, deliveries: dropped.rows.deliveries + rest.deliveries };
  }

  async nextDueAt(after: number, except: readonly string[] = []): Promise<number | null> {
    const rows = await this.db.query<{ at: number }>(NEXT_DUE, [after, except]);
    return rows.length ? rows[0].at : null;
  }
}
