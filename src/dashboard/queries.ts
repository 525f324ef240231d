// The few reads the dashboard needs that the API has no endpoint for: a webhook's recent
// success rate and last delivery, webhook URLs by id (for the events page), and whether the
// signed-in key still exists. Every query is scoped by organization_id.
import { idFloor } from '../ids.ts';
import type { Db } from '../store/db.ts';
import type { DeliveryStatus } from '../model.ts';

export interface WebhookStats {
  /** Deliveries of the last 24 h that were attempted at least once (canceled ones aside). */
  attempted: number;
  succeeded: number;
  last: { id: string; status: DeliveryStatus; attempt_count: number; at: number } | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function webhookStats(db: Db, organizationId: string, webhookIds: string[], now = Date.now()): Promise<Map<string, WebhookStats>> {
  const out = new Map<string, WebhookStats>(webhookIds.map((id) => [id, { attempted: 0, succeeded: 0, last: null }]));
  if (!webhookIds.length) return out;
  const marks = webhookIds.map(() => '?').join(', ');
  const counts = await db.query<{ webhook_id: string; status: DeliveryStatus; n: number | string }>(
    `SELECT webhook_id, status, COUNT(*) AS n FROM deliveries WHERE organization_id = ? AND webhook_id IN (${marks}) AND id >= ? AND attempt_count > 0 AND status <> 'canceled' GROUP BY webhook_id, status`,
    [organizationId, ...webhookIds, idFloor('dlv', now - DAY_MS)],
  );
  for (const c of counts) {
    const s = out.get(c.webhook_id)!;
    s.attempted += Number(c.n);
    if (c.status === 'succeeded') s.succeeded += Number(c.n);
  }
  // One indexed LIMIT 1 per webhook: a page holds at most 100 of them.
  await Promise.all(
    webhookIds.map(async (id) => {
      const rows = await db.query<{
        id: string;
        status: DeliveryStatus;
        attempt_count: number;
        created_at: number | string;
        last_attempt_at: number | string | null;
      }>(
        'SELECT id, status, attempt_count, created_at, last_attempt_at FROM deliveries WHERE organization_id = ? AND webhook_id = ? ORDER BY id DESC LIMIT 1',
        [organizationId, id],
      );
      const r = rows[0];
      if (r) out.get(id)!.last = { id: r.id, status: r.status, attempt_count: r.attempt_count, at: Number(r.last_attempt_at ?? r.created_at) };
    }),
  );
  return out;
}

/** URLs of webhooks by id, deleted ones included (old events still name them). */
export async function webhookUrls(db: Db, organizationId: string, ids: string[]): Promise<Map<string, { url: string; deleted: boolean }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.query<{ id: string; url: string; deleted_at: number | null }>(
    `SELECT id, url, deleted_at FROM webhooks WHERE organization_id = ? AND id IN (${unique.map(() => '?').join(', ')})`,
    [organizationId, ...unique],
  );
  return new Map(rows.map((r) => [r.id, { url: r.url, deleted: r.deleted_at !== null }]));
}

export async function organizationName(db: Db, organizationId: string): Promise<string> {
  const rows = await db.query<{ name: string }>('SELECT name FROM organizations WHERE id = ?', [organizationId]);
  return rows[0]?.name ?? organizationId;
}

/** A session ends when its key is revoked. */
export async function keyIsLive(db: Db, organizationId: string, keyId: string): Promise<boolean> {
  const rows = await db.query<{ revoked_at: number | null }>('SELECT revoked_at FROM api_keys WHERE organization_id = ? AND id = ?', [organizationId, keyId]);
  return rows.length === 1 && rows[0].revoked_at === null;
}
