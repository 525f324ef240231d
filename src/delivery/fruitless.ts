// A claim that finds nothing due beyond the webhooks it leaves out (those at their bound) reads
// every due row of theirs to learn it: with a pile of them at the head of the due index (a
// backlog, a hanging endpoint's share) that is the whole pile, 1,000,000 rows and 0.3-1 s of
// PostgreSQL once a second while draining a backlog. The worker remembers such a claim here, and
// claims that could only repeat it wait for news: new work announced for another webhook, work
// given back, a retry of another webhook, the next due time of another webhook, or at most
// RECHECK_MS.

/** How long a fruitless claim's finding is trusted without news. */
export const RECHECK_MS = 10_000;

export class FruitlessClaims {
  /** The last fruitless claim: the webhooks it left out, and until when its finding holds. */
  private last: { except: Set<string>; until: number } | null = null;
  /** Counts the news that ends `last` (some may come while a claim runs). */
  private news = 0;
  /** The webhooks the claim under way leaves out, with those of `last`. */
  private leftOut = new Set<string>();

  /**
   * Whether a claim leaving out `except` now could only repeat the last fruitless one: how long to
   * wait before looking again (null: claim).
   */
  wait(except: readonly string[], now = Date.now()): number | null {
    if (this.last && now >= this.last.until) this.last = null;
    if (!this.last || ![...this.last.except].every((hook) => except.includes(hook))) return null;
    return this.last.until - now;
  }

  /**
   * A claim leaving out `except` starts. The last fruitless claim's finding (nothing due beyond
   * its webhooks) still holds for one that claims for a webhook with room again, unless there is
   * news meanwhile. Returns what `found` needs.
   */
  start(except: readonly string[]): number {
    this.leftOut = new Set([...except, ...(this.last?.except ?? [])]);
    return this.news;
  }

  /** Whether nothing happened since `start` answered `ticket` that the claim could not have seen. */
  quiet(ticket: number): boolean {
    return ticket === this.news;
  }

  /** The claim of `ticket` found nothing: trust that until `until` (the next due time, or RECHECK_MS). */
  found(ticket: number, next: number | null, now = Date.now()): void {
    if (this.quiet(ticket)) this.last = { except: this.leftOut, until: Math.min(next ?? Infinity, now + RECHECK_MS) };
  }

  /** Whether claims leave this webhook out (its news is none). */
  leavesOut(webhookId: string): boolean {
    return this.leftOut.has(webhookId);
  }

  /** New work was announced for these webhooks ([]: for any). */
  announced(about: readonly string[]): void {
    if (!about.length || !about.every((id) => this.leftOut.has(id))) this.renew();
  }

  /** Something may be due that the last fruitless claim did not see. */
  renew(): void {
    this.news++;
    this.last = null;
  }
}
