// What the worker holds and when it starts it: claimed and handed-over deliveries wait here for a
// free slot of their webhook and of the process (bounds per endpoint and in total), so that a hot
// endpoint's next attempts are at hand when one finishes, instead of a claim round trip away. It
// also keeps each webhook's pace (how long its attempts take), which bounds how much of its work
// may be held, and it is the LocalDispatch that publishes in this process hand new deliveries to.
//
// Organizations share the process fairly: when the process's bound is what is short, the free
// slots go to organizations in turn (and within one, to its webhooks in turn), and the last
// eighth of what the worker may hold is kept for new deliveries of organizations that hold little
// here, so that one organization's flood neither takes every slot nor pushes another's new
// deliveries into the queue behind it (docs/operations.md, "Fairness between organizations").
import type { ClaimedWork } from '../store/ports.ts';
import type { LocalDispatch } from './local.ts';

/** What a lease leaves, beyond the attempt itself, to write its outcome. */
export const LEASE_SLACK_MS = 5_000;
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
/** The share of maxHeld kept for organizations that hold little here (see tryReserve). */
const HEADROOM_SHARE = 8;

export interface SchedulerLimits {
  /** Attempts in flight per process, and per webhook endpoint. */
  maxConcurrency: number;
  maxPerEndpoint: number;
  deliveryTimeoutMs: number;
}

export interface SchedulerHooks {
  /** Starts an attempt (the scheduler counted it as running). */
  start(work: ClaimedWork): void;
  /** Gives work back to the queue (it waited too long, its webhook changed, or the worker stops). */
  giveBack(work: ClaimedWork[]): void;
  /** Outcomes not yet written: they count against what the worker may hold. */
  unwritten(): number;
}

export class Scheduler implements LocalDispatch {
  /** Whether work is taken (the worker runs). */
  accepting = false;
  private inflight = 0;
  /** Attempts running, per webhook. */
  private readonly perEndpoint = new Map<string, number>();
  /** Claimed attempts waiting for a slot of their webhook (or of the process), per webhook. */
  private readonly waiting = new Map<string, ClaimedWork[]>();
  /**
   * The same lists per organization: the map's order is the organizations' turn, and each inner
   * map's order its webhooks' turn (one that got slots goes to the back).
   */
  private readonly turns = new Map<string, Map<string, ClaimedWork[]>>();
  /** New deliveries reserved by a publish in this process, not yet handed over. */
  private readonly reserved = new Map<string, number>();
  /** Per organization: its work waiting here or reserved (not running). */
  private readonly heldByOrg = new Map<string, number>();
  private held = 0;
  /** Body length (UTF-16 units: about bytes, for JSON) of the work in `waiting`. */
  private waitingBytes = 0;
  /** Webhooks paused until a time (epoch ms): waiting for a rate-limit token, or asked to by a 429's Retry-After. */
  private readonly pausedUntil = new Map<string, number>();
  private pauseTimer: NodeJS.Timeout | null = null;
  private pauseTimerAt = Infinity;
  /** Recent attempt duration (moving average, ms) per webhook, and when it was last updated. */
  private readonly pace = new Map<string, { ms: number; at: number }>();
  /** What the worker holds at most (running, waiting, reserved or unwritten) in all. */
  readonly maxHeld: number;
  /** The part of maxHeld that claims leave, and organizations holding much here do not take (see tryReserve). */
  readonly headroom: number;
  /** Per webhook: MIN_HOLD_ROUNDS of attempts, more for a webhook whose attempts are quick (see holdBound). */
  readonly minHeldPerWebhook: number;
  /**
   * Longer than a held attempt can take, so a live worker keeps its lease: held work may wait up
   * to the timeout for a slot (pump() gives back what waited longer), then runs (bounded by the
   * timeout too), and its outcome has LEASE_SLACK_MS to be written.
   */
  readonly leaseMs: number;

  constructor(
    private readonly limits: SchedulerLimits,
    private readonly hooks: SchedulerHooks,
  ) {
    this.maxHeld = MAX_HELD_PER_SLOT * limits.maxConcurrency;
    this.headroom = Math.max(1, Math.floor(this.maxHeld / HEADROOM_SHARE));
    this.minHeldPerWebhook = MIN_HOLD_ROUNDS * limits.maxPerEndpoint;
    this.leaseMs = this.leaseFor(null);
  }

  /** The lease of work whose webhook has this timeout of its own (null: the service's); see ClaimOptions.timeoutLease. */
  leaseFor(timeoutMs: number | null): number {
    return 2 * (timeoutMs ?? this.limits.deliveryTimeoutMs) + LEASE_SLACK_MS;
  }

  /** The attempts of this work's webhook that may run at once: its max_in_flight, or the service's bound. */
  private boundOf(work: ClaimedWork): number {
    return Math.min(work.max_in_flight ?? this.limits.maxPerEndpoint, this.limits.maxPerEndpoint);
  }

  /**
   * Puts work that was started but may not go out yet back at the head of its webhook's line, and
   * pauses the webhook here until `until` (a rate-limit token is due then, or the endpoint asked
   * to wait). Its slot is freed by finished(), as for any attempt.
   */
  defer(work: ClaimedWork, until: number): void {
    // Stopping: it goes back to the queue instead (nothing starts it here any more).
    if (!this.accepting) return this.hooks.giveBack([work]);
    this.listOf(work).unshift(work);
    this.counted(work, 1);
    this.pause(work.webhook_id, until);
  }

  /** Starts nothing more of a webhook here before `until`. */
  pause(webhookId: string, until: number): void {
    if ((this.pausedUntil.get(webhookId) ?? 0) >= until) return;
    this.pausedUntil.set(webhookId, until);
    this.pumpAt(until);
  }

  /** Webhooks paused now: claims leave them out. */
  pausedWebhooks(): string[] {
    const now = Date.now();
    return [...this.pausedUntil.keys()].filter((hook) => this.paused(hook, now));
  }

  /** Pumps at this time (the earliest asked for wins), when a pause ends. */
  private pumpAt(until: number): void {
    if (until < this.pauseTimerAt) {
      if (this.pauseTimer) clearTimeout(this.pauseTimer);
      this.pauseTimerAt = until;
      this.pauseTimer = setTimeout(
        () => {
          this.pauseTimer = null;
          this.pauseTimerAt = Infinity;
          this.pump();
        },
        Math.max(1, until - Date.now()),
      );
      this.pauseTimer.unref?.();
    }
  }

  /** Whether a webhook is paused now (see pause). */
  private paused(webhookId: string, now: number): boolean {
    const until = this.pausedUntil.get(webhookId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.pausedUntil.delete(webhookId);
    return false;
  }

  /** Attempts running, waiting or reserved here, and outcomes not yet written. */
  occupied(): number {
    return this.inflight + this.held + this.hooks.unwritten();
  }

  /** What a claim may take now: it leaves the headroom to the fast path (see tryReserve). */
  claimRoom(): number {
    return this.maxHeld - this.headroom - this.occupied();
  }

  /** Whether waiting payloads are at their bound (no claim, no new work taken). */
  payloadsFull(): boolean {
    return this.waitingBytes >= MAX_WAITING_BYTES;
  }

  /** Attempts of a webhook running, waiting or reserved here. */
  holding(webhookId: string): number {
    return (this.perEndpoint.get(webhookId) ?? 0) + (this.waiting.get(webhookId)?.length ?? 0) + (this.reserved.get(webhookId) ?? 0);
  }

  /**
   * How much of a webhook's work this worker may hold. Held work must start while its lease
   * allows (within the timeout of being claimed): a webhook whose recent attempts took d ms
   * starts about maxPerEndpoint attempts every d ms, so it may hold 1 + timeout / d rounds of
   * them, from MIN_HOLD_ROUNDS (a slow or unknown endpoint) to MAX_HOLD_ROUNDS (a quick one: its
   * next attempts are at hand instead of a claim away, and new deliveries skip the claim).
   */
  holdBound(webhookId: string): number {
    const p = this.pace.get(webhookId);
    if (!p || Date.now() - p.at > PACE_TTL_MS) return this.minHeldPerWebhook;
    const rounds = 1 + Math.floor(this.limits.deliveryTimeoutMs / Math.max(1, p.ms));
    return Math.min(MAX_HOLD_ROUNDS, Math.max(MIN_HOLD_ROUNDS, rounds)) * this.limits.maxPerEndpoint;
  }

  /**
   * For a claim: what each webhook holds here, less the room its hold bound has beyond the
   * claim's uniform minHeldPerWebhook (so a quick webhook's count can be negative).
   */
  busy(): Map<string, number> {
    const busy = new Map<string, number>();
    for (const hook of [...this.perEndpoint.keys(), ...this.waiting.keys(), ...this.reserved.keys(), ...this.pace.keys()]) {
      if (busy.has(hook)) continue;
      const n = this.holding(hook) - (this.holdBound(hook) - this.minHeldPerWebhook);
      if (n !== 0) busy.set(hook, n);
    }
    return busy;
  }

  recordPace(webhookId: string, ms: number): void {
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

  // LocalDispatch: what fits in what the worker may hold is stored leased to it and handed over
  // after the commit.
  // The headroom (the last eighth of maxHeld, which claims leave too) takes only deliveries of an
  // organization holding fewer than maxPerEndpoint here: a flooding organization's publishes stop
  // short of it, and another's new deliveries still start here instead of queueing in the
  // database behind the flood (a claim takes due work oldest first, whatever its organization).
  tryReserve(organizationId: string, webhookId: string): boolean {
    if (!this.accepting || this.payloadsFull()) return false;
    const occupied = this.occupied();
    if (occupied >= this.maxHeld) return false;
    if (occupied >= this.maxHeld - this.headroom && (this.heldByOrg.get(organizationId) ?? 0) >= this.limits.maxPerEndpoint) return false;
    if (this.holding(webhookId) >= this.holdBound(webhookId)) return false;
    this.reserved.set(webhookId, (this.reserved.get(webhookId) ?? 0) + 1);
    this.heldByOrg.set(organizationId, (this.heldByOrg.get(organizationId) ?? 0) + 1);
    this.held++;
    return true;
  }

  unreserve(organizationId: string, webhookId: string): void {
    const n = (this.reserved.get(webhookId) ?? 1) - 1;
    if (n <= 0) this.reserved.delete(webhookId);
    else this.reserved.set(webhookId, n);
    this.countOrg(organizationId, -1);
    this.held--;
  }

  adopt(work: ClaimedWork[]): void {
    for (const w of work) {
      this.unreserve(w.organization_id, w.webhook_id);
      this.hold(w);
    }
    // Stopping: whatever was not started goes back to the queue (the worker's stop() gives back the rest).
    if (this.accepting) this.pump();
    else {
      const unstarted = this.takeWaiting(this.waitingWebhooks());
      if (unstarted.length) this.hooks.giveBack(unstarted);
    }
  }

  /** Holds claimed work until its webhook has a free slot (see pump). */
  hold(work: ClaimedWork): void {
    this.listOf(work).push(work);
    this.counted(work, 1);
  }

  /** The waiting list of a work's webhook, made (at the back of its organization's turn) when it has none. */
  private listOf(work: ClaimedWork): ClaimedWork[] {
    let list = this.waiting.get(work.webhook_id);
    if (!list) {
      list = [];
      this.waiting.set(work.webhook_id, list);
      let hooks = this.turns.get(work.organization_id);
      if (!hooks) this.turns.set(work.organization_id, (hooks = new Map()));
      hooks.set(work.webhook_id, list);
    }
    return list;
  }

  /** Forgets a webhook's (empty or taken) waiting list. */
  private dropList(organizationId: string, webhookId: string): void {
    this.waiting.delete(webhookId);
    const hooks = this.turns.get(organizationId);
    hooks?.delete(webhookId);
    if (hooks && !hooks.size) this.turns.delete(organizationId);
  }

  private countOrg(organizationId: string, n: number): void {
    const v = (this.heldByOrg.get(organizationId) ?? 0) + n;
    if (v > 0) this.heldByOrg.set(organizationId, v);
    else this.heldByOrg.delete(organizationId);
  }

  /** Counts work in (1) or out (-1) of `waiting`. */
  private counted(work: ClaimedWork, n: 1 | -1): void {
    this.held += n;
    this.waitingBytes += n * work.body.length;
    this.countOrg(work.organization_id, n);
  }

  /** Counts out work its caller took out of `waiting` (to start it or to give it back). */
  private unhold(work: ClaimedWork): void {
    this.counted(work, -1);
  }

  /** Takes these webhooks' work out of `waiting`, counted out. */
  takeWaiting(webhookIds: string[]): ClaimedWork[] {
    const out: ClaimedWork[] = [];
    for (const hook of webhookIds) {
      const list = this.waiting.get(hook);
      if (!list) continue;
      for (const w of list) {
        this.unhold(w);
        out.push(w);
      }
      this.dropList(list[0]?.organization_id ?? this.orgOfList(hook), hook);
    }
    return out;
  }

  /** The organization whose turns hold a webhook's (empty) list. */
  private orgOfList(webhookId: string): string {
    for (const [org, hooks] of this.turns) if (hooks.has(webhookId)) return org;
    return '';
  }

  /** Every webhook with work waiting. */
  waitingWebhooks(): string[] {
    return [...this.waiting.keys()];
  }

  /** Work given back is counted as held until its release is written. */
  holdWhileReleasing(n: number): void {
    this.held += n;
  }

  /**
   * Starts held attempts while their webhooks and the process have free slots. The organizations
   * take turns, and within one its webhooks: one that got slots goes to the back of its line, so
   * when the process's bound is what is short, each organization with work waiting gets the next
   * free slot in turn, however many webhooks and deliveries another one has. Held work whose
   * lease would run out before an attempt and its write could end (it waited longer than the
   * timeout: its endpoint slowed down) is not started but given back to the queue, so no attempt
   * runs while another worker may take the same delivery.
   */
  pump(): void {
    const now = Date.now();
    let late: ClaimedWork[] | null = null;
    let nextPause = Infinity;
    const servedOrgs: string[] = [];
    for (const [org, hooks] of this.turns) {
      const servedHooks: string[] = [];
      let orgStarted = 0;
      for (const [hook, list] of hooks) {
        let started = 0;
        if (this.paused(hook, now)) {
          // It waits for its pause to end, but what could not start then under its lease goes back now.
          const resume = this.pausedUntil.get(hook)!;
          while (list.length && list[0].lease_until < resume + (list[0].timeout_ms ?? this.limits.deliveryTimeoutMs) + LEASE_SLACK_MS) {
            const work = list.shift()!;
            this.unhold(work);
            (late ??= []).push(work);
          }
          if (!list.length) this.dropList(org, hook);
          nextPause = Math.min(nextPause, resume);
          continue;
        }
        while (list.length && this.inflight < this.limits.maxConcurrency && (this.perEndpoint.get(hook) ?? 0) < this.boundOf(list[0])) {
          const work = list.shift()!;
          this.unhold(work);
          if (work.lease_until < now + (work.timeout_ms ?? this.limits.deliveryTimeoutMs) + LEASE_SLACK_MS) {
            (late ??= []).push(work);
            continue;
          }
          started++;
          this.inflight++;
          this.perEndpoint.set(hook, (this.perEndpoint.get(hook) ?? 0) + 1);
          this.hooks.start(work);
        }
        orgStarted += started;
        if (!list.length) this.dropList(org, hook);
        else if (started) servedHooks.push(hook);
        if (this.inflight >= this.limits.maxConcurrency) break;
      }
      // Moved after the loop: a Map visits again what is set while it is being iterated.
      for (const hook of servedHooks) {
        const list = hooks.get(hook)!;
        hooks.delete(hook);
        hooks.set(hook, list);
      }
      if (orgStarted) servedOrgs.push(org);
      if (this.inflight >= this.limits.maxConcurrency) break;
    }
    for (const org of servedOrgs) {
      const hooks = this.turns.get(org);
      if (!hooks) continue;
      this.turns.delete(org);
      this.turns.set(org, hooks);
    }
    if (nextPause < Infinity) this.pumpAt(nextPause);
    if (late) this.hooks.giveBack(late);
  }

  /** An attempt started by pump() ended (its outcome is with the writer). */
  finished(work: ClaimedWork): void {
    this.inflight--;
    const n = (this.perEndpoint.get(work.webhook_id) ?? 1) - 1;
    if (n <= 0) this.perEndpoint.delete(work.webhook_id);
    else this.perEndpoint.set(work.webhook_id, n);
  }

  /** Attempts running now. */
  running(): number {
    return this.inflight;
  }
}
