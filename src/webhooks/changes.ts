// Webhook changes travel on one typed bus. A change (URL, events, state, secrets, deletion, or
// health that disables it) is published once it committed, by whoever made it: the webhook
// service, the worker (an automatic disable), or the storage's signals for a change another
// process announced. Subscribers are explicit, passed the bus by constructor in src/app.ts:
// - what publishes remember of an organization's webhooks (events/subscribers.ts) forgets it;
// - the worker gives back what it holds of the webhook (claimed with what it was before);
// - this process tells the other processes (announce), unless the change came from one of them.

export type WebhookChangeKind = 'created' | 'updated' | 'deleted' | 'secrets' | 'health' | 'disabled';

export interface WebhookChange {
  organizationId: string;
  webhookId: string;
  kind: WebhookChangeKind;
  /** Announced by another process sharing the database. */
  remote: boolean;
}

export type WebhookChangeListener = (change: WebhookChange) => void | Promise<void>;

export class WebhookChanges {
  private readonly listeners = new Set<WebhookChangeListener>();

  subscribe(fn: WebhookChangeListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Tells every subscriber; resolves once they are done (the announcement to other processes is
   * sent before a change's answer). A subscriber's failure is its own: it does not stop the others.
   */
  async publish(change: WebhookChange): Promise<void> {
    await Promise.allSettled([...this.listeners].map(async (fn) => fn(change)));
  }
}
