import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, it } from 'node:test';
import { createVerifier, sign, verify, WebhookVerificationError, type VerificationErrorCode } from '../src/index.js';
import { sampleEvents } from './fixtures.js';
import { delivery, OLD_SECRET, SECRET, tamper, VECTOR } from './helpers.js';

/** Asserts that `promise` rejects with a WebhookVerificationError of `code`. */
async function rejectsWith(promise: Promise<unknown>, code: VerificationErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof WebhookVerificationError, `expected a WebhookVerificationError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

const vectorHeaders = {
  'webhook-id': VECTOR.id,
  'webhook-timestamp': String(VECTOR.timestamp),
  'webhook-signature': VECTOR.signature,
};
const atVectorTime = { now: () => VECTOR.timestamp * 1000 };

describe('verify', () => {
  it('signs the Standard Webhooks test vector to its published signature', async () => {
    assert.equal(await sign({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body, secret: VECTOR.secret }), VECTOR.signature);
  });

  it('accepts the signature of the Standard Webhooks test vector at its time', async () => {
    // The vector's body is not a SalesOS event: past the signature and timestamp checks, only
    // the envelope check fails. A changed body fails at the signature.
    await rejectsWith(verify(VECTOR.body, vectorHeaders, VECTOR.secret, atVectorTime), 'malformed_payload');
    await rejectsWith(verify('{"test": 2432232315}', vectorHeaders, VECTOR.secret, atVectorTime), 'invalid_signature');
    await rejectsWith(verify(VECTOR.body, vectorHeaders, VECTOR.secret), 'timestamp_too_old');
  });

  it('returns the typed event of an authentic, fresh delivery', async () => {
    const { event, body, headers } = await delivery();
    const verified = await verify(body, headers, SECRET);
    assert.deepEqual(verified, event);
    assert.equal(verified.type, 'opportunity.won');
    if (verified.type === 'opportunity.won') assert.equal(verified.data.previous_attributes.stage, 'negotiation');
  });

  it('takes the body as string, Buffer, Uint8Array or ArrayBuffer', async () => {
    const { event, body, headers } = await delivery();
    const bytes = new TextEncoder().encode(body);
    for (const raw of [body, Buffer.from(body), bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)]) {
      assert.deepEqual(await verify(raw, headers, SECRET), event);
    }
  });

  it('rejects a tampered body', async () => {
    const { body, headers } = await delivery();
    await rejectsWith(verify(tamper(body), headers, SECRET), 'invalid_signature');
    await rejectsWith(verify(body + ' ', headers, SECRET), 'invalid_signature');
  });

  it('rejects a tampered webhook-id or webhook-timestamp', async () => {
    const { body, headers } = await delivery();
    await rejectsWith(verify(body, { ...headers, 'webhook-id': 'evt_other' }, SECRET), 'invalid_signature');
    const shifted = String(Number(headers['webhook-timestamp']) + 1);
    await rejectsWith(verify(body, { ...headers, 'webhook-timestamp': shifted }, SECRET), 'invalid_signature');
    await rejectsWith(verify(body, { ...headers, 'webhook-timestamp': '1.5e9' }, SECRET), 'invalid_signature');
  });

  it('rejects a tampered signature and one of another version', async () => {
    const { body, headers } = await delivery();
    const signature = headers['webhook-signature'];
    for (const bad of [tamper(signature), signature.replace('v1,', 'v2,'), 'v1,not-base64!', 'v1a,' + signature.slice(3), 'garbage']) {
      await rejectsWith(verify(body, { ...headers, 'webhook-signature': bad, 'x-webhook-signature': undefined }, SECRET), 'invalid_signature');
    }
  });

  it('rejects the right delivery checked with a wrong secret', async () => {
    const { body, headers } = await delivery();
    await rejectsWith(verify(body, headers, OLD_SECRET), 'invalid_signature');
  });

  it('rejects stale and future timestamps, with the tolerance either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await delivery(undefined, { timestamp: now - 301 });
    await rejectsWith(verify(stale.body, stale.headers, SECRET, { now: () => now * 1000 }), 'timestamp_too_old');
    const future = await delivery(undefined, { timestamp: now + 301 });
    await rejectsWith(verify(future.body, future.headers, SECRET, { now: () => now * 1000 }), 'timestamp_too_new');
    // Just inside the 300 s default, both ways.
    const edgeOld = await delivery(undefined, { timestamp: now - 300 });
    const edgeNew = await delivery(undefined, { timestamp: now + 300 });
    for (const d of [edgeOld, edgeNew]) await verify(d.body, d.headers, SECRET, { now: () => now * 1000 });
    // A wider tolerance accepts the stale one; a narrower one rejects it.
    await verify(stale.body, stale.headers, SECRET, { now: () => now * 1000, toleranceSeconds: 600 });
    await rejectsWith(verify(edgeOld.body, edgeOld.headers, SECRET, { now: () => now * 1000, toleranceSeconds: 10 }), 'timestamp_too_old');
  });

  it('checks the signature before the timestamp, so a forged old request is invalid, not stale', async () => {
    const stale = await delivery(undefined, { timestamp: 1_000_000_000 });
    await rejectsWith(verify(tamper(stale.body), stale.headers, SECRET), 'invalid_signature');
    await rejectsWith(verify(stale.body, stale.headers, SECRET), 'timestamp_too_old');
  });

  it('accepts either secret during a rotation', async () => {
    const byNew = await delivery(undefined, { secret: SECRET });
    const byOld = await delivery(undefined, { secret: OLD_SECRET });
    const byBoth = await delivery(undefined, { secret: [SECRET, OLD_SECRET] });
    assert.equal(byBoth.headers['webhook-signature'].split(' ').length, 2);
    for (const d of [byNew, byOld, byBoth]) {
      assert.equal((await verify(d.body, d.headers, [SECRET, OLD_SECRET])).id, d.event.id);
      assert.equal((await verify(d.body, d.headers, [OLD_SECRET, SECRET])).id, d.event.id);
    }
    // The receiver that already switched to the new secret still accepts a two-signature delivery.
    assert.equal((await verify(byBoth.body, byBoth.headers, SECRET)).id, byBoth.event.id);
    assert.equal((await verify(byBoth.body, byBoth.headers, OLD_SECRET)).id, byBoth.event.id);
    await rejectsWith(verify(byOld.body, byOld.headers, SECRET), 'invalid_signature');
  });

  it('names each missing header', async () => {
    const { body, headers } = await delivery();
    for (const name of ['webhook-id', 'webhook-timestamp'] as const) {
      await assert.rejects(verify(body, { ...headers, [name]: undefined }, SECRET), (error: WebhookVerificationError) => {
        assert.equal(error.code, 'missing_header');
        assert.match(error.message, new RegExp(name));
        return true;
      });
    }
    await rejectsWith(verify(body, { ...headers, 'webhook-signature': undefined, 'x-webhook-signature': undefined }, SECRET), 'missing_header');
    await rejectsWith(verify(body, {}, SECRET), 'missing_header');
    await rejectsWith(verify(body, { ...headers, 'webhook-id': '  ' }, SECRET), 'missing_header');
  });

  it('falls back to X-Webhook-Signature when webhook-signature is absent', async () => {
    const { event, body, headers } = await delivery();
    const { 'webhook-signature': signature, ...rest } = headers;
    assert.deepEqual(await verify(body, { ...rest, 'x-webhook-signature': signature }, SECRET), event);
    // webhook-signature wins when both are there.
    await rejectsWith(verify(body, { ...headers, 'webhook-signature': tamper(signature) }, SECRET), 'invalid_signature');
  });

  it('rejects a signed body that is not a SalesOS event as malformed_payload', async () => {
    for (const body of ['not json', '[1,2,3]', '{"id":"evt_1","type":"lead.created"}', '"text"', '']) {
      const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
      const signature = await sign({ id: 'evt_1', body, secret: SECRET });
      await rejectsWith(verify(body, { ...headers, 'webhook-signature': signature }, SECRET), 'malformed_payload');
    }
    const invalidUtf8 = new Uint8Array([0x7b, 0xff, 0x7d]);
    const signature = await sign({ id: 'evt_1', body: invalidUtf8, secret: SECRET });
    const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signature };
    await rejectsWith(verify(invalidUtf8, headers, SECRET), 'malformed_payload');
  });

  it('passes event types newer than this SDK through', async () => {
    const event = { ...sampleEvents['lead.created'], type: 'lead.merged' };
    const body = JSON.stringify(event);
    const headers = { 'webhook-id': event.id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
    const signature = await sign({ id: event.id, body, secret: SECRET });
    assert.equal((await verify(body, { ...headers, 'webhook-signature': signature }, SECRET)).type, 'lead.merged');
  });

  it('reads headers from a plain object in any case, IncomingHttpHeaders with arrays, and Fetch Headers', async () => {
    const { event, body, headers } = await delivery();
    const upper = {
      'Webhook-Id': headers['webhook-id'],
      'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
      'Webhook-Signature': headers['webhook-signature'],
    };
    assert.deepEqual(await verify(body, upper, SECRET), event);

    const node: IncomingHttpHeaders = {
      'webhook-id': headers['webhook-id'],
      'webhook-timestamp': [headers['webhook-timestamp']],
      // A header sent twice arrives as an array (or joined with ", "): each is a signature list.
      'webhook-signature': ['v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', headers['webhook-signature']],
    };
    assert.deepEqual(await verify(body, node, SECRET), event);
    const joined = { ...headers, 'webhook-signature': `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, ${headers['webhook-signature']}` };
    assert.deepEqual(await verify(body, joined, SECRET), event);

    const fetchHeaders = new Headers();
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) fetchHeaders.set(name, value);
    assert.deepEqual(await verify(body, fetchHeaders, SECRET), event);
    fetchHeaders.delete('webhook-id');
    await rejectsWith(verify(body, fetchHeaders, SECRET), 'missing_header');
  });

  it('refuses a parsed body and a malformed secret with a TypeError that says what to do', async () => {
    const { event, headers } = await delivery();
    await assert.rejects(verify(event as unknown as string, headers, SECRET), (error: Error) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /raw request body/);
      return true;
    });
    assert.throws(() => createVerifier('whsec_not base64!'), TypeError);
    assert.throws(() => createVerifier([]), TypeError);
    await assert.rejects(verify('{}', headers, 'whsec_'), TypeError);
  });

  it('accepts a secret without the whsec_ prefix and raw key bytes', async () => {
    const { event, body, headers } = await delivery();
    const encoded = SECRET.slice('whsec_'.length);
    assert.deepEqual(await verify(body, headers, encoded), event);
    assert.deepEqual(await verify(body, headers, Buffer.from(encoded, 'base64')), event);
  });

  it('serializes a verification error as the middleware answer body', () => {
    const error = new WebhookVerificationError('invalid_signature', 'nope');
    assert.deepEqual(JSON.parse(JSON.stringify(error)), { error: { code: 'invalid_signature', message: 'nope' } });
    assert.equal(error.name, 'WebhookVerificationError');
  });
});
