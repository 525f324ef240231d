// Cross-checks against the reference implementation, the `standardwebhooks` npm package: a
// delivery signed by either side verifies on the other, for any body, id and secret.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { generateSecret, sign, signHeaders, verify, WebhookVerificationError } from '../src/index.js';
import { sampleEvents } from './fixtures.js';
import { SECRET, VECTOR } from './helpers.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Any SalesOS-shaped event with arbitrary text and numbers inside, unicode included (compare
 * with JSON.parse(body): fast-check's dictionaries have a null prototype). */
const arbitraryEvent = fc.record({
  id: fc.stringMatching(/^evt_[0-9A-Z]{1,26}$/),
  type: fc.constantFrom(...Object.keys(sampleEvents)),
  created_at: fc.constant('2026-11-26T18:04:05.123Z'),
  organization_id: fc.constant('org_1'),
  data: fc.record({ object: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))) }),
});
const arbitrarySecret = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((key) => `whsec_${Buffer.from(key).toString('base64')}`);

describe('interoperability with the standardwebhooks package', () => {
  it('reproduces its published test vector', async () => {
    const theirs = new Webhook(VECTOR.secret).sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.body);
    assert.equal(theirs, VECTOR.signature);
    assert.equal(await sign({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body, secret: VECTOR.secret }), theirs);
  });

  it('verifies what standardwebhooks signs', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryEvent, arbitrarySecret, async (event, secret) => {
        const body = JSON.stringify(event);
        const timestamp = nowSeconds();
        const signature = new Webhook(secret).sign(event.id, new Date(timestamp * 1000), body);
        const headers = { 'webhook-id': event.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
        assert.deepEqual(await verify(body, headers, secret), JSON.parse(body));
        await assert.rejects(verify(body.replace(/}$/, ' }'), headers, secret), WebhookVerificationError);
      }),
      { numRuns: 50 },
    );
  });

  it('signs what standardwebhooks verifies', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryEvent, arbitrarySecret, async (event, secret) => {
        const body = JSON.stringify(event);
        const headers = await signHeaders({ id: event.id, body, secret });
        assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
        assert.throws(() => new Webhook(secret).verify(`${body} `, { ...headers }));
      }),
      { numRuns: 50 },
    );
  });

  it('agrees on rotation: standardwebhooks accepts a two-signature header for either secret', async () => {
    const other = await generateSecret();
    const event = sampleEvents['quote.sent'];
    const body = JSON.stringify(event);
    const headers = await signHeaders({ id: event.id, body, secret: [SECRET, other] });
    for (const secret of [SECRET, other]) assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), event);
  });

  it('generates secrets that standardwebhooks takes', async () => {
    const secret = await generateSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 32);
    assert.notEqual(secret, await generateSecret());
    const event = sampleEvents['task.completed'];
    const body = JSON.stringify(event);
    const signature = new Webhook(secret).sign(event.id, new Date(), body);
    const headers = { 'webhook-id': event.id, 'webhook-timestamp': String(nowSeconds()), 'webhook-signature': signature };
    assert.equal((await verify(body, headers, secret)).id, event.id);
  });
});
