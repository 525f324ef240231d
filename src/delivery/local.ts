// The local fast path: publishes in this process offer their new deliveries to this process's
// worker; each one it reserves is stored already leased to it and handed over once committed,
// with no claim in between (see events/publisher.ts and delivery/scheduler.ts).
import type { ClaimedWork } from '../store/ports.ts';

export interface LocalDispatch {
  /** How long what the worker takes is leased to it… */
  readonly leaseMs: number;
  /** …when its webhook has a timeout of its own (null: leaseMs). */
  leaseFor(timeoutMs: number | null): number;
  /** Reserves room for one new delivery of a webhook (of an organization); false when there is none. */
  tryReserve(organizationId: string, webhookId: string): boolean;
  /** Gives a reservation back (its publish failed, or stored nothing). */
  unreserve(organizationId: string, webhookId: string): void;
  /** Hands over reserved deliveries once their publish committed. */
  adopt(work: ClaimedWork[]): void;
}
