// What attempts need of their webhooks (URL, health, live secrets newest first), for a batch of
// webhooks at once: SQLite has no ARRAY(), so two reads keyed by (organization_id, webhook_id).
import type { AttemptContext } from '../ports.ts';
import { CONTEXT_COLUMNS, LIVE_SECRET } from '../sql/fragments.ts';
import { policyFields, type PolicyRow } from '../sql/rows.ts';
import { placeholders, type SqlRunner } from '../sql/runner.ts';

export async function loadContext(
  q: SqlRunner,
  hooks: Array<{ organization_id: string; webhook_id: string }>,
  now: number,
): Promise<Map<string, AttemptContext>> {
  const keys = uniquePairs(hooks.map((h) => [h.organization_id, h.webhook_id]));
  const n = keys.length / 2;
  const [rows, secrets] = await Promise.all([
    q.query<PolicyRow & { organization_id: string; id: string; url: string; failing_since: number | null; last_success_at: number | null }>(
      `SELECT w.organization_id, w.id, ${CONTEXT_COLUMNS} FROM webhooks w WHERE (w.organization_id, w.id) IN (${placeholders(n, 2)})`,
      keys,
    ),
    q.query<{ organization_id: string; webhook_id: string; secret: string }>(
      `SELECT s.organization_id, s.webhook_id, s.secret FROM webhook_secrets s WHERE (s.organization_id, s.webhook_id) IN (${placeholders(n, 2)}) AND ${LIVE_SECRET} ORDER BY s.id DESC`,
      [...keys, now],
    ),
  ]);
  const out = new Map<string, AttemptContext>();
  for (const { organization_id, id, url, failing_since, last_success_at, ...policy } of rows)
    out.set(`${organization_id}/${id}`, { url, failing_since, last_success_at, ...policyFields(policy), secrets: [] });
  for (const s of secrets) out.get(`${s.organization_id}/${s.webhook_id}`)?.secrets.push(s.secret);
  return out;
}

export function uniquePairs(list: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [a, b] of list) {
    const k = `${a}/${b}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(a, b);
    }
  }
  return out;
}
