// The claim loop: claim due deliveries up to what the worker may hold, hand them to the scheduler
// (which starts each attempt when its webhook and the process have a free slot), decide each
// outcome by the delivery policy and have the outcome writer write them back in batches. It
// sleeps until the next delivery is due and wakes at once when new work is committed (the
// storage's signals: LISTEN/NOTIFY on PostgreSQL, an in-process signal on SQLite).
//
//   claim (DeliveryStore.claim) -> Scheduler.hold -> pump -> runAttempt (sign, POST)
//     -> decide (policy.ts) -> OutcomeWriter -> DeliveryStore.complete
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { ClaimedWork, CompleteOptions, DeliveryStore, OutcomeRecord, RateLimits, Signals } from '../store/ports.ts';
import { isOperationalType } from '../catalog.ts';
import type { WebhookChanges } from '../webhooks/changes.ts';
import { newId } from '../ids.ts';
import { runAttempt } from './attempt.ts';
import { FruitlessClaims } from './fruitless.ts';
import { OutcomeWriter } from './outcomes.ts';
import { decide, webhookPolicy, type DeliveryPolicy } from './policy.ts';
import { LEASE_SLACK_MS, Scheduler } from './scheduler.ts';
import { Sender } from './sender.ts';
import { SecretCipher } from '../secret-cipher.ts';
import { compactRequestHeaders } from './signer.ts';

const MAX_BATCH = 200;
const IDLE_POLL_MS = 1000;
const EMPTY_CLAIM_GAP_MS = 5;
/** A 429's Retry-After pauses its endpoint in this process for at most this long (its delivery waits the whole Retry-After). */
const MAX_THROTTLE_PAUSE_MS = 5 * 60_000;

/** The webhooks a claim leaves out: those holding `perWebhook` or more (see ClaimOptions.busy). */
export function atBound(busy: Iterable<[string, number]>, perWebhook: number): string[] {
  return [...busy].filter(([, n]) => n >= perWebhook).map(([id]) => id);
}

export class Worker {
  private running = false;
  /** The last claim left due work behind: a finished attempt should trigger the next claim… */
  private starvedAll = true;
  /** …or, for these webhooks (at their bound), one that leaves half their room free. */
  private readonly starvedHooks = new Set<string>();
  /** Claims that found nothing beyond the webhooks at their bound, not to be repeated without news. */
  private readonly fruitless = new FruitlessClaims();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private loop: Promise<void> | null = null;
  private unsubscribe: Array<() => void> = [];
  private readonly sender: Sender;
  /** Opens signing secrets stored encrypted. */
  private readonly cipher: SecretCipher;
  private readonly claimThreshold: number;
  /** Where publishes in this process hand their new deliveries over (LocalDispatch). */
  readonly scheduler: Scheduler;
  private readonly writer: OutcomeWriter;
  private readonly policy: DeliveryPolicy;
  /** Where the operational events that outcomes bring are published (set once the publisher exists). */
  operational: CompleteOptions | undefined;

  constructor(
    private readonly queue: DeliveryStore,
    private readonly signals: Pick<Signals, 'onWork'>,
    private readonly changes: WebhookChanges,
    private readonly config: Config,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    /** Where rate-limited webhooks take their tokens (shared by every process); without it, rate_limit is not applied. */
    private readonly rates: RateLimits | null = null,
  ) {
    // undici pools connections per origin, and many webhooks can share one origin (one SaaS
    // receiver host, different paths): sized to the per-endpoint bound, one hanging webhook would
    // hold every socket of its origin and stall the healthy ones. The worker's own bounds (per
    // webhook and in total) decide how many attempts run; the pool only must not be tighter.
    this.cipher = new SecretCipher(config.encryptionKeys);
    this.sender = new Sender({ allowPrivateUrls: config.allowPrivateUrls, timeoutMs: config.deliveryTimeoutMs, connections: config.maxConcurrency });
    this.claimThreshold = Math.min(MAX_BATCH, Math.max(1, Math.floor(config.maxConcurrency / 2)));
    this.policy = { retrySchedule: config.retrySchedule, disableAfterMs: config.disableAfterMs };
    this.scheduler = new Scheduler(config, {
      start: (work) => this.dispatch(work),
      giveBack: (work) => this.giveBack(work),
      unwritten: () => this.writer.unwritten(),
    });
    this.writer = new OutcomeWriter(queue, log, {
      written: (batch) => this.written(batch),
      settled: (batch) => this.settled(batch),
      running: () => this.running,
      notices: () => this.operational,
    });
  }

  get leaseMs(): number {
    return this.scheduler.leaseMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduler.accepting = true;
    this.unsubscribe = [
      this.signals.onWork((about) => this.onWork(about)),
      // A webhook changed (URL, events, state, secrets, deletion), here or in another process:
      // what is held for it was claimed with what it was before, and is claimed again as it is
      // now (not at all while it is disabled). Attempts already under way finish.
      this.changes.subscribe((c) => {
        if (c.kind !== 'created' && c.kind !== 'health') this.releaseHeld(c.webhookId);
      }),
    ];
    this.loop = this.run();
  }

  /** Stops claiming, lets in-flight attempts finish, and writes their outcomes. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.scheduler.accepting = false;
    for (const u of this.unsubscribe) u();
    this.wake();
    await this.loop;
    // Held attempts that never started go back to the queue now, not when their leases run out.
    const unstarted = this.scheduler.takeWaiting(this.scheduler.waitingWebhooks());
    if (unstarted.length) await this.queue.release(unstarted).catch((e) => this.log.error({ err: e }, 'releasing held deliveries failed'));
    while (this.scheduler.running() > 0) await new Promise((r) => setTimeout(r, 10));
    await this.writer.flush();
    await this.sender.close();
  }

  // New work was queued. When it is only for webhooks that have no room here (the last claim left
  // them behind, and they still hold more than half of it), a claim now would find nothing to
  // take: a finished attempt of theirs wakes the loop instead.
  private onWork(about: string[]): void {
    this.fruitless.announced(about);
    if (about.length && !this.starvedAll && about.every((id) => this.starvedHooks.has(id) && this.scheduler.holding(id) > this.config.maxPerEndpoint)) return;
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
    const s = this.scheduler;
    while (this.running) {
      this.woken = false;
      try {
        // Claimed work is held (running, or waiting for a slot of its webhook) up to maxHeld in
        // all and holdBound per webhook: a hot endpoint's next attempts are at hand when one
        // finishes, instead of a claim round trip away.
        // (Less the headroom the fast path keeps for organizations that hold little here.)
        const free = s.claimRoom();
        // Under load, claim in batches: wait until a quarter of the slots are free rather than
        // paying a claim round trip for every attempt that finishes.
        if (free <= 0 || (s.occupied() > 0 && free < this.claimThreshold) || s.payloadsFull()) {
          this.starvedAll = true;
          await this.sleep(IDLE_POLL_MS);
          continue;
        }
        const limit = Math.min(free, MAX_BATCH);
        const busy = s.busy();
        // Left out too: webhooks paused here (a rate limit, a 429), whose work would only be given back.
        const except = [...atBound(busy, s.minHeldPerWebhook), ...s.pausedWebhooks()];
        const wait = this.fruitless.wait(except);
        if (wait !== null) {
          // The webhooks with room now are among those the last claim found nothing due for.
          await this.sleep(Math.min(wait, IDLE_POLL_MS));
          continue;
        }
        const ticket = this.fruitless.start(except);
        const work = await this.queue.claim({
          limit,
          leaseMs: s.leaseMs,
          timeoutLease: { factor: 2, slackMs: LEASE_SLACK_MS },
          busy,
          except,
          perWebhook: s.minHeldPerWebhook,
        });
        failures = 0;
        for (const w of work) s.hold(w);
        // Was anything due left behind? A full batch: every finished attempt is a reason to claim
        // again. A webhook at its bound: once half of what it holds has run. Otherwise only new
        // work (NOTIFY), a retry coming due, or the poll is.
        this.starvedAll = work.length === limit;
        this.starvedHooks.clear();
        for (const [hook, n] of busy) if (n >= s.minHeldPerWebhook) this.starvedHooks.add(hook);
        for (const w of work) if (s.holding(w.webhook_id) >= s.holdBound(w.webhook_id)) this.starvedHooks.add(w.webhook_id);
        s.pump();
        if (work.length === limit) continue; // probably more due right now
        // Nothing claimable (its webhooks are at their bounds): new work arriving for them must
        // not turn into a claim per publish, so the next claim waits a little.
        if (!work.length && this.starvedHooks.size) await new Promise((r) => setTimeout(r, EMPTY_CLAIM_GAP_MS));
        const fruitless = !work.length && except.length > 0 && this.fruitless.quiet(ticket);
        if (this.woken && !fruitless) continue;
        const now = Date.now();
        const next = await this.queue.nextDueAt(now, except);
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

  /** Gives back the work held for a webhook (see start()). */
  releaseHeld(webhookId: string): void {
    const list = this.scheduler.takeWaiting([webhookId]);
    if (list.length) this.giveBack(list);
  }

  private giveBack(late: ClaimedWork[]): void {
    this.scheduler.holdWhileReleasing(late.length);
    void this.queue
      .release(late)
      .catch((e) => this.log.error({ err: e, deliveries: late.length }, 'giving back held deliveries failed; their leases run out instead'))
      .finally(() => {
        this.scheduler.holdWhileReleasing(-late.length);
        this.fruitless.renew();
        this.wake();
      });
  }

  private dispatch(work: ClaimedWork): void {
    void this.attempt(work)
      .catch((e) => this.log.error({ err: e, delivery: work.id }, 'attempt failed unexpectedly'))
      .finally(() => {
        this.scheduler.finished(work);
        this.scheduler.pump();
        if (this.starvedAll || (this.starvedHooks.has(work.webhook_id) && this.scheduler.holding(work.webhook_id) <= this.config.maxPerEndpoint)) this.wake();
      });
  }

  private async attempt(work: ClaimedWork): Promise<void> {
    if (work.rate_limit !== null && this.rates) {
      // Burst = rate: a second's worth at once, then evenly spread. No token: the delivery waits
      // here (its attempt is not made, nor counted) and the webhook pauses until one is due.
      const due = await this.rates
        .take(work.organization_id, work.webhook_id, work.rate_limit, work.rate_limit, Date.now())
        .catch((e: unknown) => (this.log.error({ err: e, webhook: work.webhook_id }, 'taking a rate-limit token failed; waiting a second'), Date.now() + 1000));
      if (due !== null) {
        this.scheduler.defer(work, due);
        return;
      }
    }
    const { attemptNumber, startedAt, requestHeaders, result } = await runAttempt(this.sender, work, this.cipher);
    this.scheduler.recordPace(work.webhook_id, result.durationMs);
    const decision = decide(attemptNumber, work, result, webhookPolicy(this.policy, work), startedAt, Date.now());
    // A delivery of an operational event neither counts towards its webhook's health nor brings
    // operational events (a failing receiver of delivery.exhausted must not make more of them).
    const quiet = isOperationalType(work.event_type);
    // The endpoint asked to slow down: nothing more of it starts here until then (at most MAX_THROTTLE_PAUSE_MS).
    if (result.errorClass === 'throttled' && result.retryAfterMs !== null)
      this.scheduler.pause(work.webhook_id, Date.now() + Math.min(result.retryAfterMs, MAX_THROTTLE_PAUSE_MS));
    const ok = result.errorClass === null;
    this.metrics.attemptDuration.observe({ outcome: ok ? 'success' : 'failure' }, result.durationMs / 1000);
    this.metrics.attempts.inc({ outcome: ok ? 'success' : (result.errorClass ?? 'failure') });
    if (decision.status !== 'pending') this.metrics.deliveries.inc({ status: decision.status });
    if (!ok)
      this.log.info(
        { delivery: work.id, webhook: work.webhook_id, attempt: attemptNumber, error_class: result.errorClass, status: result.status },
        'delivery attempt failed',
      );
    this.writer.enqueue({
      work,
      attempt: {
        id: newId('att', startedAt),
        attempt_number: attemptNumber,
        trigger: work.next_trigger,
        started_at: startedAt,
        duration_ms: result.durationMs,
        // The five headers the delivery, the number and the signature determine are rebuilt when read.
        request_headers: compactRequestHeaders(requestHeaders, { eventId: work.event_id, eventType: work.event_type, attempt: attemptNumber }),
        response_status: result.status,
        response_headers: result.headers,
        response_body: result.body,
        error_class: result.errorClass,
        error_message: result.errorMessage,
      },
      status: decision.status,
      next_attempt_at: decision.nextAttemptAt,
      health: quiet ? null : decision.health,
      throttled_count: decision.throttledCount,
      quiet,
    });
  }

  // A webhook's health changed (failing, healthy again, disabled): what publishes remember of its
  // organization's webhooks is out of date, and a disabled one's held work goes back to wait with
  // its other deliveries, here and in the other processes.
  private written(batch: OutcomeRecord[]): void {
    for (const o of batch) {
      if (!o.health) continue;
      const kind = o.health.kind === 'disable' ? 'disabled' : 'health';
      void this.changes.publish({ organizationId: o.work.organization_id, webhookId: o.work.webhook_id, kind, remote: false });
    }
  }

  private settled(batch: OutcomeRecord[]): void {
    // Room to hold more, or a retry that may be due sooner than the loop's current sleep (news,
    // unless its webhook is one the claims leave out: room it gets again wakes the loop).
    if (batch.some((o) => o.status === 'pending' && !this.fruitless.leavesOut(o.work.webhook_id))) this.fruitless.renew();
    // An ordered delivery that ended lets the next one of its object go: claim it now, not at the next poll.
    const released = batch.some((o) => Boolean(o.work.ordering_key) && o.status !== 'pending');
    if (released) this.fruitless.renew();
    if (this.starvedAll || released || batch.some((o) => o.status === 'pending')) this.wake();
  }
}
