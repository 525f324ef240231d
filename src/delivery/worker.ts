// The claim loop: claim due deliveries up to the free concurrency, send each, and write the
// outcomes back in batches. It sleeps until the next delivery is due and wakes at once when
// new work is committed (LISTEN/NOTIFY on PostgreSQL, an in-process signal on SQLite).
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Metrics } from '../http/metrics.ts';
import type { Db } from '../store/db.ts';
import { FruitlessClaims } from './fruitless.ts';
import { atBound, claimWork, complete, nextDueAt, release, type ClaimedWork, type Outcome } from './queue.ts';
import { nextRetryDelay } from './retry.ts';
import { Sender } from './sender.ts';
import { deliveryHeaders } from './signer.ts';

const MAX_BATCH = 200;
const IDLE_POLL_MS = 1000;
const FLUSH_MS = 5;
const MAX_WRITERS = 3;
const MAX_WRITE_BATCH = 500;
const EMPTY_CLAIM_GAP_MS = 5;
/** What a lease leaves, beyond the attempt itself, to write its outcome. */
const LEASE_SLACK_MS = 5_000;
/**
 * A webhook's held work is at most this many rounds of attempts (rounds × its concurrency bound),
 * and at least MIN: as many as its recent attempts say start within the wait a lease allows.
 */
const MAX_HOLD_ROUNDS = 8;
const MIN_HOLD_ROUNDS = 2;
/**
 * All held work (running, waiting, reserved, and outcomes not yet written) is at most this many
 * times the process's concurrency bound. Twice MAX_HOLD_ROUNDS: ten quick webhooks may hold
 * 8 rounds of 32 each, 2,560 with the defaults, and at 8 × 256 = 2,048 the fast path turned a
 * quarter of the deliveries at saturation away to the queue, each one then a claim (a non-HOT
 * update, and a walk past any pile of a hanging endpoint's). Held work that waits too long is
 * still given back (pump), and payloads stay bounded by MAX_WAITING_BYTES.
 */
const MAX_HELD_PER_SLOT = 16;
/** A webhook's recent attempt durations count for its hold bound while younger than this. */
const PACE_TTL_MS = 10_000;
/**
 * Payload bytes of held work waiting for a slot beyond which the worker neither claims nor takes
 * new deliveries: bodies are up to 256 KiB, and 8 rounds of them would be hundreds of MiB.
 */
const MAX_WAITING_BYTES = 64 * 2 ** 20;

export class Worker {
  private running = false;
  private inflight = 0;
  /** Attempts running, per webhook. */
  private readonly perEndpoint = new Map<string, number>();
  /** Claimed attempts waiting for a slot of their webhook (or of the process), per webhook. */
  private readonly waiting = new Map<string, ClaimedWork[]>();
  /** New deliveries reserved by a publish in this process, not yet handed over. */
  private readonly reserved = new Map<string, number>();
  private held = 0;
  /** Body length (UTF-16 units: about bytes, for JSON) of the work in `waiting`. */
  private waitingBytes = 0;
  /** The last claim left due work behind: a finished attempt should trigger the next claim… */
  private starvedAll = true;
  /** …or, for these webhooks (at their bound), one that leaves half their room free. */
  private readonly starvedHooks = new Set<string>();
  /** Claims that found nothing beyond the webhooks at their bound, not to be repeated without news. */
  private readonly fruitless = new FruitlessClaims();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private pending: Outcome[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private writers = 0;
  /** Outcomes not yet written (pending or being written). */
  private unwritten = 0;
  private loop: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly sender: Sender;
  readonly leaseMs: number;
  private readonly claimThreshold: number;
  /** What the worker holds at most (running, waiting, reserved or unwritten) in all. */
  private readonly maxHeld: number;
  /** Per webhook: MIN_HOLD_ROUNDS of attempts, more for a webhook whose attempts are quick (see holdBound). */
  private readonly minHeldPerWebhook: number;
  /** Recent attempt duration (moving average, ms) per webhook, and when it was last updated. */
  private readonly pace = new Map<string, { ms: number; at: number }>();
  /** Called after outcomes that changed a webhook's health are written, with its organization. */
  onWebhookChange: ((organizationId: string) => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {
    // undici pools connections per origin, and many webhooks can share one origin (one SaaS
    // receiver host, different paths): sized to the per-endpoint bound, one hanging webhook would
    // hold every socket of its origin and stall the healthy ones. The worker's own bounds (per
    // webhook and in total) decide how many attempts run; the pool only must not be tighter.
    this.sender = new Sender({ allowPrivateUrls: config.allowPrivateUrls, timeoutMs: config.deliveryTimeoutMs, connections: config.maxConcurrency });
    this.claimThreshold = Math.min(MAX_BATCH, Math.max(1, Math.floor(config.maxConcurrency / 2)));
    this.maxHeld = MAX_HELD_PER_SLOT * config.maxConcurrency;
    this.minHeldPerWebhook = MIN_HOLD_ROUNDS * config.maxPerEndpoint;
    // Longer than a held attempt can take, so a live worker keeps its lease: held work may wait
    // up to the timeout for a slot (pump() gives back what waited longer), then runs (bounded by
    // the timeout too), and its outcome has LEASE_SLACK_MS to be written.
    this.leaseMs = 2 * config.deliveryTimeoutMs + LEASE_SLACK_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.db.onNotify((about) => this.onWork(about));
    this.loop = this.run();
  }

  /** Stops claiming, lets in-flight attempts finish, and writes their outcomes. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.wake();
    await this.loop;
    // Held attempts that never started go back to the queue now, not when their leases run out.
    await this.releaseWaiting();
    while (this.inflight > 0) await new Promise((r) => setTimeout(r, 10));
    await this.flush();
    await this.sender.close();
  }

  // New work was queued. When it is only for webhooks that have no room here (the last claim left
  // them behind, and they still hold more than half of it), a claim now would find nothing to
  // take: a finished attempt of theirs wakes the loop instead.
  private onWork(about: string[]): void {
    this.fruitless.announced(about);
    if (about.length && !this.starvedAll && about.every((id) => this.starvedHooks.has(id) && this.holding(id) > this.config.maxPerEndpoint)) return;
    this.wake();
  }

  wake(): void {
    this.woken = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      try {
        // Claimed work is held here (running, or waiting for a slot of its webhook) up to
        // MAX_HELD_PER_SLOT times the concurrency in all and holdBound per webhook: a hot
        // endpoint's next attempts are at hand when one finishes, instead of a claim round trip away.
        const free = this.maxHeld - this.occupied();
        // Under load, claim in batches: wait until a quarter of the slots are free rather than
        // paying a claim round trip for every attempt that finishes.
        if (free <= 0 || (this.occupied() > 0 && free < this.claimThreshold) || this.waitingBytes >= MAX_WAITING_BYTES) {
          this.starvedAll = true;
          await this.sleep(IDLE_POLL_MS);
          continue;
        }
        const limit = Math.min(free, MAX_BATCH);
        const busy = this.busy();
        const except = atBound(busy, this.minHeldPerWebhook);
        const wait = this.fruitless.wait(except);
        if (wait !== null) {
          // The webhooks with room now are among those the last claim found nothing due for.
          await this.sleep(Math.min(wait, IDLE_POLL_MS));
          continue;
        }
        const ticket = this.fruitless.start(except);
        const work = await claimWork(this.db, { limit, leaseMs: this.leaseMs, busy, perWebhook: this.minHeldPerWebhook });
        failures = 0;
        for (const w of work) this.hold(w);
        // Was anything due left behind? A full batch: every finished attempt is a reason to claim
        // again. A webhook at its bound: once half of what it holds has run. Otherwise only new
        // work (NOTIFY), a retry coming due, or the poll is.
        this.starvedAll = work.length === limit;
        this.starvedHooks.clear();
        for (const [hook, n] of busy) if (n >= this.minHeldPerWebhook) this.starvedHooks.add(hook);
        for (const w of work) if (this.holding(w.webhook_id) >= this.holdBound(w.webhook_id)) this.starvedHooks.add(w.webhook_id);
        this.pump();
        if (work.length === limit) continue; // probably more due right now
        // Nothing claimable (its webhooks are at their bounds): new work arriving for them must
        // not turn into a claim per publish, so the next claim waits a little.
        if (!work.length && this.starvedHooks.size) await new Promise((r) => setTimeout(r, EMPTY_CLAIM_GAP_MS));
        const fruitless = !work.length && except.length > 0 && this.fruitless.quiet(ticket);
        if (this.woken && !fruitless) continue;
        const now = Date.now();
        const next = await nextDueAt(this.db, now, except);
        if (fruitless) this.fruitless.found(ticket, next, now);
        if (this.woken) continue;
        await this.sleep(next === null ? IDLE_POLL_MS : Math.max(1, Math.min(next - now, IDLE_POLL_MS)));
      } catch (e) {
        // The database is down or busy: back off, keep the process up, try again.
        failures++;
        this.log.error({ err: e }, 'delivery loop failed; retrying');
        await this.sleep(Math.min(100 * 2 ** failures, 5000));
      }
    }
  }

  /** Attempts running, waiting or reserved here, and outcomes not yet written. */
  private occupied(): number {
    return this.inflight + this.held + this.unwritten;
  }

  /** Attempts of a webhook running, waiting or reserved here. */
  private holding(webhookId: string): number {
    return (this.perEndpoint.get(webhookId) ?? 0) + (this.waiting.get(webhookId)?.length ?? 0) + (this.reserved.get(webhookId) ?? 0);
  }

  /**
   * How much of a webhook's work this worker may hold. Held work must start while its lease
   * allows (within the timeout of being claimed): a webhook whose recent attempts took d ms
   * starts about maxPerEndpoint attempts every d ms, so it may hold 1 + timeout / d rounds of
   * them, from MIN_HOLD_ROUNDS (a slow or unknown endpoint) to MAX_HOLD_ROUNDS (a quick one: its
   * next attempts are at hand instead of a claim away, and new deliveries skip the claim).
   */
  private holdBound(webhookId: string): number {
    const p = this.pace.get(webhookId);
    if (!p || Date.now() - p.at > PACE_TTL_MS) return this.minHeldPerWebhook;
    const rounds = 1 + Math.floor(this.config.deliveryTimeoutMs / Math.max(1, p.ms));
    return Math.min(MAX_HOLD_ROUNDS, Math.max(MIN_HOLD_ROUNDS, rounds)) * this.config.maxPerEndpoint;
  }

  /**
   * For a claim: what each webhook holds here, less the room its hold bound has beyond the
   * claim's uniform minHeldPerWebhook (so a quick webhook's count can be negative).
   */
  private busy(): Map<string, number> {
    const busy = new Map<string, number>();
    for (const hook of [...this.perEndpoint.keys(), ...this.waiting.keys(), ...this.reserved.keys(), ...this.pace.keys()]) {
      if (busy.has(hook)) continue;
      const n = this.holding(hook) - (this.holdBound(hook) - this.minHeldPerWebhook);
      if (n !== 0) busy.set(hook, n);
    }
    return busy;
  }

  private recordPace(webhookId: string, ms: number): void {
    const p = this.pace.get(webhookId);
    const now = Date.now();
    if (p) {
      p.ms += (ms - p.ms) / 5;
      p.at = now;
      return;
    }
    if (this.pace.size >= 1000) for (const [hook, old] of this.pace) if (now - old.at > PACE_TTL_MS) this.pace.delete(hook);
    if (this.pace.size < 1000) this.pace.set(webhookId, { ms, at: now });
  }

  // Publishes in this process offer their new deliveries here (see LocalDispatch): what fits in
  // what the worker may hold is inserted leased to it and handed over after the commit.
  tryReserve(webhookId: string): boolean {
    if (!this.running || this.occupied() >= this.maxHeld || this.waitingBytes >= MAX_WAITING_BYTES) return false;
    if (this.holding(webhookId) >= this.holdBound(webhookId)) return false;
    this.reserved.set(webhookId, (this.reserved.get(webhookId) ?? 0) + 1);
    this.held++;
    return true;
  }

  unreserve(webhookId: string): void {
    const n = (this.reserved.get(webhookId) ?? 1) - 1;
    if (n <= 0) this.reserved.delete(webhookId);
    else this.reserved.set(webhookId, n);
    this.held--;
  }

  adopt(work: ClaimedWork[]): void {
    for (const w of work) {
      this.unreserve(w.webhook_id);
      this.hold(w);
    }
    // Stopping: whatever was not started goes back to the queue (stop() releases the rest).
    if (this.running) this.pump();
    else void this.releaseWaiting();
  }

  /** Holds claimed work until its webhook has a free slot (see pump). */
  private hold(work: ClaimedWork): void {
    const list = this.waiting.get(work.webhook_id);
    if (list) list.push(work);
    else this.waiting.set(work.webhook_id, [work]);
    this.held++;
    this.waitingBytes += work.body.length;
  }

  /** Counts out work its caller took out of `waiting` (to start it or to give it back). */
  private unhold(work: ClaimedWork): void {
    this.held--;
    this.waitingBytes -= work.body.length;
  }

  /**
   * Gives back the work held for a webhook that changed (URL, events, state, secrets, deletion):
   * it was claimed with what the webhook was before, and is claimed again as it is now (not at all
   * while it is disabled). Attempts already under way finish.
   */
  releaseHeld(webhookId: string): void {
    const list = this.takeWaiting([webhookId]);
    if (list.length) this.giveBack(list);
  }

  private async releaseWaiting(): Promise<void> {
    const unstarted = this.takeWaiting([...this.waiting.keys()]);
    if (unstarted.length) await release(this.db, unstarted).catch((e) => this.log.error({ err: e }, 'releasing held deliveries failed'));
  }

  /** Takes these webhooks' work out of `waiting`, counted out. */
  private takeWaiting(webhookIds: string[]): ClaimedWork[] {
    const out: ClaimedWork[] = [];
    for (const hook of webhookIds) {
      for (const w of this.waiting.get(hook) ?? []) {
        this.unhold(w);
        out.push(w);
      }
      this.waiting.delete(hook);
    }
    return out;
  }

  /**
   * Starts held attempts while their webhooks and the process have free slots. A webhook that got
   * slots goes to the back of the line, so when the process's bound is what is short, webhooks
   * take turns. Held work whose lease would run out before an attempt and its write could end
   * (it waited longer than the timeout: its endpoint slowed down) is not started but given back
   * to the queue, so no attempt runs while another worker may take the same delivery.
   */
  private pump(): void {
    const startBy = Date.now() + this.config.deliveryTimeoutMs + LEASE_SLACK_MS;
    let late: ClaimedWork[] | null = null;
    for (const [hook, list] of this.waiting) {
      let started = 0;
      while (list.length && this.inflight < this.config.maxConcurrency && (this.perEndpoint.get(hook) ?? 0) < this.config.maxPerEndpoint) {
        const work = list.shift()!;
        this.unhold(work);
        if (work.lease_until < startBy) {
          (late ??= []).push(work);
          continue;
        }
        started++;
        this.dispatch(work);
      }
      if (!list.length || started) this.waiting.delete(hook);
      if (list.length && started) this.waiting.set(hook, list);
      if (this.inflight >= this.config.maxConcurrency) break;
    }
    if (late) this.giveBack(late);
  }

  private giveBack(late: ClaimedWork[]): void {
    this.held += late.length;
    void release(this.db, late)
      .catch((e) => this.log.error({ err: e, deliveries: late.length }, 'giving back held deliveries failed; their leases run out instead'))
      .finally(() => {
        this.held -= late.length;
        this.fruitless.renew();
        this.wake();
      });
  }

  private dispatch(work: ClaimedWork): void {
    this.inflight++;
    this.perEndpoint.set(work.webhook_id, (this.perEndpoint.get(work.webhook_id) ?? 0) + 1);
    void this.attempt(work)
      .catch((e) => this.log.error({ err: e, delivery: work.id }, 'attempt failed unexpectedly'))
      .finally(() => {
        this.inflight--;
        const n = (this.perEndpoint.get(work.webhook_id) ?? 1) - 1;
        if (n <= 0) this.perEndpoint.delete(work.webhook_id);
        else this.perEndpoint.set(work.webhook_id, n);
        this.pump();
        if (this.starvedAll || (this.starvedHooks.has(work.webhook_id) && this.holding(work.webhook_id) <= this.config.maxPerEndpoint)) this.wake();
      });
  }

  private async attempt(work: ClaimedWork): Promise<void> {
    const attemptNumber = work.attempt_count + 1;
    const startedAt = Date.now();
    const requestHeaders = deliveryHeaders({
      secrets: work.secrets,
      eventId: work.event_id,
      eventType: work.event_type,
      body: work.body,
      attempt: attemptNumber,
      now: startedAt,
    });
    const result = await this.sender.send(work.url, requestHeaders, work.body);
    this.recordPace(work.webhook_id, result.durationMs);
    const ok = result.errorClass === null;
    const now = Date.now();
    let nextStatus: Outcome['nextStatus'] = 'succeeded';
    let nextAttemptAt: number | null = null;
    let webhookUpdate: Outcome['webhookUpdate'] = null;
    if (ok) {
      if (work.failing_since !== null || work.last_success_at === null || now - work.last_success_at > 60_000) webhookUpdate = { kind: 'success' };
    } else {
      const delay = nextRetryDelay(this.config.retrySchedule, attemptNumber, { status: result.status, retryAfterMs: result.retryAfterMs });
      nextStatus = delay === null ? 'failed' : 'pending';
      nextAttemptAt = delay === null ? null : now + delay;
      if (work.failing_since === null) webhookUpdate = { kind: 'failing', since: startedAt };
      else if (now - work.failing_since >= this.config.disableAfterMs) webhookUpdate = { kind: 'disable' };
    }
    this.metrics.attemptDuration.observe({ outcome: ok ? 'success' : 'failure' }, result.durationMs / 1000);
    this.metrics.attempts.inc({ outcome: ok ? 'success' : (result.errorClass ?? 'failure') });
    if (nextStatus !== 'pending') this.metrics.deliveries.inc({ status: nextStatus });
    if (!ok)
      this.log.info(
        { delivery: work.id, webhook: work.webhook_id, attempt: attemptNumber, error_class: result.errorClass, status: result.status },
        'delivery attempt failed',
      );
    this.enqueue({
      work,
      attemptNumber,
      trigger: work.next_trigger,
      startedAt,
      durationMs: result.durationMs,
      requestHeaders,
      status: result.status,
      responseHeaders: result.headers,
      responseBody: result.body,
      errorClass: result.errorClass,
      errorMessage: result.errorMessage,
      nextStatus,
      nextAttemptAt,
      webhookUpdate,
    });
  }

  // Outcomes are written in batches (one statement for many attempts), by up to MAX_WRITERS
  // writes at once, so writing keeps up with sending. An outcome counts against what the worker
  // may hold until it is written: if writes fall behind, claiming slows down with them instead of
  // piling up unwritten outcomes whose leases could run out.
  private enqueue(o: Outcome): void {
    this.pending.push(o);
    this.unwritten++;
    if (this.pending.length >= MAX_BATCH) this.write();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.write(), FLUSH_MS);
  }

  private write(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    while (this.writers < MAX_WRITERS && this.pending.length) {
      const batch = this.pending.splice(0, MAX_WRITE_BATCH);
      this.writers++;
      void this.writeBatch(batch).finally(() => {
        this.writers--;
        this.unwritten -= batch.length;
        if (this.pending.length >= MAX_BATCH) this.write();
        else if (this.pending.length && !this.flushTimer) this.flushTimer = setTimeout(() => this.write(), FLUSH_MS);
        // Room to hold more, or a retry that may be due sooner than the loop's current sleep (news,
        // unless its webhook is one the claims leave out: room it gets again wakes the loop).
        if (batch.some((o) => o.nextStatus === 'pending' && !this.fruitless.leavesOut(o.work.webhook_id))) this.fruitless.renew();
        if (this.starvedAll || batch.some((o) => o.nextStatus === 'pending')) this.wake();
      });
    }
  }

  private async writeBatch(batch: Outcome[]): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        await complete(this.db, batch);
        // A webhook's health changed (failing, healthy again, disabled): what publishes in this
        // process remember of its organization's webhooks is out of date, and a disabled one's
        // held work goes back to wait with its other deliveries, here and in the other processes.
        for (const o of batch) {
          if (o.webhookUpdate) this.onWebhookChange?.(o.work.organization_id);
          if (o.webhookUpdate?.kind !== 'disable') continue;
          this.releaseHeld(o.work.webhook_id);
          void this.db
            .announceChange(o.work.organization_id, o.work.webhook_id)
            .catch((e) => this.log.error({ err: e }, 'announcing a disabled webhook failed'));
        }
        return;
      } catch (e) {
        // A value the database refuses (SQLSTATE class 22, data exception) fails the statement
        // for every outcome in it: write the halves apart, so only the offending one is left out.
        // Trying the same value again is no use.
        if (/^22/.test((e as { code?: string }).code ?? '')) {
          if (batch.length === 1) return void this.log.error({ err: e, delivery: batch[0].work.id }, 'an attempt outcome the database refuses was not written');
          const half = batch.length >> 1;
          await Promise.all([this.writeBatch(batch.slice(0, half)), this.writeBatch(batch.slice(half))]);
          return;
        }
        // Unwritten outcomes are not lost work: the leases run out and the deliveries are
        // attempted again. Keep trying for a while first.
        this.log.error({ err: e, outcomes: batch.length }, 'writing attempt outcomes failed');
        if (tries >= 20 || !this.running) return;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** tries, 5000)));
      }
    }
  }

  /** Writes every outcome still pending (stopping). */
  private async flush(): Promise<void> {
    this.write();
    while (this.writers > 0 || this.pending.length) {
      await new Promise((r) => setTimeout(r, 5));
      this.write();
    }
  }
}
