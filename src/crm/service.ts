// CRM changes: each runs in one transaction with the events it emits (a transactional outbox), so
// an event exists exactly when the change committed; reads go straight to the store.
import { ApiError } from '../errors.ts';
import type { Handoff, Publisher } from '../events/publisher.ts';
import type { CrmReads, CrmStore } from '../store/ports.ts';
import type { CrmChange } from './store.ts';

export class CrmService {
  constructor(
    private readonly store: CrmStore,
    private readonly publisher: Publisher,
  ) {}

  /** The reads of lists and single objects. */
  get reads(): CrmReads {
    return this.store;
  }

  /**
   * Runs a change of an organization's CRM objects. What it emits is published in its
   * transaction; deliveries this process's worker takes are handed over once it committed.
   */
  async change<T>(org: string, fn: (c: CrmChange) => Promise<T>): Promise<T> {
    let handoffs: Handoff[] = [];
    try {
      const result = await this.store.change((tx) => {
        // The storage may run the transaction again (after a deadlock): what the failed run
        // reserved goes back first.
        for (const h of handoffs) h.abort();
        handoffs = [];
        return fn({
          tx,
          org,
          emit: async (type, object, previous) => {
            const data = previous
              ? { object: object as Record<string, unknown>, previous_attributes: previous }
              : { object: object as Record<string, unknown> };
            const { results, handoff } = await this.publisher.stage(tx.outbox, [{ organizationId: org, input: { type, data } }]);
            handoffs.push(handoff);
            if (results[0] instanceof ApiError) throw results[0];
          },
        });
      });
      for (const h of handoffs) h.commit();
      return result;
    } catch (e) {
      for (const h of handoffs) h.abort();
      throw e;
    }
  }
}
