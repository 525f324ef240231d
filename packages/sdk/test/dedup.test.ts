import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { MemoryDedupStore, RedisDedupStore, type DedupStore } from '../src/index.js';

/** What every store must do: the conformance suite, run on each store below. */
function conformance(makeStore: () => DedupStore): void {
  it('claims an id once, and again after release', async () => {
    const store = makeStore();
    assert.equal(await store.claim('evt_1'), true);
    assert.equal(await store.claim('evt_1'), false);
    assert.equal(await store.claim('evt_2'), true);
    await store.release('evt_1');
    assert.equal(await store.claim('evt_1'), true);
    assert.equal(await store.claim('evt_2'), false);
  });

  it('lets exactly one of many concurrent claims of an id win', async () => {
    const store = makeStore();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claim('evt_race')));
    assert.equal(results.filter(Boolean).length, 1);
  });
}

describe('MemoryDedupStore', () => {
  conformance(() => new MemoryDedupStore());

  it('forgets an id after its TTL', async () => {
    let now = 1_000_000;
    const store = new MemoryDedupStore({ ttlSeconds: 60, now: () => now });
    assert.equal(await store.claim('evt_1'), true);
    now += 59_000;
    assert.equal(await store.claim('evt_1'), false);
    now += 2_000;
    assert.equal(await store.claim('evt_1'), true);
    assert.equal(store.size, 1);
  });

  it('keeps at most maxEntries ids, forgetting the oldest', async () => {
    const store = new MemoryDedupStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) assert.equal(await store.claim(id), true);
    assert.equal(store.size, 3);
    assert.equal(await store.claim('d'), false);
    assert.equal(await store.claim('a'), true); // forgotten
  });
});

describe('RedisDedupStore on the real Redis (127.0.0.1:6379)', () => {
  const prefix = `salesos-sdk-test:${randomUUID()}:`;
  let client: Redis;
  let stores = 0;

  before(() => {
    client = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false, maxRetriesPerRequest: 1 });
  });
  after(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  // Each store gets its own prefix, so the conformance cases do not see each other's ids.
  conformance(() => new RedisDedupStore({ client, prefix: `${prefix}${++stores}:` }));

  it('stores each id under the prefix with the TTL', async () => {
    const store = new RedisDedupStore({ client, prefix: `${prefix}ttl:`, ttlSeconds: 120 });
    assert.equal(await store.claim('evt_ttl'), true);
    const ttl = await client.ttl(`${prefix}ttl:evt_ttl`);
    assert.ok(ttl > 0 && ttl <= 120, `ttl ${ttl}`);
  });

  it('is shared by every store on the same Redis, as several processes would be', async () => {
    const second = new Redis({ host: '127.0.0.1', port: 6379 });
    try {
      const a = new RedisDedupStore({ client, prefix: `${prefix}shared:` });
      const b = new RedisDedupStore({ client: second, prefix: `${prefix}shared:` });
      assert.equal(await a.claim('evt_x'), true);
      assert.equal(await b.claim('evt_x'), false);
      await b.release('evt_x');
      assert.equal(await a.claim('evt_x'), true);
    } finally {
      await second.quit();
    }
  });

  it('works with a node-redis style client through the documented adapter', async () => {
    // node-redis's set takes an options object; this stand-in forwards to ioredis the same way.
    const nodeRedisLike = {
      set: (key: string, value: string, options: { EX: number; NX: true }) => client.set(key, value, 'EX', options.EX, 'NX'),
      del: (key: string) => client.del(key),
    };
    const store = new RedisDedupStore({
      client: {
        set: (key, value, _ex, ttl) => nodeRedisLike.set(key, value, { EX: ttl, NX: true }),
        del: (key) => nodeRedisLike.del(key),
      },
      prefix: `${prefix}adapter:`,
    });
    assert.equal(await store.claim('evt_a'), true);
    assert.equal(await store.claim('evt_a'), false);
  });

  it('refuses a TTL Redis cannot take', () => {
    assert.throws(() => new RedisDedupStore({ client, ttlSeconds: 1.5 }), TypeError);
  });
});
