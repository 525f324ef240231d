// The webhook bookkeeping an outcome brings (a first success in a while, a first failure, an
// automatic disable), in the transaction that writes the outcome, and the operational notices it
// makes (webhook.failing, webhook.recovered, webhook.disabled, delivery.exhausted): each decided
// by a conditional UPDATE that only one writer wins, however many worker processes share the
// database, and published in the same transaction.
import type { CompleteOptions, OperationalNotice, OutcomeRecord, Outbox } from '../ports.ts';
import { DELIVERY_COLUMNS } from './fragments.ts';
import { park } from './park.ts';
import { WEBHOOK_COLUMNS, webhookRecord, type WebhookRow } from './rows.ts';
import { stablePlan, type SqlRunner } from './runner.ts';
import type { DeliveryRecord } from '../ports.ts';

const byWebhook = (a: OutcomeRecord, b: OutcomeRecord) => (a.work.webhook_id < b.work.webhook_id ? -1 : a.work.webhook_id > b.work.webhook_id ? 1 : 0);

type Change = { kind: 'failing' | 'recovered' | 'disabled'; cause: OutcomeRecord };

// Touches a webhook row only when its health changes, so a busy endpoint's successes do not all
// contend for one row. Answers the changes that operational events tell of (with `failingEveryMs`).
export async function applyHealth(q: SqlRunner, list: OutcomeRecord[], now: number, failingEveryMs: number | null = null): Promise<Change[]> {
  const done = new Set<string>();
  const changes: Change[] = [];
  // In id order, so that two workers updating the same webhooks lock them in the same order.
  const sorted = list.filter((o) => o.health).sort(byWebhook);
  for (const o of sorted) {
    const h = o.health!;
    const key = `${o.work.organization_id}/${o.work.webhook_id}/${h.kind}`;
    if (done.has(key)) continue;
    done.add(key);
    const where = [o.work.organization_id, o.work.webhook_id];
    if (h.kind === 'success') {
      // Recovered: the run of failures it ends was announced (an unannounced one ends quietly).
      if (failingEveryMs !== null) {
        const won = await q.exec(
          stablePlan(
            'UPDATE webhooks SET last_success_at = ?, failing_since = NULL, failing_notified = 0 WHERE organization_id = ? AND id = ? AND failing_since IS NOT NULL AND failing_notified = 1',
          ),
          [now, ...where],
        );
        if (won) {
          changes.push({ kind: 'recovered', cause: o });
          continue;
        }
      }
      await q.exec(stablePlan('UPDATE webhooks SET last_success_at = ?, failing_since = NULL WHERE organization_id = ? AND id = ?'), [now, ...where]);
    } else if (h.kind === 'failing') {
      // Announced when the last announcement is an hour old (or none): one writer wins the row.
      if (failingEveryMs !== null) {
        const won = await q.exec(
          stablePlan(
            'UPDATE webhooks SET failing_since = ?, failing_notified_at = ?, failing_notified = 1 WHERE organization_id = ? AND id = ? AND failing_since IS NULL AND (failing_notified_at IS NULL OR failing_notified_at <= ?)',
          ),
          [h.since, now, ...where, now - failingEveryMs],
        );
        if (won) {
          changes.push({ kind: 'failing', cause: o });
          continue;
        }
      }
      await q.exec(stablePlan('UPDATE webhooks SET failing_since = ?, failing_notified = 0 WHERE organization_id = ? AND id = ? AND failing_since IS NULL'), [
        h.since,
        ...where,
      ]);
    } else {
      const won = await q.exec(
        "UPDATE webhooks SET enabled = 0, disabled_reason = 'failing', updated_at = ? WHERE organization_id = ? AND id = ? AND enabled = 1",
        [now, ...where],
      );
      await park(q, o.work.organization_id, o.work.webhook_id);
      if (won) changes.push({ kind: 'disabled', cause: o });
    }
  }
  return changes;
}

/**
 * The operational notices of written outcomes: their webhooks' health changes and the deliveries
 * that reached `failed` (outcomes marked `quiet`, of operational events themselves, bring none).
 */
async function notices(q: SqlRunner, changes: Change[], written: OutcomeRecord[]): Promise<OperationalNotice[]> {
  const out: OperationalNotice[] = [];
  for (const c of changes) {
    const rows = await q.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE organization_id = ? AND id = ? AND deleted_at IS NULL`, [
      c.cause.work.organization_id,
      c.cause.work.webhook_id,
    ]);
    if (rows.length) out.push({ kind: c.kind, webhook: webhookRecord(rows[0]), cause: c.cause });
  }
  for (const o of written) {
    if (o.status !== 'failed' || o.quiet) continue;
    const rows = await q.query<DeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE organization_id = ? AND id = ?`, [
      o.work.organization_id,
      o.work.id,
    ]);
    const hooks = await q.query<{ url: string }>('SELECT url FROM webhooks WHERE organization_id = ? AND id = ?', [o.work.organization_id, o.work.webhook_id]);
    if (rows.length) out.push({ kind: 'exhausted', delivery: { ...rows[0], status: 'failed' }, webhookUrl: hooks[0]?.url ?? '', cause: o });
  }
  return out;
}

/** Whether written outcomes may bring operational notices (and so need a transaction). */
export const mayNotify = (outcomes: OutcomeRecord[]) => outcomes.some((o) => o.health || (o.status === 'failed' && !o.quiet));

/**
 * The health changes of written outcomes and, with `opts`, their operational events published
 * through `outbox` (the transaction's). Publishing runs under a savepoint: if it fails, the
 * outcomes and health changes are still written (a fault there must not stop deliveries) and
 * `opts.failed` hears of it.
 */
export async function applyOutcomes(
  q: SqlRunner,
  written: OutcomeRecord[],
  now: number,
  opts: CompleteOptions | undefined,
  outbox: () => Outbox,
): Promise<void> {
  const changes = await applyHealth(q, written, now, opts ? opts.failingEveryMs : null);
  if (!opts) return;
  const list = await notices(q, changes, written);
  if (!list.length) return;
  await q.exec('SAVEPOINT operational_events');
  try {
    await opts.publish(list, outbox());
    await q.exec('RELEASE SAVEPOINT operational_events');
  } catch (e) {
    await q.exec('ROLLBACK TO SAVEPOINT operational_events');
    opts.failed(e, list);
  }
}
