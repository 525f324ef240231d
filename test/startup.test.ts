// How `salesos serve` starts and fails, as a user sees it (the real bin/salesos.js): a failed
// start ends with one line naming the cause and what to set, exit status 1, before any key is
// created or any delivery sent; the bootstrap key is printed once the service is up.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { KeyService } from '../src/orgs/keys.ts';
import { openStorage } from '../src/store/index.ts';
import { PgConnection } from '../src/store/postgres/connection.ts';
import { PG_URL, eventData, startReceiver, uniqueSchema, waitFor } from './helpers.ts';
import { run, startService } from './process-helpers.ts';

const KEY = `sos_test_${randomBytes(16).toString('hex')}`;
const dirs: string[] = [];
const schemas: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'salesos-start-'));
  dirs.push(dir);
  return dir;
}

function pgEnv(): Record<string, string> {
  const schema = uniqueSchema();
  schemas.push(schema);
  return { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema };
}

after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (schemas.length) {
    const db = await PgConnection.open(PG_URL);
    for (const s of schemas) await db.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await db.close();
  }
});

/** A port some other program holds. */
async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

function oneLine(stderr: string, pattern: RegExp): void {
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, pattern);
  assert.ok(!/\n\s+at /.test(stderr), 'no stack trace');
}

async function keyCount(env: Record<string, string>): Promise<number> {
  const storage = await openStorage({ databaseUrl: env.DATABASE_URL ?? null, schema: env.SALESOS_DB_SCHEMA, dataDir: env.SALESOS_DATA_DIR ?? '' });
  try {
    await storage.migrate();
    const [{ n }] = await storage.connection.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM api_keys');
    return Number(n);
  } finally {
    await storage.close();
  }
}

describe('a start that cannot go on', () => {
  test('a busy port: one line naming PORT, exit 1, no key created; the next start prints the key', async () => {
    const env = { SALESOS_DATA_DIR: tempDir() };
    const { port, server } = await busyPort();
    try {
      const r = await run(['serve', '--port', String(port)], env);
      assert.equal(r.code, 1);
      oneLine(r.stderr, new RegExp(`port ${port} .*in use.*PORT`));
      assert.doesNotMatch(r.stdout, /sos_/);
    } finally {
      server.close();
    }
    assert.equal(await keyCount(env), 0, 'no key was created');
    const next = await startService(env);
    try {
      await waitFor(() => /sos_[A-Za-z0-9_-]{20,}/.test(next.output()));
      const key = /(sos_[A-Za-z0-9_-]{20,})/.exec(next.output())![1];
      assert.equal((await fetch(`${next.url}/v1/webhooks`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
    } finally {
      await next.kill();
    }
  });

  test('a PostgreSQL worker on a busy port exits before it delivers anything', async () => {
    const env = { ...pgEnv(), SALESOS_API_KEY: KEY };
    const rx = await startReceiver();
    const api = await startService({ ...env, SALESOS_ROLE: 'api' });
    try {
      const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
      const hook = await fetch(`${api.url}/v1/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url: rx.url, events: ['lead.created'] }) });
      assert.equal(hook.status, 201);
      const published = await fetch(`${api.url}/v1/events`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'lead.created', data: eventData('lead.created') }),
      });
      assert.equal(published.status, 202);
      const { port, server } = await busyPort();
      try {
        const r = await run(['serve', '--role', 'worker', '--port', String(port)], env);
        assert.equal(r.code, 1);
        oneLine(r.stderr, /in use.*PORT/);
      } finally {
        server.close();
      }
      assert.equal(rx.requests.length, 0, 'nothing was delivered');
      // A worker that does start delivers it.
      const worker = await startService({ ...env, SALESOS_ROLE: 'worker' });
      try {
        await waitFor(() => rx.requests.length === 1);
      } finally {
        await worker.kill();
      }
    } finally {
      await api.kill();
      await rx.close();
    }
  });

  test('an unreachable PostgreSQL, a missing database and a refused login: one line naming DATABASE_URL, exit 1', async () => {
    const closed = await busyPort();
    closed.server.close(); // a port nothing listens on
    const refused = new URL(PG_URL);
    refused.port = String(closed.port);
    const missingDb = new URL(PG_URL);
    missingDb.pathname = '/salesos_no_such_database';
    const badUser = new URL(PG_URL);
    badUser.username = 'salesos_no_such_user';
    badUser.password = 'secret-password';
    for (const url of [refused, missingDb, badUser]) {
      const r = await run(['serve', '--port', '0'], { DATABASE_URL: url.href });
      assert.equal(r.code, 1, `${url.href}: ${r.stderr}`);
      oneLine(r.stderr, /PostgreSQL at .*DATABASE_URL/);
      assert.doesNotMatch(r.stderr, /secret-password/, 'the password is not printed');
      assert.doesNotMatch(r.stdout, /sos_/);
    }
  });

  test('a data directory that is missing (with its parent) or not a directory: one line naming SALESOS_DATA_DIR, exit 1', async () => {
    const dir = tempDir();
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    for (const dataDir of [join(dir, 'no', 'such'), file]) {
      const r = await run(['serve', '--port', '0'], { SALESOS_DATA_DIR: dataDir });
      assert.equal(r.code, 1, r.stderr);
      oneLine(r.stderr, /data directory .*SALESOS_DATA_DIR/);
    }
  });

  test('NODE_ENV takes development, production or test only; an unknown SALESOS_ variable is named with the nearest known one', async () => {
    const bad = await run(['serve', '--port', '0'], { NODE_ENV: 'prod', SALESOS_DATA_DIR: tempDir() });
    assert.equal(bad.code, 1);
    oneLine(bad.stderr, /NODE_ENV.*production/);
    const env = { SALESOS_DATA_DIR: tempDir(), SALESOS_RETRY_SCHEDUL: '1s', NODE_ENV: 'test' };
    const s = await startService(env);
    try {
      await waitFor(() => /SALESOS_RETRY_SCHEDUL\b.*did you mean SALESOS_RETRY_SCHEDULE\?/.test(s.output()));
    } finally {
      await s.kill();
    }
  });
});

describe('the bootstrap key', () => {
  test('a start after one that died before showing its key says how to get one', async () => {
    const env = { SALESOS_DATA_DIR: tempDir() };
    // What a start that died between creating its key and printing it leaves behind.
    const storage = await openStorage({ databaseUrl: null, dataDir: env.SALESOS_DATA_DIR });
    await storage.migrate();
    await new KeyService(storage.keys).createKey('default', 'bootstrap');
    await storage.close();
    const s = await startService(env);
    try {
      await waitFor(() => /salesos keys create --org default/.test(s.output()));
      assert.doesNotMatch(s.output(), /sos_[A-Za-z0-9_-]{20,}/);
    } finally {
      await s.kill();
    }
    const created = await run(['keys', 'create', '--org', 'default'], env);
    assert.equal(created.code, 0, created.stderr);
    const again = await startService(env);
    try {
      await waitFor(() => /SalesOS Webhooks at/.test(again.output()));
      assert.doesNotMatch(again.output(), /keys create/, 'a key was shown since: no hint');
    } finally {
      await again.kill();
    }
  });
});
