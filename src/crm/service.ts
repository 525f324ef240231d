// CRM changes: each runs in one transaction with the events it emits (a transactional outbox), so
// an event exists exactly when the change committed; reads go straight to the store.
import { ApiError } from '../errors.ts';
import type { EventData, Handoff, Publisher } from '../events/publisher.ts';
import { assertEmittable } from '../events/schemas.ts';
import type { CrmReads, CrmStore } from '../store/ports.ts';
import type { CrmChange } from './store.ts';

export interface CrmOptions {
  /**
   * Check every event against the schema of its type before it is stored (outside production):
   * the tests then prove, on every CRM operation they drive, that the CRM emits only what the
   * schemas allow. Production skips the check: the types and those tests hold it there.
   */
  checkEvents: boolean;
}

export class CrmService {
  constructor(
    private readonly store: CrmStore,
    private readonly publisher: Publisher,
    private readonly opts: CrmOptions,
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
            const data: EventData = previous
              ? { object: object as Record<string, unknown>, previous_attributes: previous }
              : { object: object as Record<string, unknown> };
            if (this.opts.checkEvents) assertEmittable(type, data);
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
