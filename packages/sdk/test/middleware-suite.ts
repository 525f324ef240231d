// The behaviour every middleware shares, run against each one over real HTTP on 127.0.0.1:
// a signed delivery reaches the handler once; anything else gets the documented answer.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { generateSecret, MemoryDedupStore, type DedupStore, type SalesOSEvent } from '../src/index.js';
import { sampleEvents } from './fixtures.js';
import { delivery, OLD_SECRET, post, SECRET, tamper, withId } from './helpers.js';

export interface MountOptions {
  secrets: string[];
  onEvent: (event: SalesOSEvent) => void | Promise<void>;
  dedup?: DedupStore;
  maxBodyBytes?: number;
}

/** Starts a server whose webhook route uses the middleware under test. */
export type Mount = (options: MountOptions) => Promise<{ url: string; close: () => Promise<void> }>;

export function middlewareConformance(mount: Mount): void {
  const servers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const close of servers) await close();
  });
  async function start(options: Partial<MountOptions> & { seen?: SalesOSEvent[] } = {}): Promise<string> {
    const seen = options.seen ?? [];
    const server = await mount({
      secrets: options.secrets ?? [SECRET],
      onEvent: options.onEvent ?? ((event) => void seen.push(event)),
      ...(options.dedup ? { dedup: options.dedup } : {}),
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
    servers.push(server.close);
    return server.url;
  }

  it('hands a signed delivery to the handler and answers 200', async () => {
    const seen: SalesOSEvent[] = [];
    const url = await start({ seen });
    const { event, body, headers } = await delivery(sampleEvents['lead.converted']);
    assert.deepEqual(await post(url, body, headers), { status: 200, body: { received: true } });
    assert.deepEqual(seen, [event]);
  });

  it('answers 400 with the error code, and never calls the handler, for a bad delivery', async () => {
    const seen: SalesOSEvent[] = [];
    const url = await start({ seen });
    const good = await delivery();
    const stale = await delivery(undefined, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const foreign = await delivery(undefined, { secret: await generateSecret() });
    const cases: Array<[string, Record<string, string | undefined>, string]> = [
      [tamper(good.body), good.headers, 'invalid_signature'],
      [good.body, { ...good.headers, 'webhook-id': 'evt_forged' }, 'invalid_signature'],
      [good.body, { ...good.headers, 'webhook-timestamp': undefined }, 'missing_header'],
      [good.body, { 'content-type': 'application/json' }, 'missing_header'],
      [stale.body, stale.headers, 'timestamp_too_old'],
      [foreign.body, foreign.headers, 'invalid_signature'],
    ];
    for (const [body, headers, code] of cases) {
      const answer = await post(url, body, headers);
      assert.equal(answer.status, 400, code);
      const error = (answer.body as { error: { code: string; message: string } }).error;
      assert.equal(error.code, code);
      assert.equal(typeof error.message, 'string');
    }
    assert.deepEqual(seen, []);
  });

  it('accepts either secret during a rotation', async () => {
    const seen: SalesOSEvent[] = [];
    const url = await start({ seen, secrets: [SECRET, OLD_SECRET] });
    for (const secret of [OLD_SECRET, SECRET]) {
      const { body, headers } = await delivery(withId(sampleEvents['order.completed'], `evt_rot_${secret.length}_${seen.length}`), { secret });
      assert.equal((await post(url, body, headers)).status, 200);
    }
    assert.equal(seen.length, 2);
  });

  it('with a dedup store, handles a redelivered event once', async () => {
    const seen: SalesOSEvent[] = [];
    const url = await start({ seen, dedup: new MemoryDedupStore() });
    const first = await delivery(sampleEvents['order.created']);
    // A retry is signed anew (new timestamp) but carries the same event id.
    const retry = await delivery(sampleEvents['order.created'], { timestamp: Math.floor(Date.now() / 1000) - 1 });
    assert.deepEqual(await post(url, first.body, first.headers), { status: 200, body: { received: true } });
    assert.deepEqual(await post(url, retry.body, retry.headers), { status: 200, body: { received: true, duplicate: true } });
    assert.equal(seen.length, 1);
  });

  it('answers 500 when the handler throws, and handles the retry of that event', async () => {
    let calls = 0;
    const url = await start({
      dedup: new MemoryDedupStore(),
      onEvent: () => {
        calls++;
        if (calls === 1) throw new Error('database down');
      },
    });
    const { body, headers } = await delivery(sampleEvents['meeting.completed']);
    assert.equal((await post(url, body, headers)).status, 500);
    assert.equal((await post(url, body, headers)).status, 200);
    assert.equal(calls, 2);
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const seen: SalesOSEvent[] = [];
    const url = await start({ seen, maxBodyBytes: 1024 });
    const big = withId(sampleEvents['lead.created'], 'evt_big');
    (big.data.object as { company?: string }).company = 'x'.repeat(2048);
    const { body, headers } = await delivery(big);
    assert.equal((await post(url, body, headers)).status, 413);
    assert.deepEqual(seen, []);
  });
}
