// The one publisher: the API, the CRM (inside the transaction of its change: a transactional
// outbox, so an event exists exactly when the change committed) and test sends all publish here.
// A publish checks the event and serializes its body once, queues one delivery per matching
// enabled webhook, offers them to this process's worker (LocalDispatch: what it takes is stored
// leased to it and handed over after the commit, with no claim in between), and stores it all
// through an Outbox. Publishes wait for a write per organization, served in turn, and an
// organization with too many of them waiting is refused (429) before anything of it is queued
// (docs/operations.md, "Fairness between organizations").
import { createHash, randomUUID } from 'node:crypto';
import { isEventType, matchesEvent } from '../catalog.ts';
import type { LocalDispatch } from '../delivery/local.ts';
import { ApiError, rateLimited } from '../errors.ts';
import { newId } from '../ids.ts';
import { TEST_MARK, type AttemptTrigger } from '../model.ts';
import type { AttemptContext, ClaimedWork, EventRecord, NewDelivery, NewEvent, Outbox } from '../store/ports.ts';
import type { SubscriberCache } from './subscribers.ts';

export const MAX_DATA_BYTES = 256 * 1024;

export interface EventData {
  object: Record<string, unknown>;
  previous_attributes?: Record<string, unknown>;
}

export interface PublishInput {
  type: string;
  data: EventData;
  idempotencyKey?: string | null;
  /** A test event (a test send, `salesos events trigger`): `"test": true` in its envelope, X-Webhook-Test on its deliveries. */
  test?: boolean;
}

export interface PublishItem {
  organizationId: string;
  input: PublishInput;
  /** Only this webhook, whatever it subscribes to (test sends). */
  only?: string;
  /** Never this webhook (an operational event goes to every subscriber but the webhook it is about). */
  except?: string;
  trigger?: AttemptTrigger;
}

export interface Published {
  event: EventRecord;
  /** False when the idempotency key matched an earlier event: nothing new was queued. */
  created: boolean;
  deliveryIds: string[];
}

/** Deliveries this process's worker reserved in a publish: handed over once it committed, given back if it did not. */
export class Handoff {
  constructor(
    private readonly local: LocalDispatch | null,
    private readonly work: ClaimedWork[],
  ) {}

  commit(): void {
    if (this.work.length) this.local!.adopt(this.work);
  }

  abort(): void {
    for (const w of this.work) this.local!.unreserve(w.organization_id, w.webhook_id);
  }
}

/** Checks an input and builds the stored event: its body is serialized once, here. */
function prepareEvent(organizationId: string, input: PublishInput, now: number): NewEvent {
  if (!isEventType(input.type)) {
    throw new ApiError(400, 'validation_failed', `Unknown event type ${input.type}`, [{ field: 'type', message: 'unknown event type' }]);
  }
  // Serialized once: every attempt of every delivery sends exactly these bytes.
  const data = JSON.stringify({ object: input.data.object, previous_attributes: input.data.previous_attributes });
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) {
    throw new ApiError(413, 'payload_too_large', `data is larger than ${MAX_DATA_BYTES} bytes`, [{ field: 'data', message: 'at most 256 KiB' }]);
  }
  const id = newId('evt', now);
  const head = { id, type: input.type, created_at: new Date(now).toISOString(), organization_id: organizationId };
  return {
    organization_id: organizationId,
    id,
    type: input.type,
    idempotency_key: input.idempotencyKey ?? null,
    body: `${JSON.stringify(head).slice(0, -1)}${input.test ? TEST_MARK : ''},"data":${data}}`,
    created_at: now,
  };
}

/** Publishes waiting their turn: one item (a single publish) or a batch publish's items, stored together. */
interface Waiting {
  items: PublishItem[];
  together: boolean;
  resolve: (results: Array<Published | ApiError>) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 64;
/** Writes holding one organization's publishes at once (as many as all publishes had before)… */
const MAX_RUNNING_PER_ORG = 4;
/** …and in all: one more is always left for the other organizations. */
const MAX_RUNNING = MAX_RUNNING_PER_ORG + 1;

export interface PublisherOptions {
  /**
   * Events of one organization this process takes to store at once (waiting for a write or being
   * written) from admitted publishes; beyond it, a publish is refused with a 429 before anything
   * of it is queued (SALESOS_PUBLISH_QUEUE).
   */
  perOrganization: number;
}

export class Publisher {
  /**
   * Per organization, its publishes waiting for a write, in arrival order; the map's order is the
   * organizations' turn (one served goes to the back), so that a flood of one organization's
   * publishes delays another's by at most one write, not by the flood.
   */
  private readonly queues = new Map<string, Waiting[]>();
  /** Per organization, events waiting or being written. */
  private readonly pending = new Map<string, number>();
  /** Per organization, writes under way holding some of its publishes. */
  private readonly writing = new Map<string, number>();
  private running = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly subscribers: SubscriberCache,
    private readonly local: LocalDispatch | null,
    private readonly opts: PublisherOptions = { perOrganization: Infinity },
  ) {}

  /** Whether an admitted publish of `events` more events of this organization would be taken now (see admit). */
  admits(organizationId: string, events = 1): boolean {
    const n = this.pending.get(organizationId) ?? 0;
    // A batch larger than the bound is taken when nothing else of its organization is.
    return n === 0 || n + events <= this.opts.perOrganization;
  }

  /** Refuses (429, nothing queued) a publish of `events` events that the organization has no room for. */
  refuseBeyondBound(organizationId: string, events = 1): void {
    if (!this.admits(organizationId, events)) {
      throw rateLimited(
        `This organization has ${this.pending.get(organizationId)} events waiting to be stored in this process (at most ${this.opts.perOrganization}); nothing was stored: try again shortly`,
      );
    }
  }

  /**
   * Publishes an event outside any other transaction. Publishes that arrive together share one
   * write (one commit, one WAL flush, instead of one each); each answer still comes only after
   * the commit, and an invalid one gets its own error without stopping the others. `admit`: an
   * API publish, refused with a 429 beyond its organization's bound (test sends and SalesOS's own
   * events are always taken).
   */
  publish(item: PublishItem, opts: { admit?: boolean } = {}): Promise<Published> {
    if (opts.admit) this.refuseBeyondBound(item.organizationId);
    return new Promise((resolve, reject) => {
      this.enqueue({
        items: [item],
        together: false,
        resolve: ([r]) => (r instanceof ApiError ? reject(r) : resolve(r)),
        reject,
      });
    });
  }

  /**
   * Publishes these items (of one organization) together, in one write (one statement on
   * PostgreSQL, one transaction on SQLite): all of them are stored, or none. Answers per item, as
   * publish() does; refused with a 429 beyond the organization's bound.
   */
  publishTogether(items: PublishItem[]): Promise<Array<Published | ApiError>> {
    if (!items.length) return Promise.resolve([]);
    this.refuseBeyondBound(items[0].organizationId, items.length);
    return new Promise((resolve, reject) => this.enqueue({ items, together: true, resolve, reject }));
  }

  private enqueue(w: Waiting): void {
    const org = w.items[0].organizationId;
    this.pending.set(org, (this.pending.get(org) ?? 0) + w.items.length);
    const queue = this.queues.get(org);
    if (queue) queue.push(w);
    else this.queues.set(org, [w]);
    this.drain();
  }

  private settle(w: Waiting): void {
    const org = w.items[0].organizationId;
    const n = (this.pending.get(org) ?? 0) - w.items.length;
    if (n > 0) this.pending.set(org, n);
    else this.pending.delete(org);
  }

  private drain(): void {
    while (this.running < MAX_RUNNING && this.queues.size) {
      const batch = this.nextBatch();
      if (!batch.length) return; // what waits is of organizations with all the writes they may have
      const orgs = [...new Set(batch.map((w) => w.items[0].organizationId))];
      for (const org of orgs) this.writing.set(org, (this.writing.get(org) ?? 0) + 1);
      this.running++;
      void this.write(batch).finally(() => {
        this.running--;
        for (const org of orgs) {
          const n = this.writing.get(org)! - 1;
          if (n > 0) this.writing.set(org, n);
          else this.writing.delete(org);
        }
        this.drain();
      });
    }
  }

  /**
   * The next write: the first organization's batch publish alone, or single publishes taken from
   * the organizations in turn (each an equal share of what is left of MAX_BATCH, at least one);
   * each organization served goes to the back of the line. An organization already in
   * MAX_RUNNING_PER_ORG writes waits, so another's publish never waits for a write to end.
   */
  private nextBatch(): Waiting[] {
    const ready = (org: string) => (this.writing.get(org) ?? 0) < MAX_RUNNING_PER_ORG;
    for (const [org, queue] of this.queues) {
      if (!ready(org)) continue;
      if (queue[0].together) {
        const w = queue.shift()!;
        this.rotate([org]);
        return [w];
      }
      break;
    }
    const batch: Waiting[] = [];
    while (batch.length < MAX_BATCH) {
      const share = Math.max(1, Math.floor((MAX_BATCH - batch.length) / this.queues.size));
      const served: string[] = [];
      for (const [org, queue] of this.queues) {
        if (batch.length >= MAX_BATCH) break;
        if (!ready(org)) continue;
        let taken = 0;
        while (taken < share && batch.length < MAX_BATCH && queue.length && !queue[0].together) {
          batch.push(queue.shift()!);
          taken++;
        }
        if (taken) served.push(org);
      }
      if (!served.length) break;
      this.rotate(served);
    }
    return batch;
  }

  /** Organizations served go to the back of the line (or out of it, with nothing left). */
  private rotate(orgs: string[]): void {
    for (const org of orgs) {
      const queue = this.queues.get(org)!;
      this.queues.delete(org);
      if (queue.length) this.queues.set(org, queue);
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    let staged;
    try {
      staged = await this.stage(
        this.outbox,
        batch.flatMap((w) => w.items),
      );
    } catch (e) {
      if (batch.length === 1) {
        this.settle(batch[0]);
        return batch[0].reject(e);
      }
      // The write failed as a whole: each again on its own, with its own answer.
      await Promise.all(batch.map((w) => this.write([w])));
      return;
    }
    staged.handoff.commit();
    let i = 0;
    for (const w of batch) {
      this.settle(w);
      w.resolve(staged.results.slice(i, (i += w.items.length)));
    }
  }

  /**
   * Publishes events through an outbox (a transaction's, for the CRM) and answers, per item, what
   * was published or why not; the caller hands the handoff over once the outbox's transaction
   * committed, or aborts it.
   */
  async stage(outbox: Outbox, items: PublishItem[], opts: { local?: boolean } = {}): Promise<{ results: Array<Published | ApiError>; handoff: Handoff }> {
    const now = Date.now();
    const local = opts.local === false ? null : this.local;
    const results: Array<Published | ApiError> = [];
    const events: NewEvent[] = [];
    const deliveries: NewDelivery[] = [];
    const handed: ClaimedWork[] = [];
    const token = randomUUID();
    // What this process's worker takes is due again (for any worker) when its lease ends.
    const lease = local ? { token, until: now + local.leaseMs } : null;
    const leaseOf = (context: AttemptContext) => (context.timeout_ms === null ? lease! : { token, until: now + this.local!.leaseFor(context.timeout_ms) });
    try {
      for (const item of items) {
        let event: NewEvent;
        try {
          event = prepareEvent(item.organizationId, item.input, now);
        } catch (e) {
          results.push(e as ApiError);
          continue;
        }
        const hooks = await this.subscribers.get(outbox, item.organizationId, now);
        // Filters see the payload as delivered, parsed once for all of them (not at all without one).
        let payload: unknown;
        const parsed = () => (payload ??= JSON.parse(event.body));
        const targets = item.only
          ? hooks.filter((h) => h.id === item.only)
          : hooks.filter((h) => h.id !== item.except && matchesEvent(h.events, event.type) && this.subscribers.accepts(h, parsed));
        const key = orderingKey(item.input.data.object);
        // A test send goes to its webhook even when what this process remembers does not know it
        // yet (queued then, not taken by the local worker: its attempt context is not at hand).
        const to: Array<{ id: string; context: AttemptContext | null }> = item.only && !targets.length ? [{ id: item.only, context: null }] : targets;
        const ids: string[] = [];
        for (const hook of to) {
          // Ordered deliveries wait for the earlier ones of their object: only a claim can see those.
          const ordered = key !== null && hook.context?.ordering === 'per_object';
          const mine = !ordered && lease !== null && hook.context !== null && this.local!.tryReserve(item.organizationId, hook.id);
          const d: NewDelivery = {
            organization_id: item.organizationId,
            id: newId('dlv', now),
            event_id: event.id,
            webhook_id: hook.id,
            event_type: event.type,
            trigger: item.trigger ?? 'scheduled',
            created_at: now,
            ordering_key: ordered ? key : null,
            lease: mine ? leaseOf(hook.context!) : null,
          };
          if (mine) handed.push(freshWork(d, event, d.lease!, hook.context!));
          deliveries.push(d);
          ids.push(d.id);
        }
        events.push(event);
        results.push({ event, created: true, deliveryIds: ids });
      }
      const stored = await outbox.publish(events, deliveries);
      for (const [i, r] of results.entries()) {
        if (r instanceof ApiError || stored.has(r.event.id)) continue;
        // Its idempotency key was taken: the answer is the event that holds it, and nothing was queued.
        const { organizationId, input } = items[i];
        const first = await outbox.eventByIdempotencyKey(organizationId, input.idempotencyKey!);
        results[i] = first ? { event: first, created: false, deliveryIds: [] } : new ApiError(409, 'conflict', 'The idempotency key is in use');
      }
      const kept = handed.filter((w) => stored.has(w.event_id));
      for (const w of handed) if (!stored.has(w.event_id)) this.local!.unreserve(w.organization_id, w.webhook_id);
      return { results, handoff: new Handoff(this.local, kept) };
    } catch (e) {
      new Handoff(this.local, handed).abort();
      throw e;
    }
  }
}

/**
 * What orders an event's deliveries for a webhook that orders per object: its object's id (a long
 * one by its hash, to keep the index entry small); null when it has none.
 */
export function orderingKey(object: Record<string, unknown>): string | null {
  const id = object.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || id === '') return null;
  const key = String(id);
  return key.length <= 200 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** A delivery just published, leased to this process's worker. */
function freshWork(d: NewDelivery, event: NewEvent, lease: { token: string; until: number }, context: AttemptContext): ClaimedWork {
  return {
    organization_id: d.organization_id,
    id: d.id,
    event_id: d.event_id,
    webhook_id: d.webhook_id,
    event_type: d.event_type,
    attempt_count: 0,
    throttled_count: 0,
    next_trigger: d.trigger,
    lease_token: lease.token,
    lease_until: lease.until,
    ordering_key: null,
    body: event.body,
    ...context,
  };
}
