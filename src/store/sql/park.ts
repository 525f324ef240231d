// Parking: a disabled webhook's waiting deliveries stay pending but leave the due range
// (next_attempt_at NULL), so that a large backlog of a disabled endpoint costs the claim nothing;
// enabling the webhook makes them due now. One under way keeps its lease and its outcome.
import type { SqlRunner } from './runner.ts';

export async function park(q: SqlRunner, organizationId: string, webhookId: string): Promise<void> {
  await q.exec("UPDATE deliveries SET next_attempt_at = NULL WHERE organization_id = ? AND webhook_id = ? AND status = 'pending' AND lease_token IS NULL", [
    organizationId,
    webhookId,
  ]);
}

export async function unpark(q: SqlRunner, organizationId: string, webhookId: string, now: number): Promise<void> {
  await q.exec("UPDATE deliveries SET next_attempt_at = ? WHERE organization_id = ? AND webhook_id = ? AND status = 'pending' AND next_attempt_at IS NULL", [
    now,
    organizationId,
    webhookId,
  ]);
}
