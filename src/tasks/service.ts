// Background tasks as the API shows them: a recover or a replay of a webhook's time window is
// stored as a task and answered at once (202); a worker process runs it (src/tasks/runner.ts) and
// the task reports its progress until it ends.
import { notFound, validation } from '../errors.ts';
import { newId } from '../ids.ts';
import { iso, type Auth, type Page, type TaskKind } from '../model.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../pagination.ts';
import type { BackgroundTaskRecord, BackgroundTaskStore, WebhookStore } from '../store/ports.ts';

export function taskView(t: BackgroundTaskRecord) {
  return {
    object: 'background_task' as const,
    id: t.id,
    kind: t.kind,
    status: t.status,
    webhook_id: t.webhook_id,
    since: iso(t.window_start)!,
    until: iso(t.window_end)!,
    only_missing: t.only_missing,
    done: t.done,
    total: t.total,
    queued: t.queued,
    error_message: t.error,
    created_at: iso(t.created_at)!,
    started_at: iso(t.started_at),
    finished_at: iso(t.finished_at),
  };
}
export type TaskView = ReturnType<typeof taskView>;

export interface TaskWindow {
  since: string;
  until?: string;
  only_missing?: boolean;
}

export class TaskService {
  /**
   * @param retentionMs events and deliveries older than this are purged (0: kept): a window that
   *   starts before it would find nothing, and is refused
   * @param wake tells this process's task runner that a task is waiting (null: no runner here)
   */
  constructor(
    private readonly store: BackgroundTaskStore,
    private readonly webhooks: Pick<WebhookStore, 'get'>,
    private readonly retentionMs: number,
    private readonly wake: (() => void) | null,
  ) {}

  async start(auth: Auth, webhookId: string, kind: TaskKind, w: TaskWindow): Promise<TaskView> {
    if (!(await this.webhooks.get(auth.organizationId, webhookId))) throw notFound('webhook', webhookId);
    const now = Date.now();
    const { start, end } = this.window(w, now);
    const task: BackgroundTaskRecord = {
      organization_id: auth.organizationId,
      id: newId('task', now),
      webhook_id: webhookId,
      kind,
      status: 'queued',
      window_start: start,
      window_end: end,
      only_missing: kind === 'replay' && w.only_missing === true,
      total: null,
      done: 0,
      queued: 0,
      last_id: null,
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
      updated_at: now,
    };
    await this.store.create(task);
    this.wake?.();
    return taskView(task);
  }

  /** The window as epoch ms; `until` defaults to now, and a later one is now (nothing was created after). */
  private window(w: TaskWindow, now: number): { start: number; end: number } {
    const start = Date.parse(w.since);
    const end = w.until === undefined ? now : Math.min(Date.parse(w.until), now);
    if (Number.isNaN(start)) throw validation('since is not an ISO-8601 time', [{ field: 'body.since', message: 'invalid time' }]);
    if (Number.isNaN(end)) throw validation('until is not an ISO-8601 time', [{ field: 'body.until', message: 'invalid time' }]);
    if (start > now) throw validation('since is in the future', [{ field: 'body.since', message: 'must not be in the future' }]);
    if (w.until !== undefined && Date.parse(w.until) <= start)
      throw validation('until must be after since', [{ field: 'body.until', message: 'must be after since' }]);
    if (this.retentionMs > 0 && start < now - this.retentionMs)
      throw validation(`since is older than the retention period (${Math.round(this.retentionMs / 86_400_000)} days): those events are no longer kept`, [
        { field: 'body.since', message: 'older than the retention period' },
      ]);
    return { start, end };
  }

  /** The organization's background task with this id, or null (the CRM may have a task by that id). */
  async find(auth: Auth, id: string): Promise<TaskView | null> {
    const t = await this.store.get(auth.organizationId, id);
    return t ? taskView(t) : null;
  }

  async get(auth: Auth, id: string): Promise<TaskView> {
    const t = await this.find(auth, id);
    if (!t) throw notFound('task', id);
    return t;
  }

  /** A webhook's tasks, newest first. */
  async listForWebhook(auth: Auth, webhookId: string, params: ListParams): Promise<Page<TaskView>> {
    if (!(await this.webhooks.get(auth.organizationId, webhookId))) throw notFound('webhook', webhookId);
    const limit = pageLimit(params);
    const rows = await this.store.listForWebhook(auth.organizationId, webhookId, { before: decodeCursor(params.cursor), limit: limit + 1 });
    return toPage(rows, limit, taskView);
  }
}
