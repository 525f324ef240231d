// The outcome writer: attempts' outcomes are written in batches (one statement for many
// attempts), by up to MAX_WRITERS writes at once, so writing keeps up with sending. An outcome
// counts against what the worker may hold until it is written: if writes fall behind, claiming
// slows down with them instead of piling up unwritten outcomes whose leases could run out.
import type { Logger } from 'pino';
import { RefusedValueError } from '../store/errors.ts';
import type { CompleteOptions, DeliveryStore, OutcomeRecord } from '../store/ports.ts';

const MAX_BATCH = 200;
const FLUSH_MS = 5;
const MAX_WRITERS = 3;
const MAX_WRITE_BATCH = 500;

export interface OutcomeHooks {
  /** A batch was written (its outcomes' health changes are committed). */
  written(batch: OutcomeRecord[]): void;
  /** A batch is done with, written or not. */
  settled(batch: OutcomeRecord[]): void;
  /** Whether to keep retrying a failed write (not once the worker stops). */
  running(): boolean;
  /** Where the operational events the outcomes bring are published, in their transaction (none: not published). */
  notices?(): CompleteOptions | undefined;
}

export class OutcomeWriter {
  private pending: OutcomeRecord[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private writers = 0;
  /** Outcomes not yet written (pending or being written). */
  private count = 0;

  constructor(
    private readonly store: Pick<DeliveryStore, 'complete'>,
    private readonly log: Logger,
    private readonly hooks: OutcomeHooks,
  ) {}

  unwritten(): number {
    return this.count;
  }

  enqueue(o: OutcomeRecord): void {
    this.pending.push(o);
    this.count++;
    if (this.pending.length >= MAX_BATCH) this.write();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.write(), FLUSH_MS);
  }

  private write(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    while (this.writers < MAX_WRITERS && this.pending.length) {
      const batch = this.pending.splice(0, MAX_WRITE_BATCH);
      this.writers++;
      void this.writeBatch(batch).finally(() => {
        this.writers--;
        this.count -= batch.length;
        if (this.pending.length >= MAX_BATCH) this.write();
        else if (this.pending.length && !this.flushTimer) this.flushTimer = setTimeout(() => this.write(), FLUSH_MS);
        this.hooks.settled(batch);
      });
    }
  }

  private async writeBatch(batch: OutcomeRecord[]): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        await this.store.complete(batch, this.hooks.notices?.());
        this.hooks.written(batch);
        return;
      } catch (e) {
        // A value the database refuses fails the statement for every outcome in it: write the
        // halves apart, so only the offending one is left out. Trying the same value again is no use.
        if (e instanceof RefusedValueError) {
          if (batch.length === 1) return void this.log.error({ err: e, delivery: batch[0].work.id }, 'an attempt outcome the database refuses was not written');
          const half = batch.length >> 1;
          await Promise.all([this.writeBatch(batch.slice(0, half)), this.writeBatch(batch.slice(half))]);
          return;
        }
        // Unwritten outcomes are not lost work: the leases run out and the deliveries are
        // attempted again. Keep trying for a while first.
        this.log.error({ err: e, outcomes: batch.length }, 'writing attempt outcomes failed');
        if (tries >= 20 || !this.hooks.running()) return;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** tries, 5000)));
      }
    }
  }

  /** Writes every outcome still pending (stopping). */
  async flush(): Promise<void> {
    this.write();
    while (this.writers > 0 || this.pending.length) {
      await new Promise((r) => setTimeout(r, 5));
      this.write();
    }
  }
}
