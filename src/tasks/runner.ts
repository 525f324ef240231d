// Runs background tasks in a worker process: claims one task at a time under a lease (any number
// of processes may run runners; one task is worked by one of them at a time), works it in chunks
// of SALESOS_TASK_CHUNK events or deliveries, each chunk one transaction that also moves the
// task's cursor, and renews the lease with every chunk. A process that dies leaves its task to
// the next runner once the lease runs out, resumed from the cursor.
//
// Pacing (docs/operations.md, "Background tasks"): before each chunk the runner waits until at
// most half of the previous chunk's deliveries still wait for their first attempt, so a replay of
// 100,000 events keeps at most 1.5 chunks queued ahead of the webhook's live deliveries instead of
// 100,000, and the claim (oldest due first) reaches live deliveries within that backlog.
import { randomUUID } from 'node:crypto';
import { EVENT_TYPES, matchesEvent } from '../catalog.ts';
import { orderingKey } from '../events/publisher.ts';
import { idFloor, newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { isTestBody } from '../model.ts';
import type { BackgroundTaskStore, HeldTask, NewDelivery, WebhookRecord, WebhookStore } from '../store/ports.ts';
import { compileFilter } from '../webhooks/filter.ts';

export interface TaskRunnerOptions {
  /** Events (replay) or deliveries (recover) per chunk. */
  chunk: number;
  leaseMs: number;
  /** How often an idle runner looks for a task (a task created in this process wakes it at once). */
  pollMs?: number;
  /** How long to wait between looks at the previous chunk's deliveries while pacing. */
  paceMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TaskRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: Promise<void> | null = null;
  private stopping = true;
  private again = false;
  private readonly pollMs: number;
  private readonly paceMs: number;

  constructor(
    private readonly store: BackgroundTaskStore,
    private readonly webhooks: Pick<WebhookStore, 'get'>,
    private readonly opts: TaskRunnerOptions,
    private readonly log: Logger,
  ) {
    this.pollMs = opts.pollMs ?? 1000;
    this.paceMs = opts.paceMs ?? 200;
  }

  start(): void {
    this.stopping = false;
    this.wake();
  }

  /** Looks for a task now (or right after the one under way). */
  wake(): void {
    if (this.stopping) return;
    if (this.current) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = this.drain()
      .catch((e) => this.log.error({ err: e }, 'background task runner failed; it tries again'))
      .finally(() => {
        this.current = null;
        if (this.stopping) return;
        if (this.again) {
          this.again = false;
          this.wake();
          return;
        }
        this.timer = setTimeout(() => this.wake(), this.pollMs);
        this.timer.unref();
      });
  }

  /** Stops after the chunk under way; the task held is given back for any runner. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private async drain(): Promise<void> {
    while (!this.stopping) {
      const now = Date.now();
      const task = await this.store.claim(randomUUID(), now, now + this.opts.leaseMs);
      if (!task) return;
      try {
        await this.work(task);
      } catch (e) {
        // Left to its lease: this or another runner resumes it from its cursor.
        this.log.error({ err: e, task: task.id }, 'a background task chunk failed; the task resumes when its lease ends');
        return;
      }
    }
  }

  private lease() {
    const now = Date.now();
    return { now, leaseUntil: now + this.opts.leaseMs };
  }

  private async work(task: HeldTask): Promise<void> {
    const hook = await this.webhooks.get(task.organization_id, task.webhook_id);
    if (!hook) {
      await this.store.finish(task, 'failed', 'The webhook was deleted', Date.now());
      return;
    }
    if (task.total === null) {
      const total =
        task.kind === 'recover'
          ? await this.store.countFailed(task.organization_id, task.webhook_id, idFloor('dlv', task.window_start), idFloor('dlv', task.window_end))
          : await this.store.countEvents(task.organization_id, replayTypes(hook), idFloor('evt', task.window_start), idFloor('evt', task.window_end));
      const { now, leaseUntil } = this.lease();
      if (!(await this.store.renew(task, now, leaseUntil, total))) return;
      task.total = total;
    }
    this.log.info({ task: task.id, kind: task.kind, webhook: task.webhook_id, done: task.done, total: task.total }, 'background task running');
    let previous: string[] = [];
    while (!this.stopping) {
      if (!(await this.pace(task, previous))) return;
      const step = task.kind === 'recover' ? await this.store.recoverStep(task, this.opts.chunk, this.lease()) : await this.replayChunk(task);
      if (step === 'lost') return;
      if (step === 'gone') {
        await this.store.finish(task, 'failed', 'The webhook was deleted', Date.now());
        return;
      }
      previous = step.ids;
      if (step.finished) {
        await this.store.finish(task, 'succeeded', null, Date.now());
        this.log.info({ task: task.id, done: task.done, queued: task.queued }, 'background task succeeded');
        return;
      }
    }
    await this.store.release(task);
  }

  /** Waits while more than half of the previous chunk's deliveries wait for their first attempt; false when the lease was lost. */
  private async pace(task: HeldTask, previous: string[]): Promise<boolean> {
    while (previous.length && !this.stopping && (await this.store.waiting(task.organization_id, previous)) > this.opts.chunk / 2) {
      const { now, leaseUntil } = this.lease();
      if (!(await this.store.renew(task, now, leaseUntil))) return false;
      await sleep(this.paceMs);
    }
    return true;
  }

  /** The next chunk of a replay: the window's events of the webhook's types, as new deliveries. */
  private async replayChunk(task: HeldTask): Promise<{ ids: string[]; finished: boolean } | 'lost' | 'gone'> {
    // Read again each chunk: a change of the webhook's types or filter applies from the next chunk.
    const hook = await this.webhooks.get(task.organization_id, task.webhook_id);
    if (!hook) return 'gone';
    const events = await this.store.eventsAfter(task.organization_id, {
      types: replayTypes(hook),
      fromId: idFloor('evt', task.window_start),
      afterId: task.last_id,
      toId: idFloor('evt', task.window_end),
      limit: this.opts.chunk,
      missingFor: task.only_missing ? hook.id : undefined,
    });
    if (!events.length) return { ids: [], finished: true };
    const { now, leaseUntil } = this.lease();
    const accepts = hook.filter ? compileFilter(hook.filter) : null;
    const deliveries: NewDelivery[] = [];
    for (const e of events) {
      // A test event was a sample sent to one webhook: it is not replayed to others.
      if (isTestBody(e.body)) continue;
      let payload: { data?: { object?: Record<string, unknown> } } | null = null;
      const parsed = () => (payload ??= JSON.parse(e.body) as { data?: { object?: Record<string, unknown> } });
      if (accepts && !accepts(parsed())) continue;
      const key = hook.ordering === 'per_object' ? orderingKey(parsed().data?.object ?? {}) : null;
      deliveries.push({
        organization_id: task.organization_id,
        id: newId('dlv', now),
        event_id: e.id,
        webhook_id: hook.id,
        event_type: e.type,
        trigger: 'replay',
        created_at: now,
        ordering_key: key,
        lease: null,
      });
    }
    const r = await this.store.replayStep(task, deliveries, { last_id: events[events.length - 1].id, done: events.length, now, leaseUntil });
    if (r !== 'ok') return r;
    return { ids: deliveries.map((d) => d.id), finished: events.length < this.opts.chunk };
  }
}

/** The catalog's event types a webhook subscribes to (exact, `group.*` or `*`). */
export function replayTypes(hook: Pick<WebhookRecord, 'events'>): string[] {
  return EVENT_TYPES.filter((t) => matchesEvent(hook.events, t));
}
