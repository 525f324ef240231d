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
  // A webhook's own timeout gives its deliveries a lease of now + factor × timeout_ms + slack
  // (LEASE_FOR_TIMEOUT); without one (null × factor is null) they get leaseUntil.
  const lease = opts.timeoutLease ?? { factor: 0, slackMs: opts.leaseMs };
  return {
    now,
    windowRows,
    perWebhook,
    busy,
    except: [...(opts.except ?? [])],
    token: randomUUID(),
    leaseUntil: now + opts.leaseMs,
    leaseFactor: lease.factor,
    leaseSlack: lease.slackMs,
  };
}

/**
 * The lease end of a delivery row (`alias`) being claimed: parameters now, factor, slack, and the
 * lease end for a webhook without a timeout of its own.
 */
export function leaseForTimeout(alias: string, cast: (p: string) => string = (p) => p): string {
  return `COALESCE(${cast('?')} + ${cast('?')} * (SELECT w.timeout_ms FROM webhooks w WHERE w.organization_id = ${alias}.organization_id AND w.id = ${alias}.webhook_id) + ${cast('?')}, ${cast('?')})`;
}
