// Signing secrets encrypted at rest (issue 22, item 5), on both backends: with
// SALESOS_ENCRYPTION_KEY the database holds no secret in clear, deliveries still verify with the
// secret the API showed, `salesos secrets reencrypt` moves every secret to a new first key, and a
// wrong or missing key stops the start with one line naming the variable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { parseEncryptionKeys, SecretCipher } from '../src/secret-cipher.ts';
import { BACKENDS, startApp, startReceiver, waitFor, eventData, type Receiver, type TestApp } from './helpers.ts';
import { run } from './process-helpers.ts';

const newKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('the cipher', () => {
  test('AES-256-GCM under the first key, stored as enc:v1:<key id>:<iv>:<tag>:<ciphertext>; every key decrypts', () => {
    const k1 = newKey('k1');
    const k2 = newKey('k2');
    const old = new SecretCipher(parseEncryptionKeys(k1));
    const sealed = old.seal('whsec_abc').value;
    assert.match(sealed, /^enc:v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    assert.notEqual(old.seal('whsec_abc').value, sealed, 'a random IV per value');
    const both = new SecretCipher(parseEncryptionKeys(`${k2},${k1}`));
    assert.equal(both.open(sealed), 'whsec_abc');
    assert.match(both.seal('whsec_abc').value, /^enc:v1:k2:/);
    assert.equal(both.stale(sealed), true);
    assert.equal(new SecretCipher([]).open('whsec_clear'), 'whsec_clear');
    // A tampered value, a wrong key of the same id, or an unknown id: refused, never garbage.
    const parts = sealed.split(':');
    parts[5] = Buffer.from('x'.repeat(9)).toString('base64');
    assert.throws(() => old.open(parts.join(':')), /wrong key/);
    assert.throws(() => new SecretCipher(parseEncryptionKeys(newKey('k1'))).open(sealed), /wrong key/);
    assert.throws(() => new SecretCipher(parseEncryptionKeys(k2)).open(sealed), /key k1/);
  });

  test('a malformed SALESOS_ENCRYPTION_KEY stops the configuration naming the variable', () => {
    for (const bad of [
      'abc',
      'k1:short',
      `k1:${randomBytes(16).toString('base64')}`,
      `${newKey('k1')},${newKey('k1')}`,
      `bad id:${randomBytes(32).toString('base64')}`,
    ]) {
      assert.throws(
        () => loadConfig({ SALESOS_ENCRYPTION_KEY: bad }),
        (e: unknown) => e instanceof ConfigError && e.variable === 'SALESOS_ENCRYPTION_KEY',
        bad,
      );
    }
    assert.equal(loadConfig({ SALESOS_ENCRYPTION_KEY: `${newKey('a')}, ${newKey('b')}` }).encryptionKeys.length, 2);
  });
});

for (const backend of BACKENDS) {
  describe(`secrets encrypted at rest on ${backend}`, () => {
    const first = newKey('k1');
    let t: TestApp;
    let rx: Receiver;

    before(async () => {
      t = await startApp(backend, { SALESOS_ENCRYPTION_KEY: first });
      rx = await startReceiver();
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    const stored = () => t.app.storage.connection.query<{ secret: string; key_id: string | null }>('SELECT secret, key_id FROM webhook_secrets');

    async function delivered(hookId: string, path: string): Promise<{ body: string; headers: Record<string, string> }> {
      const before = rx.requests.filter((r) => r.url === path).length;
      const sent = await t.api('POST', `/v1/webhooks/${hookId}/test`, { event_type: 'lead.created' });
      assert.equal(sent.status, 202);
      const req = await waitFor(() => rx.requests.filter((r) => r.url === path)[before]);
      return {
        body: req.body,
        headers: {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        },
      };
    }

    test('the database holds no secret in clear; deliveries verify with the secrets the API shows', async () => {
      const path = '/enc/1';
      const created = await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', {
        url: `http://127.0.0.1:${rx.port}${path}`,
        events: ['lead.created'],
      });
      assert.equal(created.status, 201);
      const rotated = await t.api<{ secret: string }>('POST', `/v1/webhooks/${created.body.id}/rotate-secret`);
      const shown = await t.api<{ secret: string }>('GET', `/v1/webhooks/${created.body.id}/secret`);
      assert.equal(shown.body.secret, rotated.body.secret);
      const rows = await stored();
      assert.ok(rows.length >= 2);
      for (const r of rows) {
        assert.match(r.secret, /^enc:v1:k1:/);
        assert.equal(r.key_id, 'k1');
        for (const clear of [created.body.secret, rotated.body.secret]) {
          assert.ok(!r.secret.includes(clear) && !r.secret.includes(clear.slice(6)), 'a secret in clear');
        }
      }
      const d = await delivered(created.body.id, path);
      // Both secrets sign during the grace, as without encryption.
      new StandardWebhook(created.body.secret).verify(d.body, d.headers);
      new StandardWebhook(rotated.body.secret).verify(d.body, d.headers);
      // Published events too (the publish path's fast dispatch).
      const before = rx.requests.filter((r) => r.url === path).length;
      assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).status, 202);
      const req = await waitFor(() => rx.requests.filter((r) => r.url === path)[before]);
      new StandardWebhook(rotated.body.secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      });
    });

    test('a wrong key, a missing one, or none is a clear start error; a second key in front starts', async () => {
      const attempts: [string | undefined, RegExp][] = [
        [newKey('k1'), /SALESOS_ENCRYPTION_KEY.*wrong key/],
        [newKey('k2'), /SALESOS_ENCRYPTION_KEY.*key k1/],
        [undefined, /SALESOS_ENCRYPTION_KEY.*key k1/],
      ];
      for (const [key, message] of attempts) {
        const config = loadConfig({ ...t.env, LOG_LEVEL: 'silent', PORT: '0', SALESOS_ENCRYPTION_KEY: key });
        await assert.rejects(createApp(config, { worker: false }), (e: unknown) => e instanceof ConfigError && message.test(e.message));
      }
      // The command line says it in one line and exits 1.
      const cli = await run(['migrate'], { ...t.env, SALESOS_ENCRYPTION_KEY: newKey('k1') });
      assert.equal(cli.code, 0, 'migrate does not need the key');
      const served = await run(['serve', '--port', '0'], { ...t.env, SALESOS_ENCRYPTION_KEY: newKey('k1'), LOG_LEVEL: 'silent' });
      assert.equal(served.code, 1);
      assert.match(served.stderr, /SALESOS_ENCRYPTION_KEY: .*wrong key/);
      const app = await createApp(loadConfig({ ...t.env, LOG_LEVEL: 'silent', PORT: '0', SALESOS_ENCRYPTION_KEY: `${newKey('k2')},${first}` }), {
        worker: false,
      });
      await app.close();
    });

    test('salesos secrets reencrypt moves every secret to the new first key; then the old key can go', async () => {
      const path = '/enc/2';
      const created = await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', {
        url: `http://127.0.0.1:${rx.port}${path}`,
        events: ['contact.created'],
      });
      const second = newKey('k2');
      const both = `${second},${first}`;
      const res = await run(['secrets', 'reencrypt'], { ...t.env, SALESOS_ENCRYPTION_KEY: both });
      assert.equal(res.code, 0, res.stderr);
      const rows = await stored();
      assert.match(res.stdout, new RegExp(`Re-encrypted ${rows.length} secrets with key k2`));
      for (const r of rows) assert.deepEqual([r.secret.slice(0, 10), r.key_id], ['enc:v1:k2:', 'k2']);
      assert.match((await run(['secrets', 'reencrypt'], { ...t.env, SALESOS_ENCRYPTION_KEY: both })).stdout, /Re-encrypted 0 secrets/);
      // The running app (old key only) can no longer open them; one started with the new key alone can.
      await t.stop();
      const config = loadConfig({ ...t.env, ...{ LOG_LEVEL: 'silent', PORT: '0', SALESOS_RETRY_SCHEDULE: '100ms' }, SALESOS_ENCRYPTION_KEY: second });
      const app = await createApp(config, { worker: true });
      try {
        await app.http.listen({ port: 0, host: '127.0.0.1' });
        const url = `http://127.0.0.1:${(app.http.server.address() as { port: number }).port}`;
        const shown = await fetch(`${url}/v1/webhooks/${created.body.id}/secret`, { headers: { authorization: `Bearer ${t.key}` } });
        assert.equal(((await shown.json()) as { secret: string }).secret, created.body.secret);
        const sent = await fetch(`${url}/v1/webhooks/${created.body.id}/test`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
          body: '{}',
        });
        assert.equal(sent.status, 202);
        const req = await waitFor(() => rx.requests.find((r) => r.url === path));
        new StandardWebhook(created.body.secret).verify(req.body, {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        });
      } finally {
        await app.close();
      }
      // Without any key, reencrypt refuses (it has nothing to encrypt with).
      const none = await run(['secrets', 'reencrypt'], { ...t.env });
      assert.equal(none.code, 1);
      assert.match(none.stderr, /SALESOS_ENCRYPTION_KEY is not set/);
    });
  });
}

describe('without SALESOS_ENCRYPTION_KEY', () => {
  test('secrets are stored as before, in clear, and production warns at start', async () => {
    const lines: string[] = [];
    const stream = { write: (l: string) => void lines.push(l) } as unknown as NodeJS.WritableStream;
    const t = await startApp('sqlite', { NODE_ENV: 'production' }, { worker: false, logStream: stream });
    try {
      assert.ok(lines.some((l) => /SALESOS_ENCRYPTION_KEY is not set/.test(l)));
      const created = await t.app.webhooks.create(
        { organizationId: (await t.app.keys.authenticate(t.key))!.organizationId, keyId: 'x', scopes: ['*'] },
        {
          url: 'https://93.184.215.14/hooks',
          events: ['lead.created'],
        },
      );
      const rows = await t.app.storage.connection.query<{ secret: string; key_id: string | null }>('SELECT secret, key_id FROM webhook_secrets');
      assert.deepEqual(rows, [{ secret: created.secret, key_id: null }]);
    } finally {
      await t.close();
    }
  });
});
