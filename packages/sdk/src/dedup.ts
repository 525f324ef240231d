// Deduplication by event id. Delivery is at-least-once: a retry after a timeout, a manual
// retry or a recovery can bring an event you already handled, always with the same `id`.

/**
 * Remembers which event ids were claimed. `claim` must be atomic: of two concurrent calls
 * with the same id, exactly one resolves true.
 */
export interface DedupStore {
  /** Records `id`; true when this call recorded it first, false when it was already there. */
  claim(id: string): Promise<boolean>;
  /** Forgets `id`, so a delivery whose handling failed is handled again when it is retried. */
  release(id: string): Promise<void>;
}

/**
 * Default memory: 3 days. SalesOS retries for about 29 hours (1m, 5m, 30m, 2h, 24h plus up to
 * 10% jitter), so an id is remembered for longer than a delivery can be retried.
 */
export const DEFAULT_DEDUP_TTL_SECONDS = 3 * 24 * 60 * 60;

export interface MemoryDedupStoreOptions {
  ttlSeconds?: number;
  /** Oldest ids are forgotten first beyond this many (default 100,000), bounding memory. */
  maxEntries?: number;
  /** The current time in milliseconds; for tests. */
  now?: () => number;
}

/**
 * An in-process store: fine for one process and for tests. Several processes (or restarts)
 * need a shared store such as `RedisDedupStore`.
 */
export class MemoryDedupStore implements DedupStore {
  // Insertion order is claim order, so the oldest (first to expire) entries come first.
  private readonly expiries = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupStoreOptions = {}) {
    this.ttlMs = (options.ttlSeconds ?? DEFAULT_DEDUP_TTL_SECONDS) * 1000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  async claim(id: string): Promise<boolean> {
    const now = this.now();
    this.evict(now);
    const expiry = this.expiries.get(id);
    if (expiry !== undefined && expiry > now) return false;
    this.expiries.delete(id); // re-insert at the end, keeping the map in claim order
    this.expiries.set(id, now + this.ttlMs);
    return true;
  }

  async release(id: string): Promise<void> {
    this.expiries.delete(id);
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.expiries.size;
  }

  private evict(now: number): void {
    for (const [id, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size < this.maxEntries) break;
      this.expiries.delete(id);
    }
  }
}

/**
 * The two commands RedisDedupStore uses, as ioredis (v4 to v6) names them: `new Redis()` fits.
 * For node-redis (`redis` v4+), whose `set` takes an options object, pass an adapter:
 * `{ set: (k, v, _ex, ttl) => client.set(k, v, { EX: ttl, NX: true }), del: (k) => client.del(k) }`.
 */
export interface RedisClientLike {
  /** SET key value EX ttl NX: "OK" when set, null when the key already existed. */
  set(key: string, value: string, expiryMode: 'EX', seconds: number, condition: 'NX'): Promise<string | null>;
  del(key: string): Promise<number>;
}

export interface RedisDedupStoreOptions {
  client: RedisClientLike;
  /** Prepended to every id (default "salesos:webhook:"). */
  prefix?: string;
  ttlSeconds?: number;
}

/** A store shared by every process that reaches the same Redis, using SET NX EX (atomic). */
export class RedisDedupStore implements DedupStore {
  private readonly client: RedisClientLike;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(options: RedisDedupStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'salesos:webhook:';
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_DEDUP_TTL_SECONDS;
    if (!Number.isSafeInteger(this.ttlSeconds) || this.ttlSeconds <= 0) {
      throw new TypeError('ttlSeconds must be a positive integer (Redis EX takes whole seconds)');
    }
  }

  async claim(id: string): Promise<boolean> {
    return (await this.client.set(this.prefix + id, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  async release(id: string): Promise<void> {
    await this.client.del(this.prefix + id);
  }
}
