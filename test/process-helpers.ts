// Runs `salesos` as real child processes (serve, migrate) for crash and multi-process tests.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStorage } from '../src/store/index.ts';
import { PgConnection } from '../src/store/postgres/connection.ts';
import { eventData, PG_URL, uniqueSchema, waitFor, type Backend } from './helpers.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Service {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/salesos.js', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `salesos serve` and waits until /healthz answers. */
export async function startService(env: Record<string, string>, args: string[] = []): Promise<Service> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['bin/salesos.js', 'serve', '--port', String(port), ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  let dead = false;
  void exited.then(() => (dead = true));
  try {
    await waitFor(
      async () => {
        if (dead) throw new Error(`salesos serve exited: ${out}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      90_000,
      `service on ${url}`,
    );
  } catch (e) {
    proc.kill('SIGKILL'); // never leave a process behind that keeps the test run alive
    throw e;
  }
  return {
    proc,
    url,
    output: () => out,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (dead) return;
      proc.kill(signal);
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Services started with one bootstrap key on scratch databases (test/process*.test.ts).
/** The bootstrap key (SALESOS_API_KEY) of the services these tests start. */
export const KEY = `sos_test_${randomBytes(16).toString('hex')}`;
// Scratch databases of the service children a test file starts, removed when the file ends.
const dirs: string[] = [];
const schemas: string[] = [];

/** A fresh database for service children: a PostgreSQL schema or a SQLite directory. */
export function storage(backend: Backend): Record<string, string> {
  if (backend === 'postgres') {
    const schema = uniqueSchema();
    schemas.push(schema);
    return { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema };
  }
  const dir = mkdtempSync(join(tmpdir(), 'salesos-proc-'));
  dirs.push(dir);
  return { SALESOS_DATA_DIR: dir };
}

after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (schemas.length) {
    const db = await PgConnection.open(PG_URL);
    for (const s of schemas) await db.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await db.close();
  }
});

export async function api(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Publishes `count` events; answers the ids that got a 202 (a lane stops at its first error). */
export async function publishMany(url: string, count: number, concurrency = 20): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const res = await api(url, 'POST', '/v1/events', {
          type: 'lead.created',
          data: eventData('lead.created', { last_name: `L${i}` }),
        }).catch(() => null);
        if (!res) return;
        assert.equal(res.status, 202);
        ids.push(String(res.body.id));
      }
    }),
  );
  return ids;
}

/** Runs a query directly on the database a service child uses. */
export async function queryStore<T>(backend: Backend, env: Record<string, string>, sql: string): Promise<T[]> {
  const storage = await openStorage({ databaseUrl: backend === 'postgres' ? PG_URL : null, schema: env.SALESOS_DB_SCHEMA, dataDir: env.SALESOS_DATA_DIR });
  try {
    return await storage.connection.query<T>(sql);
  } finally {
    await storage.close();
  }
}
