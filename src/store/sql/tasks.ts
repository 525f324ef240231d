// Background tasks (recover, replay), the same SQL on both backends: the task rows, their claim
// under a lease, and the chunks they work in. Every chunk first rewrites its task's row under the
// lease token (taking the row's lock on PostgreSQL), then does its work, in one transaction: a
// worker that lost its lease writes nothing, and the cursor moves exactly with the work.
import type { BackgroundTaskRecord, BackgroundTaskStore, EventRecord, HeldTask, NewDelivery, PageQuery, TaskStep } from '../ports.ts';
import { idFloor } from '../../ids.ts';
import { EVENT_COLUMNS } from './fragments.ts';
import { marks, placeholders, type SqlDatabase, type SqlTransaction } from './runner.ts';

const COLUMNS =
  'organization_id, id, webhook_id, kind, status, window_start, window_end, only_missing, total, done, queued, last_id, error, created_at, started_at, finished_at, updated_at';

type TaskRow = Omit<BackgroundTaskRecord, 'only_missing'> & { only_missing: number; lease_token?: string | null };

function record(r: TaskRow): BackgroundTaskRecord {
  const { lease_token: _lease, ...rest } = r;
  return { ...rest, only_missing: r.only_missing === 1, total: r.total === null ? null : Number(r.total) };
}

const DELIVERY_INSERT =
  '(organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, lease_token, next_trigger, created_at, updated_at, ordering_key)';

/** Thrown inside a chunk's transaction to roll it back. */
class Abort extends Error {
  constructor(readonly why: 'lost' | 'gone') {
    super(why);
  }
}

export class SqlBackgroundTaskStore implements BackgroundTaskStore {
  /** @param claimSuffix what makes concurrent claims pass over a task another claim holds (PostgreSQL: FOR UPDATE SKIP LOCKED) */
  constructor(
    private readonly db: SqlDatabase,
    private readonly claimSuffix: string,
  ) {}

  async create(t: BackgroundTaskRecord): Promise<void> {
    await this.db.exec(`INSERT INTO background_tasks (${COLUMNS}) VALUES ${placeholders(1, 17)}`, [
      t.organization_id,
      t.id,
      t.webhook_id,
      t.kind,
      t.status,
      t.window_start,
      t.window_end,
      t.only_missing ? 1 : 0,
      t.total,
      t.done,
      t.queued,
      t.last_id,
      t.error,
      t.created_at,
      t.started_at,
      t.finished_at,
      t.updated_at,
    ]);
  }

  async get(organizationId: string, id: string): Promise<BackgroundTaskRecord | null> {
    const rows = await this.db.query<TaskRow>(`SELECT ${COLUMNS} FROM background_tasks WHERE organization_id = ? AND id = ?`, [organizationId, id]);
    return rows[0] ? record(rows[0]) : null;
  }

  async listForWebhook(organizationId: string, webhookId: string, page: PageQuery): Promise<BackgroundTaskRecord[]> {
    const rows = await this.db.query<TaskRow>(
      `SELECT ${COLUMNS} FROM background_tasks WHERE organization_id = ? AND webhook_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      [organizationId, webhookId, page.before, page.limit],
    );
    return rows.map(record);
  }

  async claim(token: string, now: number, leaseUntil: number): Promise<HeldTask | null> {
    // Oldest first through background_tasks_open. The outer condition is checked again on the row
    // as it is when locked: of two claims of one expired task, the second finds it taken.
    const free = "status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < ?)";
    const rows = await this.db.query<TaskRow>(
      `UPDATE background_tasks SET lease_token = ?, lease_until = ?, status = 'running', started_at = COALESCE(started_at, ?), updated_at = ?
       WHERE ${free} AND (organization_id, id) = (SELECT organization_id, id FROM background_tasks WHERE ${free} ORDER BY id LIMIT 1${this.claimSuffix})
       RETURNING ${COLUMNS}, lease_token`,
      [token, leaseUntil, now, now, now, now],
    );
    return rows[0] ? { ...record(rows[0]), lease_token: token } : null;
  }

  async renew(task: HeldTask, now: number, leaseUntil: number, total?: number): Promise<boolean> {
    const n = await this.db.exec(
      "UPDATE background_tasks SET lease_until = ?, total = COALESCE(?, total), updated_at = ? WHERE organization_id = ? AND id = ? AND lease_token = ? AND status = 'running'",
      [leaseUntil, total ?? null, now, task.organization_id, task.id, task.lease_token],
    );
    return n === 1;
  }

  async finish(task: HeldTask, status: 'succeeded' | 'failed', error: string | null, now: number): Promise<boolean> {
    // A task that succeeded handled its whole window: what it counted at the start was what the
    // window held then (a delivery retried by hand meanwhile is no longer failed).
    const n = await this.db.exec(
      `UPDATE background_tasks SET status = ?, error = ?, finished_at = ?, updated_at = ?, lease_token = NULL, lease_until = NULL${status === 'succeeded' ? ', total = done' : ''}
       WHERE organization_id = ? AND id = ? AND lease_token = ? AND status = 'running'`,
      [status, error, now, now, task.organization_id, task.id, task.lease_token],
    );
    return n === 1;
  }

  async release(task: HeldTask): Promise<void> {
    await this.db.exec("UPDATE background_tasks SET lease_until = 0 WHERE organization_id = ? AND id = ? AND lease_token = ? AND status = 'running'", [
      task.organization_id,
      task.id,
      task.lease_token,
    ]);
  }

  async countFailed(organizationId: string, webhookId: string, fromId: string, toId: string): Promise<number> {
    // deliveries_failed: failed deliveries are few among all.
    const rows = await this.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM deliveries WHERE organization_id = ? AND status = 'failed' AND webhook_id = ? AND id >= ? AND id < ?",
      [organizationId, webhookId, fromId, toId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async countEvents(organizationId: string, types: readonly string[], fromId: string, toId: string): Promise<number> {
    if (!types.length) return 0;
    const rows = await this.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE organization_id = ? AND type IN (${marks(types)}) AND id >= ? AND id < ?`,
      [organizationId, ...types, fromId, toId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  eventsAfter(
    organizationId: string,
    q: { types: readonly string[]; fromId: string; afterId: string | null; toId: string; limit: number; missingFor?: string },
  ): Promise<EventRecord[]> {
    if (!q.types.length) return Promise.resolve([]);
    const params: unknown[] = [organizationId, ...q.types, q.fromId, q.afterId ?? '', q.toId];
    let missing = '';
    if (q.missingFor) {
      // deliveries_event: an event's few deliveries.
      missing =
        " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.organization_id = e.organization_id AND d.event_id = e.id AND d.webhook_id = ? AND d.status = 'succeeded')";
      params.push(q.missingFor);
    }
    const cols = EVENT_COLUMNS.split(', ')
      .map((c) => `e.${c}`)
      .join(', ');
    return this.db.query<EventRecord>(
      `SELECT ${cols} FROM events e WHERE e.organization_id = ? AND e.type IN (${marks(q.types)}) AND e.id >= ? AND e.id > ? AND e.id < ?${missing} ORDER BY e.id LIMIT ?`,
      [...params, q.limit],
    );
  }

  replayStep(task: HeldTask, deliveries: NewDelivery[], step: TaskStep): Promise<'ok' | 'lost' | 'gone'> {
    return this.chunk(async (q) => {
      await this.advance(q, task, step.last_id, step.done, deliveries.length, step);
      const enabled = await this.webhookEnabled(q, task);
      // A disabled webhook's deliveries are parked (next_attempt_at NULL, src/store/sql/park.ts) until it is enabled.
      const due = enabled ? step.now : null;
      for (let i = 0; i < deliveries.length; i += 500) {
        const chunk = deliveries.slice(i, i + 500);
        const values = chunk.flatMap((d) => [
          d.organization_id,
          d.id,
          d.event_id,
          d.webhook_id,
          d.event_type,
          'pending',
          0,
          due,
          null,
          d.trigger,
          d.created_at,
          d.created_at,
          d.ordering_key ?? null,
        ]);
        await q.exec(`INSERT INTO deliveries ${DELIVERY_INSERT} VALUES ${placeholders(chunk.length, 13)}`, values);
      }
      if (deliveries.length && enabled) await q.notify([task.webhook_id]);
      return 'ok' as const;
    });
  }

  recoverStep(task: HeldTask, limit: number, step: Omit<TaskStep, 'last_id' | 'done'>): Promise<{ ids: string[]; finished: boolean } | 'lost' | 'gone'> {
    return this.chunk(async (q) => {
      // The lease first: the row's lock keeps another worker's chunk of this task out meanwhile.
      await this.advance(q, task, task.last_id, 0, 0, step);
      const enabled = await this.webhookEnabled(q, task);
      const rows = await q.query<{ id: string }>(
        "SELECT id FROM deliveries WHERE organization_id = ? AND status = 'failed' AND webhook_id = ? AND id >= ? AND id > ? AND id < ? ORDER BY id LIMIT ?",
        [task.organization_id, task.webhook_id, idFloor('dlv', task.window_start), task.last_id ?? '', idFloor('dlv', task.window_end), limit],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length) {
        await q.exec(
          `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, next_trigger = 'manual', lease_token = NULL, updated_at = ? WHERE organization_id = ? AND id IN (${marks(ids)}) AND status = 'failed'`,
          [enabled ? step.now : null, step.now, task.organization_id, ...ids],
        );
        await this.advance(q, task, ids[ids.length - 1], ids.length, ids.length, step);
        if (enabled) await q.notify([task.webhook_id]);
      }
      return { ids, finished: ids.length < limit };
    });
  }

  async waiting(organizationId: string, deliveryIds: readonly string[]): Promise<number> {
    if (!deliveryIds.length) return 0;
    // Once attempted (or retried by hand), next_trigger is 'scheduled' again.
    const rows = await this.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM deliveries WHERE organization_id = ? AND id IN (${marks(deliveryIds)}) AND status = 'pending' AND next_trigger IN ('replay', 'manual')`,
      [organizationId, ...deliveryIds],
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async chunk<T>(fn: (q: SqlTransaction) => Promise<T>): Promise<T | 'lost' | 'gone'> {
    try {
      return await this.db.tx(fn);
    } catch (e) {
      if (e instanceof Abort) return e.why;
      throw e;
    }
  }

  /** Moves the cursor and the counts, under the lease (or aborts the chunk). */
  private async advance(q: SqlTransaction, task: HeldTask, lastId: string | null, done: number, queued: number, step: { leaseUntil: number; now: number }) {
    const n = await q.exec(
      "UPDATE background_tasks SET last_id = ?, done = done + ?, queued = queued + ?, lease_until = ?, updated_at = ? WHERE organization_id = ? AND id = ? AND lease_token = ? AND status = 'running'",
      [lastId, done, queued, step.leaseUntil, step.now, task.organization_id, task.id, task.lease_token],
    );
    if (n !== 1) throw new Abort('lost');
    task.last_id = lastId;
    task.done += done;
    task.queued += queued;
  }

  private async webhookEnabled(q: SqlTransaction, task: HeldTask): Promise<boolean> {
    const rows = await q.query<{ enabled: number }>('SELECT enabled FROM webhooks WHERE organization_id = ? AND id = ? AND deleted_at IS NULL', [
      task.organization_id,
      task.webhook_id,
    ]);
    if (!rows.length) throw new Abort('gone');
    return rows[0].enabled === 1;
  }
}

/**
 * Retention of background tasks: those that ended before the cutoff go (a task still queued or
 * running stays, whatever its age). Few rows: no index of their own.
 */
export function purgeTasks(db: SqlDatabase, cutoff: number): Promise<number> {
  return db.exec(`DELETE FROM background_tasks WHERE finished_at < ? AND status NOT IN ('queued', 'running')`, [cutoff]);
}
