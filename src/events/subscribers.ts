// The webhooks (with what an attempt needs: URL, secrets, health) that this process's publishes
// fan out to, per organization, kept for a second: at a steady rate of publishes that is one
// read a second instead of one more round trip in every publish. A change made in this process
// takes effect at once, one made in another process when its announcement arrives, or within a
// second (both through the WebhookChanges bus). A webhook's filter is compiled once and kept
// with it (by the stored filter's identity: rows.ts hands out one object per filter text).
import type { Outbox, Subscriber } from '../store/ports.ts';
import type { WebhookChanges } from '../webhooks/changes.ts';
import { compileFilter, type Filter, type FilterPredicate } from '../webhooks/filter.ts';

export class SubscriberCache {
  private readonly byOrg = new Map<string, { at: number; hooks: Subscriber[] }>();
  // Bumped by forget(): a load that started before a change does not keep its result.
  private readonly generation = new Map<string, number>();
  private readonly compiled = new WeakMap<Filter, FilterPredicate>();

  constructor(
    changes: WebhookChanges,
    private readonly ttlMs = 1000,
  ) {
    changes.subscribe((c) => this.forget(c.organizationId));
  }

  /** The organization's enabled webhooks, read through `outbox` (a transaction's, in one) when not known from the last second. */
  async get(outbox: Outbox, organizationId: string, now: number): Promise<Subscriber[]> {
    const hit = this.byOrg.get(organizationId);
    if (hit && now - hit.at < this.ttlMs) return hit.hooks;
    const gen = this.generation.get(organizationId) ?? 0;
    const hooks = await outbox.subscribers(organizationId, now);
    if ((this.generation.get(organizationId) ?? 0) === gen) {
      if (this.byOrg.size >= 10_000) this.byOrg.clear();
      this.byOrg.set(organizationId, { at: now, hooks });
    }
    return hooks;
  }

  /**
   * Whether a webhook takes an event beyond its type: it has no filter, or the event's payload
   * (`payload()`, parsed only when a filter needs it) matches its filter.
   */
  accepts(hook: Subscriber, payload: () => unknown): boolean {
    const filter = hook.context.filter;
    if (filter === null) return true;
    let predicate = this.compiled.get(filter);
    if (!predicate) this.compiled.set(filter, (predicate = compileFilter(filter)));
    return predicate(payload());
  }

  forget(organizationId: string): void {
    this.byOrg.delete(organizationId);
    this.generation.set(organizationId, (this.generation.get(organizationId) ?? 0) + 1);
  }
}
