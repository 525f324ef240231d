// The private-address guard's decisions (issue 22, item 3): every IPv6 form that carries an IPv4
// address, and localhost names judged without DNS. Tested on the decision only: nothing here
// sends to an address that is not loopback.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Sender } from '../src/delivery/sender.ts';
import { BlockedAddressError, guardedLookup, isBlockedAddress, isLocalhostName, literalHostBlocked } from '../src/webhooks/ssrf.ts';
import { checkWebhookUrl } from '../src/webhooks/url.ts';

const PRODUCTION = { production: true, allowPrivateUrls: false };

describe('IPv6 forms that embed an IPv4 address', () => {
  test('IPv4-compatible (::a.b.c.d, deprecated) is refused whatever it embeds, in every spelling', () => {
    for (const ip of ['::127.0.0.1', '::7f00:1', '::a9fe:a9fe', '::169.254.169.254', '::10.0.0.1', '::a00:1', '::8.8.8.8', '[::7f00:1]', '0:0:0:0:0:0:7f00:1'])
      assert.equal(isBlockedAddress(ip), true, ip);
  });

  test('IPv4-mapped and SIIT forms are judged by the address they carry', () => {
    for (const ip of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::ffff:0:10.0.0.1', '::ffff:0:7f00:1', '::ffff:192.168.0.1'])
      assert.equal(isBlockedAddress(ip), true, ip);
    for (const ip of ['::ffff:8.8.8.8', '::ffff:0:8.8.8.8']) assert.equal(isBlockedAddress(ip), false, ip);
  });

  test('NAT64 (64:ff9b::/96) and 6to4 (2002::/16) are judged by the address they carry; local NAT64 and Teredo are refused', () => {
    for (const ip of [
      '64:ff9b::7f00:1',
      '64:ff9b::127.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b::10.1.2.3',
      '2002:7f00:1::',
      '2002:a9fe:a9fe::1',
      '2002:c0a8:101::',
      '2002:0a00:0001:1::1',
    ])
      assert.equal(isBlockedAddress(ip), true, ip);
    for (const ip of ['64:ff9b::8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) assert.equal(isBlockedAddress(ip), false, ip);
    for (const ip of ['64:ff9b:1::808:808', '2001:0:4136:e378:8000:63bf:3fff:fdd2']) assert.equal(isBlockedAddress(ip), true, ip);
  });

  test('a URL host the WHATWG parser rewrites is judged as written and as rewritten', async () => {
    for (const raw of [
      'https://[::127.0.0.1]/x',
      'https://[::a9fe:a9fe]/x',
      'https://[::10.0.0.1]/x',
      'https://[::ffff:169.254.169.254]/x',
      'https://[64:ff9b::7f00:1]/x',
    ]) {
      assert.equal(literalHostBlocked(new URL(raw).hostname), true, raw);
      await assert.rejects(checkWebhookUrl(raw, PRODUCTION), (e: { status: number }) => e.status === 400, raw);
    }
    assert.equal(await checkWebhookUrl('https://[2606:4700::1111]/x', PRODUCTION), 'https://[2606:4700::1111]/x');
  });
});

describe('localhost names are loopback without DNS (RFC 6761)', () => {
  test('localhost and every name under .localhost, in any case, with a trailing dot', () => {
    for (const name of ['localhost', 'LOCALHOST', 'localhost.', 'a.localhost', 'evil.example.localhost', 'Api.LocalHost.'])
      assert.equal(isLocalhostName(name), true, name);
    for (const name of ['localhost.example.com', 'notlocalhost', 'mylocalhost.net', 'example.com']) assert.equal(isLocalhostName(name), false, name);
  });

  test('refused at creation', async () => {
    for (const raw of ['https://localhost/x', 'https://api.localhost/x', 'https://x.y.LOCALHOST./x', 'https://localhost.:8443/x'])
      await assert.rejects(checkWebhookUrl(raw, PRODUCTION), (e: { status: number }) => e.status === 400, raw);
  });

  test('refused at connection time before any DNS question', async () => {
    for (const name of ['localhost', 'sub.localhost', 'no-such-name-anywhere.localhost']) {
      const err = await new Promise<unknown>((resolve) => guardedLookup(name, {}, (e) => resolve(e)));
      assert.ok(err instanceof BlockedAddressError, `${name}: ${String(err)}`);
    }
  });

  test('an attempt to a .localhost URL is a blocked_address failure where private URLs are refused', async () => {
    const sender = new Sender({ allowPrivateUrls: false, timeoutMs: 2000 });
    for (const url of ['http://hooks.localhost:9/x', 'http://[::7f00:1]:9/x', 'http://[64:ff9b::7f00:1]:9/x']) {
      const r = await sender.send(url, { 'content-type': 'application/json' }, '{}');
      assert.equal(r.errorClass, 'blocked_address', `${url}: ${JSON.stringify(r)}`);
    }
    await sender.close();
  });
});
