// Idempotency keys, as Stripe has them (docs/idempotency.md): a creating request sent with an
// `Idempotency-Key` runs once; a repeat with the same key and the same request answers what the
// first one answered; the same key with another request is a conflict. Keys are per organization
// and kept 24 hours. A repeat that arrives while the first request still runs waits for its answer
// (up to `waitMs`, then a 409 idempotency_in_progress), so concurrent repeats all answer alike.
import { createHash } from 'node:crypto';
import { ApiError } from '../errors.ts';
import type { IdempotencyRecord, IdempotencyStore } from '../store/ports.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface IdempotencyOptions {
  ttlMs: number;
  /** A request holding a key this long without answering is taken to have died: its key is free. */
  lockMs: number;
  /** How long a repeat waits for the first request's answer. */
  waitMs: number;
  pollMs: number;
}

const DEFAULTS: IdempotencyOptions = { ttlMs: IDEMPOTENCY_TTL_MS, lockMs: 60_000, waitMs: 10_000, pollMs: 25 };

/** JSON with object keys sorted: equal for equal data, whatever the order of its keys. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What a request is, for comparing a repeat with the first use of its key. */
export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body ?? {})}`)
    .digest('base64url');
}

/** The key is this request's: it answers, then the answer is kept (or the key freed). */
export interface Held {
  kind: 'held';
  finish(status: number, body: string): Promise<void>;
  release(): Promise<void>;
}
/** An earlier request with this key answered: answer the same. */
export interface Replay {
  kind: 'replay';
  status: number;
  body: string;
}

export class IdempotencyService {
  private readonly opts: IdempotencyOptions;

  constructor(
    private readonly store: IdempotencyStore,
    opts: Partial<IdempotencyOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Takes the key for a request, or answers what its first use answered. */
  async claim(organizationId: string, key: string, request: { method: string; path: string; body: unknown }): Promise<Held | Replay> {
    const fp = fingerprint(request.method, request.path, request.body);
    const deadline = Date.now() + this.opts.waitMs;
    for (;;) {
      const now = Date.now();
      const begun = await this.store.begin(organizationId, key, fp, now, { createdBefore: now - this.opts.ttlMs, lockedBefore: now - this.opts.lockMs });
      if (begun.started) {
        return {
          kind: 'held',
          finish: (status, body) => this.store.finish(organizationId, key, fp, status, body),
          release: () => this.store.release(organizationId, key, fp),
        };
      }
      const record: IdempotencyRecord = begun.record;
      if (record.fingerprint !== fp) {
        throw new ApiError(409, 'idempotency_conflict', `The Idempotency-Key ${key} was already used with another request; use a new key for a new request`, [
          { field: 'headers.idempotency-key', message: 'used with another method, path or body' },
        ]);
      }
      if (record.status !== null) return { kind: 'replay', status: record.status, body: record.response ?? '' };
      if (Date.now() >= deadline) {
        throw new ApiError(409, 'idempotency_in_progress', `A request with the Idempotency-Key ${key} is still running; retry shortly`, [
          { field: 'headers.idempotency-key', message: 'in use by a request still running' },
        ]);
      }
      await new Promise((r) => setTimeout(r, this.opts.pollMs));
    }
  }

  /** Deletes expired keys now and every interval; answers a function that stops it. */
  schedulePurge(onError: (e: unknown) => void, intervalMs = 10 * 60_000): () => void {
    const run = () => void this.store.purge(Date.now() - this.opts.ttlMs).catch(onError);
    const timer = setInterval(run, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
