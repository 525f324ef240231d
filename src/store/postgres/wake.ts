// Wake-ups for what this process's publishes queue (deliveries its own worker did not take).
// NOTIFY serializes commits: PostgreSQL holds a global lock from a transaction's first
// notification until after its commit is flushed, so notifying transactions commit one at a time.
// A publish that named its webhooks in every statement made every publish wait for the one
// before it whenever one endpoint was too slow for the fast path (a hanging endpoint: about one
// publish in ten of its events). So within a window, only the first publish names its webhooks
// in its own statement; those of the later ones are named together by one NOTIFY when the window
// ends (after their commits), which opens the next window. At most one notifying commit per
// window from this process, and queued work is announced at most a window late (workers also
// poll every second).
export class WakeThrottle {
  private windowEndsAt = 0;
  private readonly deferred = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly notify: (about: string[]) => Promise<void>,
    private readonly onError: (e: unknown) => void,
    readonly windowMs = 20,
  ) {}

  /** Whether a publish that queues work now names its webhooks itself (and opens a window). */
  lead(now = Date.now()): boolean {
    if (now < this.windowEndsAt) return false;
    this.windowEndsAt = now + this.windowMs;
    return true;
  }

  /** The webhooks of a committed publish that did not lead: named when the window ends. */
  defer(hooks: Iterable<string>): void {
    for (const h of hooks) this.deferred.add(h);
    if (this.timer || !this.deferred.size) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.windowEndsAt - Date.now()));
  }

  private flush(): void {
    this.windowEndsAt = Date.now() + this.windowMs;
    void this.notifyDeferred();
  }

  /** Stopping: names what is deferred now. */
  async close(): Promise<void> {
    if (this.timer) await this.notifyDeferred();
  }

  private async notifyDeferred(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const about = [...this.deferred];
    this.deferred.clear();
    await this.notify(about).catch(this.onError);
  }
}
