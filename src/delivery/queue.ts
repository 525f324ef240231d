// The delivery queue's hot-path SQL: claim due deliveries in a batch under a lease, load what
// their attempts need (one statement on PostgreSQL, three batched reads on SQLite), and write the
// outcomes of many attempts in one transaction.
import { randomUUID } from 'node:crypto';
import { newId } from '../ids.ts';
import { stablePlan, type Db, type Queryable } from '../store/db.ts';
import type { AttemptTrigger, DeliveryStatus, ErrorClass } from '../model.ts';
import { parkDeliveries } from '../webhooks/service.ts';
import { compactRequestHeaders } from './signer.ts';

export interface Claimed {
  organization_id: string;
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: string;
  attempt_count: number;
  next_trigger: AttemptTrigger;
  lease_token: string;
  /** When the lease runs out (epoch ms): after that the delivery is due again, for any worker. */
  lease_until: number;
}

export interface ClaimedWork extends Claimed {
  url: string;
  body: string;
  secrets: string[];
  failing_since: number | null;
  last_success_at: number | null;
}

const RETURNING = 'organization_id, id, event_id, webhook_id, event_type, attempt_count, next_trigger, lease_token, next_attempt_at AS lease_until';

// The webhook check is a scalar subquery on purpose: as a join, the planner may start from the
// (few) webhooks and read every pending delivery of each, then sort; with a backlog that is a
// full scan per claim (100,000 pending: 750 ms instead of 2.5 ms). As a per-row filter, the scan
// follows deliveries_due in due order and stops after LIMIT rows.
const liveWebhook = (deliveries: string) =>
  `(SELECT w.enabled = 1 AND w.deleted_at IS NULL FROM webhooks w WHERE w.organization_id = ${deliveries}.organization_id AND w.id = ${deliveries}.webhook_id)`;
const LIVE_WEBHOOK = liveWebhook('d');

// Due deliveries in due order, at most `perWebhook` of any one webhook less those it already runs
// here (a batch should not hold more of an endpoint than it may start now), picked from a bounded window of the due index.
// PostgreSQL: SKIP LOCKED lets many workers claim from one queue without waiting on each other;
// the outer WHERE re-checks rows another worker claimed meanwhile.
const DUE_PG = `due AS (
  SELECT d.organization_id, d.id FROM deliveries d
  JOIN (
    SELECT organization_id, id, next_attempt_at FROM (
      SELECT c.organization_id, c.id, c.webhook_id, c.next_attempt_at, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.next_attempt_at) AS rn
      FROM (SELECT d.organization_id, d.id, d.webhook_id, d.next_attempt_at FROM deliveries d
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND ${LIVE_WEBHOOK} AND NOT (d.webhook_id = ANY(?::text[]))
            ORDER BY d.next_attempt_at LIMIT ?) c
    ) ranked
    LEFT JOIN unnest(?::text[], ?::int[]) AS b(webhook_id, n) ON b.webhook_id = ranked.webhook_id
    WHERE ranked.rn <= ? - COALESCE(b.n, 0)
  ) r ON d.organization_id = r.organization_id AND d.id = r.id
  WHERE d.status = 'pending' AND d.next_attempt_at <= ?
  ORDER BY r.next_attempt_at
  LIMIT ?
  FOR UPDATE OF d SKIP LOCKED
)`;

const CLAIMED_PG = `claimed AS (
  UPDATE deliveries d SET next_attempt_at = ?, lease_token = ?, updated_at = ?
  FROM due WHERE d.organization_id = due.organization_id AND d.id = due.id
  RETURNING ${RETURNING.split(', ')
    .map((c) => `d.${c}`)
    .join(', ')}
)`;

const CLAIM_PG = `WITH ${DUE_PG}, ${CLAIMED_PG} SELECT * FROM claimed`;

// PostgreSQL: claim and load in one statement, one round trip per batch instead of four. The
// lookups are LATERAL with LIMIT 1 on purpose (LIMIT keeps the planner from flattening them into
// joins): it cannot estimate the claimed rows, and as joins it chose to read every event of the
// organization per claimed delivery, seconds per claim once there were a few thousand events.
const CLAIM_WORK_PG = `WITH ${DUE_PG}, ${CLAIMED_PG}
SELECT c.*, e.body, w.url, w.failing_since, w.last_success_at,
  ARRAY(SELECT s.secret FROM webhook_secrets s
        WHERE s.organization_id = c.organization_id AND s.webhook_id = c.webhook_id AND (s.expires_at IS NULL OR s.expires_at > ?)
        ORDER BY s.id DESC) AS secrets
FROM claimed c
CROSS JOIN LATERAL (SELECT body FROM events e WHERE e.organization_id = c.organization_id AND e.id = c.event_id LIMIT 1) e
CROSS JOIN LATERAL (SELECT url, failing_since, last_success_at FROM webhooks w WHERE w.organization_id = c.organization_id AND w.id = c.webhook_id LIMIT 1) w`;

// SQLite has one writer: the UPDATE is atomic, so no two workers get the same row.
const CLAIM_SQLITE = `UPDATE deliveries SET next_attempt_at = ?, lease_token = ?, updated_at = ?
WHERE (organization_id, id) IN (
  SELECT organization_id, id FROM (
    SELECT c.organization_id, c.id, c.webhook_id, c.next_attempt_at, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.next_attempt_at) AS rn
    FROM (SELECT d.organization_id, d.id, d.webhook_id, d.next_attempt_at FROM deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND ${LIVE_WEBHOOK}
            AND d.webhook_id NOT IN (SELECT value FROM json_each(?))
          ORDER BY d.next_attempt_at LIMIT ?) c
  ) ranked WHERE rn <= ? - COALESCE((SELECT b.value FROM json_each(?) b WHERE b.key = ranked.webhook_id), 0)
  ORDER BY next_attempt_at
  LIMIT ?
)
RETURNING ${RETURNING}`;

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** At most this many deliveries of one webhook at once (default: no bound)… */
  perWebhook?: number;
  /** …counting these, already held here: webhook id → attempts (less than 0: room beyond perWebhook). */
  busy?: ReadonlyMap<string, number>;
  now?: number;
}

/** The webhooks a claim leaves out: those holding `perWebhook` or more (see ClaimOptions.busy). */
export function atBound(busy: Iterable<[string, number]>, perWebhook: number): string[] {
  return [...busy].filter(([, n]) => n >= perWebhook).map(([id]) => id);
}

function claimParams(opts: ClaimOptions) {
  const now = opts.now ?? Date.now();
  // Twice the limit: the per-webhook bound leaves most of the window to the batch (10 webhooks of
  // 64: 400 rows give 200), and each row read costs a heap visit and a webhook check. Four times
  // had read 800 rows for 200: claims of 200 from a 1,000,000-row backlog took 19.4 ms (p50)
  // instead of 15.1 (three alternating sets of 25 each way).
  const windowRows = Math.min(Math.max(opts.limit * 2, 100), 2000);
  const perWebhook = opts.perWebhook ?? opts.limit;
  const busy = [...(opts.busy ?? [])];
  // Webhooks with no slot left are skipped while scanning, so they do not use up the window.
  const full = atBound(opts.busy ?? [], perWebhook);
  return { now, windowRows, perWebhook, busy, full, token: randomUUID(), leaseUntil: now + opts.leaseMs };
}

export async function claim(db: Db, opts: ClaimOptions): Promise<Claimed[]> {
  const p = claimParams(opts);
  if (db.dialect === 'postgres') {
    return db.query<Claimed>(CLAIM_PG, [
      p.now,
      p.full,
      p.windowRows,
      p.busy.map(([id]) => id),
      p.busy.map(([, n]) => n),
      p.perWebhook,
      p.now,
      opts.limit,
      p.leaseUntil,
      p.token,
      p.now,
    ]);
  }
  return db.query<Claimed>(CLAIM_SQLITE, [
    p.leaseUntil,
    p.token,
    p.now,
    p.now,
    JSON.stringify(p.full),
    p.windowRows,
    p.perWebhook,
    JSON.stringify(Object.fromEntries(p.busy)),
    opts.limit,
  ]);
}

/** Claims due deliveries and loads what their attempts need (URL, body, live secrets). */
export async function claimWork(db: Db, opts: ClaimOptions): Promise<ClaimedWork[]> {
  const p = claimParams(opts);
  if (db.dialect === 'postgres') {
    return db.query<ClaimedWork>(CLAIM_WORK_PG, [
      p.now,
      p.full,
      p.windowRows,
      p.busy.map(([id]) => id),
      p.busy.map(([, n]) => n),
      p.perWebhook,
      p.now,
      opts.limit,
      p.leaseUntil,
      p.token,
      p.now,
      p.now,
    ]);
  }
  return loadWork(db, await claim(db, opts), p.now);
}

const pairs = (n: number) => Array.from({ length: n }, () => '(?, ?)').join(', ');

/** What an attempt needs of its webhook besides the event: where to send, how to sign, its health. */
export interface AttemptContext {
  url: string;
  secrets: string[];
  failing_since: number | null;
  last_success_at: number | null;
}

/** URLs, live secrets (newest first) and health of webhooks, keyed `organization_id/webhook_id`. */
export async function loadAttemptContext(
  q: Queryable,
  hooks: Array<{ organization_id: string; webhook_id: string }>,
  now: number,
): Promise<Map<string, AttemptContext>> {
  const hookKeys = uniquePairs(hooks.map((h) => [h.organization_id, h.webhook_id]));
  const [rows, secrets] = await Promise.all([
    q.query<{ organization_id: string; id: string; url: string; failing_since: number | null; last_success_at: number | null }>(
      `SELECT organization_id, id, url, failing_since, last_success_at FROM webhooks WHERE (organization_id, id) IN (${pairs(hookKeys.length / 2)})`,
      hookKeys,
    ),
    q.query<{ organization_id: string; webhook_id: string; secret: string }>(
      `SELECT organization_id, webhook_id, secret FROM webhook_secrets WHERE (organization_id, webhook_id) IN (${pairs(hookKeys.length / 2)}) AND (expires_at IS NULL OR expires_at > ?) ORDER BY id DESC`,
      [...hookKeys, now],
    ),
  ]);
  const out = new Map<string, AttemptContext>();
  for (const h of rows)
    out.set(`${h.organization_id}/${h.id}`, { url: h.url, secrets: [], failing_since: h.failing_since, last_success_at: h.last_success_at });
  for (const s of secrets) out.get(`${s.organization_id}/${s.webhook_id}`)?.secrets.push(s.secret);
  return out;
}

/** Event bodies, webhook URLs and live secrets for a claimed batch. */
export async function loadWork(db: Db, claimed: Claimed[], now = Date.now()): Promise<ClaimedWork[]> {
  if (!claimed.length) return [];
  const eventKeys = uniquePairs(claimed.map((c) => [c.organization_id, c.event_id]));
  const [events, context] = await Promise.all([
    db.query<{ organization_id: string; id: string; body: string }>(
      `SELECT organization_id, id, body FROM events WHERE (organization_id, id) IN (${pairs(eventKeys.length / 2)})`,
      eventKeys,
    ),
    loadAttemptContext(db, claimed, now),
  ]);
  const bodies = new Map(events.map((e) => [`${e.organization_id}/${e.id}`, e.body]));
  return claimed.flatMap((c) => {
    const hook = context.get(`${c.organization_id}/${c.webhook_id}`);
    const body = bodies.get(`${c.organization_id}/${c.event_id}`);
    if (!hook || body === undefined) return [];
    return [{ ...c, ...hook, body }];
  });
}

function uniquePairs(list: string[][]): string[] {
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

export interface Outcome {
  work: ClaimedWork;
  attemptNumber: number;
  trigger: AttemptTrigger;
  startedAt: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  status: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  /** What the delivery becomes: succeeded, failed, or pending again at nextAttemptAt. */
  nextStatus: DeliveryStatus;
  nextAttemptAt: number | null;
  /** Webhook bookkeeping: set when this outcome changes the webhook row. */
  webhookUpdate: null | { kind: 'success' } | { kind: 'failing'; since: number } | { kind: 'disable' };
}

/**
 * Writes a batch of outcomes in one transaction. An outcome whose lease was lost (the delivery
 * was canceled or claimed again after the lease ran out) is dropped.
 */
export async function complete(db: Db, outcomes: Outcome[]): Promise<number> {
  if (!outcomes.length) return 0;
  if (db.dialect === 'postgres') return completePg(db, outcomes);
  return db.tx(async (q) => {
    let written = 0;
    const attempts: Outcome[] = [];
    for (const o of outcomes) {
      const n = await q.exec(
        'UPDATE deliveries SET status = ?, attempt_count = ?, next_attempt_at = ?, last_attempt_at = ?, lease_token = NULL, next_trigger = ?, updated_at = ? WHERE organization_id = ? AND id = ? AND lease_token = ?',
        [o.nextStatus, o.attemptNumber, o.nextAttemptAt, o.startedAt, 'scheduled', Date.now(), o.work.organization_id, o.work.id, o.work.lease_token],
      );
      if (n) {
        attempts.push(o);
        written++;
      }
    }
    await insertAttempts(q, attempts);
    await updateWebhooks(q, attempts);
    return written;
  });
}

// PostgreSQL: the whole batch in one statement, atomic on its own: the deliveries whose lease
// still holds are updated, and their attempts logged. A batch costs one round trip (plus a
// transaction around the webhook bookkeeping when there is some).
// The batch is one JSON parameter, a row per outcome under short keys (a key left out is NULL),
// the header sets as nested objects that PostgreSQL hands on as their JSON text: one
// JSON.stringify instead of sixteen array literals, and no header set escaped twice (pg's
// array encoding had been some 5% of the service's CPU at saturation).
// Planned for each batch, not once per connection (no stablePlan): a plan made while `deliveries`
// held a few rows joined it by a sequential scan, and kept doing so as it grew (with 10 deliveries
// per batch, 557 CPU-ms of PostgreSQL per 1,000 deliveries instead of 115; test/postgres-plans).
const COMPLETE_PG = `WITH v AS (
  SELECT o AS organization_id, i AS id, l AS lease_token, s AS status, n AS attempt_count, na AS next_attempt_at, sa AS started_at,
    ai AS attempt_id, t AS trigger, d AS duration_ms, rq AS request_headers, rs AS response_status, rh AS response_headers,
    rb AS response_body, ec AS error_class, em AS error_message
  FROM json_to_recordset(?::json) AS x(o text, i text, l text, s text, n int, na bigint, sa bigint, ai text, t text, d int, rq text, rs int, rh text, rb text, ec text, em text)
), won AS (
  UPDATE deliveries d SET status = v.status, attempt_count = v.attempt_count, next_attempt_at = v.next_attempt_at,
    last_attempt_at = v.started_at, lease_token = NULL, next_trigger = 'scheduled', updated_at = ?
  FROM v WHERE d.organization_id = v.organization_id AND d.id = v.id AND d.lease_token = v.lease_token
  RETURNING d.organization_id, d.id
)
INSERT INTO attempts (organization_id, id, delivery_id, attempt_number, trigger, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message)
SELECT v.organization_id, v.attempt_id, v.id, v.attempt_count, v.trigger, v.started_at, v.duration_ms, v.request_headers, v.response_status, v.response_headers, v.response_body, v.error_class, v.error_message
FROM v JOIN won ON won.organization_id = v.organization_id AND won.id = v.id
RETURNING organization_id, delivery_id`;

/** The request headers as an attempt row keeps them (see compactRequestHeaders). */
const storedHeaders = (o: Outcome) =>
  compactRequestHeaders(o.requestHeaders, { eventId: o.work.event_id, eventType: o.work.event_type, attempt: o.attemptNumber });

async function completePg(db: Db, outcomes: Outcome[]): Promise<number> {
  const batch = JSON.stringify(
    outcomes.map((o) => ({
      o: o.work.organization_id,
      i: o.work.id,
      l: o.work.lease_token,
      s: o.nextStatus,
      n: o.attemptNumber,
      na: o.nextAttemptAt ?? undefined,
      sa: o.startedAt,
      ai: newId('att', o.startedAt),
      t: o.trigger,
      d: o.durationMs,
      rq: storedHeaders(o),
      rs: o.status ?? undefined,
      rh: o.responseHeaders ?? undefined,
      rb: o.responseBody ?? undefined,
      ec: o.errorClass ?? undefined,
      em: o.errorMessage ?? undefined,
    })),
  );
  const write = async (q: Queryable) => {
    const rows = await q.query<{ organization_id: string; delivery_id: string }>(COMPLETE_PG, [batch, Date.now()]);
    const won = new Set(rows.map((r) => `${r.organization_id}/${r.delivery_id}`));
    const attempts = outcomes.filter((o) => won.has(`${o.work.organization_id}/${o.work.id}`));
    await updateWebhooks(q, attempts);
    return attempts.length;
  };
  // Webhook bookkeeping (a first success in a while, a failure) goes in the same transaction.
  return outcomes.some((o) => o.webhookUpdate) ? db.tx(write) : write(db);
}

const ATTEMPT_COLUMNS =
  '(organization_id, id, delivery_id, attempt_number, trigger, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message)';

async function insertAttempts(q: Queryable, list: Outcome[]): Promise<void> {
  for (let i = 0; i < list.length; i += 200) {
    const chunk = list.slice(i, i + 200);
    const values: unknown[] = [];
    for (const o of chunk) {
      values.push(
        o.work.organization_id,
        newId('att', o.startedAt),
        o.work.id,
        o.attemptNumber,
        o.trigger,
        o.startedAt,
        o.durationMs,
        JSON.stringify(storedHeaders(o)),
        o.status,
        o.responseHeaders && JSON.stringify(o.responseHeaders),
        o.responseBody,
        o.errorClass,
        o.errorMessage,
      );
    }
    await q.exec(`INSERT INTO attempts ${ATTEMPT_COLUMNS} VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, values);
  }
}

// Touches a webhook row only when its health changes, so a busy endpoint's successes do not all
// contend for one row.
async function updateWebhooks(q: Queryable, list: Outcome[]): Promise<void> {
  const done = new Set<string>();
  const now = Date.now();
  // In id order, so that two workers updating the same webhooks lock them in the same order.
  const sorted = [...list].sort((a, b) => (a.work.webhook_id < b.work.webhook_id ? -1 : a.work.webhook_id > b.work.webhook_id ? 1 : 0));
  for (const o of sorted) {
    const u = o.webhookUpdate;
    const key = `${o.work.organization_id}/${o.work.webhook_id}/${u?.kind}`;
    if (!u || done.has(key)) continue;
    done.add(key);
    const where = [o.work.organization_id, o.work.webhook_id];
    if (u.kind === 'success') {
      await q.exec(stablePlan('UPDATE webhooks SET last_success_at = ?, failing_since = NULL WHERE organization_id = ? AND id = ?'), [now, ...where]);
    } else if (u.kind === 'failing') {
      await q.exec(stablePlan('UPDATE webhooks SET failing_since = ? WHERE organization_id = ? AND id = ? AND failing_since IS NULL'), [u.since, ...where]);
    } else {
      await q.exec("UPDATE webhooks SET enabled = 0, disabled_reason = 'failing', updated_at = ? WHERE organization_id = ? AND id = ? AND enabled = 1", [
        now,
        ...where,
      ]);
      await parkDeliveries(q, o.work.organization_id, o.work.webhook_id);
    }
  }
}

/**
 * Gives claimed deliveries back to the queue, due now (or parked, as disabling parks them, when
 * their webhook is disabled), untouched otherwise.
 */
// PostgreSQL: joined to the keys by the primary key. A list of row values, `(organization_id, id,
// lease_token) IN ((…), …)`, becomes an OR of keys that only a bitmap scan looks up one by one,
// and the pool turns bitmap scans off (see PostgresDb.open): it read every delivery of the
// organization instead, 115,000 rows and 200 ms to give back 70 held for a hanging endpoint.
const RELEASE_PG = `UPDATE deliveries d SET next_attempt_at = CASE WHEN ${liveWebhook('d')} THEN CAST(? AS bigint) ELSE NULL END, lease_token = NULL
FROM unnest(?::text[], ?::text[], ?::text[]) AS r(organization_id, id, lease_token)
WHERE d.organization_id = r.organization_id AND d.id = r.id AND d.lease_token = r.lease_token`;

// CAST: PostgreSQL types a parameter inside CASE as text, which a bigint column refuses.
export async function release(db: Db, list: Claimed[]): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < list.length; i += 200) {
    const chunk = list.slice(i, i + 200);
    if (db.dialect === 'postgres') {
      await db.exec(RELEASE_PG, [now, chunk.map((c) => c.organization_id), chunk.map((c) => c.id), chunk.map((c) => c.lease_token)]);
      continue;
    }
    await db.exec(
      `UPDATE deliveries SET next_attempt_at = CASE WHEN ${liveWebhook('deliveries')} THEN CAST(? AS bigint) ELSE NULL END, lease_token = NULL
       WHERE (organization_id, id, lease_token) IN (${Array.from({ length: chunk.length }, () => '(?, ?, ?)').join(', ')})`,
      [now, ...chunk.flatMap((c) => [c.organization_id, c.id, c.lease_token])],
    );
  }
  // Due again now: the workers of every process may take them (see Worker.onWork).
  if (list.length) await db.notify([...new Set(list.map((c) => c.webhook_id))]);
}

/**
 * When the earliest pending delivery of an enabled webhook is due (for the worker's sleep),
 * leaving out those of the `except` webhooks (the worker's own at their bound: their next attempt
 * frees room, and that wakes it).
 */
export async function nextDueAt(db: Db, after: number, except: string[] = []): Promise<number | null> {
  const rows = await db.query<{ at: number }>(
    `SELECT d.next_attempt_at AS at FROM deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at > ? AND ${LIVE_WEBHOOK}
       AND ${db.dialect === 'postgres' ? 'NOT (d.webhook_id = ANY(?::text[]))' : 'd.webhook_id NOT IN (SELECT value FROM json_each(?))'}
     ORDER BY d.next_attempt_at LIMIT 1`,
    [after, db.dialect === 'postgres' ? except : JSON.stringify(except)],
  );
  return rows.length ? rows[0].at : null;
}
