// The parameters both backends' claims share.
import { randomUUID } from 'node:crypto';
import type { ClaimOptions } from '../ports.ts';

export function claimParams(opts: ClaimOptions) {
  const now = opts.now ?? Date.now();
  // Twice the limit: the per-webhook bound leaves most of the window to the batch (10 webhooks of
  // 64: 400 rows give 200), and each row read costs a heap visit and a webhook check. Four times
  // had read 800 rows for 200: claims of 200 from a 1,000,000-row backlog took 19.4 ms (p50)
  // instead of 15.1 (three alternating sets of 25 each way).
  const windowRows = Math.min(Math.max(opts.limit * 2, 100), 2000);
  const perWebhook = opts.perWebhook ?? opts.limit;
  const busy = [...(opts.busy ?? [])];
  return { now, windowRows, perWebhook, busy, except: [...(opts.except ?? [])], token: randomUUID(), leaseUntil: now + opts.leaseMs };
}
