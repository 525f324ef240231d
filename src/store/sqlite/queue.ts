// The delivery queue on SQLite.
import type { Claimed, ClaimedWork, ClaimOptions, CompleteOptions, DeliveryStore, OutcomeRecord } from '../ports.ts';
import { claimParams } from '../sql/claim-window.ts';
import { applyOutcomes } from '../sql/health.ts';
import { SqliteOutbox } from './outbox.ts';
import { SqlQueueBase } from '../sql/queue-base.ts';
import { liveWebhook } from '../sql/fragments.ts';
import { placeholders } from '../sql/runner.ts';
import { rollUp, upsertRollups } from '../sql/stats.ts';
import type { SqliteConnection } from './connection.ts';
import { loadContext, uniquePairs } from './context.ts';
import { CLAIM, NEXT_DUE } from './sql/claim.ts';

const ATTEMPT_INSERT_COLUMNS =
  '(organization_id, id, delivery_id, attempt_number, trigger, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message)';

export class SqliteDeliveryStore extends SqlQueueBase implements DeliveryStore {
  constructor(protected override readonly db: SqliteConnection) {
    super(db);
  }

  async claim(opts: ClaimOptions): Promise<ClaimedWork[]> {
    const p = claimParams(opts);
    const claimed = await this.db.query<Claimed>(CLAIM, [
      p.now,
      p.leaseFactor,
      p.leaseSlack,
      p.leaseUntil,
      p.token,
      p.now,
      p.now,
      JSON.stringify(p.except),
      p.windowRows,
      p.perWebhook,
      JSON.stringify(Object.fromEntries(p.busy)),
      opts.limit,
    ]);
    return this.load(claimed, p.now);
  }

  /** Event bodies, webhook URLs and live secrets for a claimed batch. */
  private async load(claimed: Claimed[], now: number): Promise<ClaimedWork[]> {
    if (!claimed.length) return [];
    const eventKeys = uniquePairs(claimed.map((c) => [c.organization_id, c.event_id]));
    const [events, context] = await Promise.all([
      this.db.query<{ organization_id: string; id: string; body: string }>(
        `SELECT organization_id, id, body FROM events WHERE (organization_id, id) IN (${placeholders(eventKeys.length / 2, 2)})`,
        eventKeys,
      ),
      loadContext(this.db, claimed, now),
    ]);
    const bodies = new Map(events.map((e) => [`${e.organization_id}/${e.id}`, e.body]));
    return claimed.flatMap((c) => {
      const hook = context.get(`${c.organization_id}/${c.webhook_id}`);
      const body = bodies.get(`${c.organization_id}/${c.event_id}`);
      if (!hook || body === undefined) return [];
      return [{ ...c, ...hook, body }];
    });
  }

  complete(outcomes: OutcomeRecord[], notices?: CompleteOptions): Promise<number> {
    if (!outcomes.length) return Promise.resolve(0);
    return this.db.tx(async (q) => {
      const now = Date.now();
      const written: OutcomeRecord[] = [];
      for (const o of outcomes) {
        const n = await q.exec(
          'UPDATE deliveries SET status = ?, attempt_count = ?, throttled_count = ?, next_attempt_at = ?, last_attempt_at = ?, lease_token = NULL, next_trigger = ?, updated_at = ? WHERE organization_id = ? AND id = ? AND lease_token = ?',
          [
            o.status,
            o.attempt.attempt_number,
            o.throttled_count ?? o.work.throttled_count ?? 0,
            o.next_attempt_at,
            o.attempt.started_at,
            'scheduled',
            now,
            o.work.organization_id,
            o.work.id,
            o.work.lease_token,
          ],
        );
        if (n) written.push(o);
      }
      for (let i = 0; i < written.length; i += 200) {
        const chunk = written.slice(i, i + 200);
        const values = chunk.flatMap(({ work: w, attempt: a }) => [
          w.organization_id,
          a.id,
          w.id,
          a.attempt_number,
          a.trigger,
          a.started_at,
          a.duration_ms,
          JSON.stringify(a.request_headers),
          a.response_status,
          a.response_headers && JSON.stringify(a.response_headers),
          a.response_body,
          a.error_class,
          a.error_message,
        ]);
        await q.exec(`INSERT INTO attempts ${ATTEMPT_INSERT_COLUMNS} VALUES ${placeholders(chunk.length, 13)}`, values);
      }
      // Endpoint health: a row per webhook and minute of the batch, in this transaction.
      await upsertRollups(q, rollUp(written));
      await applyOutcomes(q, written, now, notices, () => new SqliteOutbox({ tx: q }));
      return written.length;
    });
  }

  async release(list: Claimed[]): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < list.length; i += 200) {
      const chunk = list.slice(i, i + 200);
      await this.db.exec(
        `UPDATE deliveries SET next_attempt_at = CASE WHEN ${liveWebhook('deliveries')} THEN CAST(? AS bigint) ELSE NULL END, lease_token = NULL
         WHERE (organization_id, id, lease_token) IN (${placeholders(chunk.length, 3)})`,
        [now, ...chunk.flatMap((c) => [c.organization_id, c.id, c.lease_token])],
      );
    }
    if (list.length) await this.db.notify([...new Set(list.map((c) => c.webhook_id))]);
  }

  async nextDueAt(after: number, except: readonly string[] = []): Promise<number | null> {
    const rows = await this.db.query<{ at: number }>(NEXT_DUE, [after, JSON.stringify(except)]);
    return rows.length ? rows[0].at : null;
  }
}
