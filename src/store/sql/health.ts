// The webhook bookkeeping an outcome brings (a first success in a while, a first failure, an
// automatic disable), in the transaction that writes the outcome.
import type { OutcomeRecord } from '../ports.ts';
import { park } from './park.ts';
import { stablePlan, type SqlRunner } from './runner.ts';

// Touches a webhook row only when its health changes, so a busy endpoint's successes do not all
// contend for one row.
export async function applyHealth(q: SqlRunner, list: OutcomeRecord[], now: number): Promise<void> {
  const done = new Set<string>();
  // In id order, so that two workers updating the same webhooks lock them in the same order.
  const sorted = list.filter((o) => o.health).sort((a, b) => (a.work.webhook_id < b.work.webhook_id ? -1 : a.work.webhook_id > b.work.webhook_id ? 1 : 0));
  for (const o of sorted) {
    const h = o.health!;
    const key = `${o.work.organization_id}/${o.work.webhook_id}/${h.kind}`;
    if (done.has(key)) continue;
    done.add(key);
    const where = [o.work.organization_id, o.work.webhook_id];
    if (h.kind === 'success') {
      await q.exec(stablePlan('UPDATE webhooks SET last_success_at = ?, failing_since = NULL WHERE organization_id = ? AND id = ?'), [now, ...where]);
    } else if (h.kind === 'failing') {
      await q.exec(stablePlan('UPDATE webhooks SET failing_since = ? WHERE organization_id = ? AND id = ? AND failing_since IS NULL'), [h.since, ...where]);
    } else {
      await q.exec("UPDATE webhooks SET enabled = 0, disabled_reason = 'failing', updated_at = ? WHERE organization_id = ? AND id = ? AND enabled = 1", [
        now,
        ...where,
      ]);
      await park(q, o.work.organization_id, o.work.webhook_id);
    }
  }
}
