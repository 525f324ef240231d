// Stands for your job queue (BullMQ, SQS, a database table) in these examples: a handler puts the
// event here and answers at once, and your worker processes it later.
import type { SalesOSEvent } from '@salesos/webhooks';

export const queue = {
  events: [] as SalesOSEvent[],
  async add(event: SalesOSEvent): Promise<void> {
    this.events.push(event);
  },
};
