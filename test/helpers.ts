// Test helpers: a real app per test file on SQLite (a temporary file) or PostgreSQL (a schema of
// its own), listening on a loopback port, and a real HTTP receiver to deliver to.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger, type App } from '../src/app.ts';
import type { EventType } from '../src/catalog.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { checkAnswer } from './contract.ts';
import type { EventData } from '../src/events/publisher.ts';
import { sampleEventData } from '../src/events/samples.ts';

export type Backend = 'sqlite' | 'postgres';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The backends the integration suite runs on (SALESOS_TEST_BACKENDS=sqlite to run one). */
export const BACKENDS: Backend[] = (process.env.SALESOS_TEST_BACKENDS ?? 'sqlite,postgres').split(',').map((b) => b.trim() as Backend);

/** Environment of a test app: short retries and timeouts so that schedules run in seconds. */
export const TEST_ENV: Record<string, string> = {
  LOG_LEVEL: 'silent',
  SALESOS_RETRY_SCHEDULE: '100ms,200ms,300ms,400ms,500ms',
  SALESOS_DELIVERY_TIMEOUT: '2s',
};

export interface TestApp {
  app: App;
  backend: Backend;
  url: string;
  key: string;
  /** Where this app keeps its data: DATABASE_URL + schema, or the SQLite directory. */
  env: Record<string, string>;
  schema: string | null;
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    opts?: { key?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** A key of another organization (created on first use). */
  otherKey(): Promise<string>;
  /** Stops the app (its database connections end) and keeps its data until close(). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function uniqueSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function startApp(
  backend: Backend,
  env: Record<string, string> = {},
  opts: { worker?: boolean; config?: Partial<Config>; logStream?: NodeJS.WritableStream; migrateUntil?: number } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'salesos-test-'));
  const schema = backend === 'postgres' ? uniqueSchema() : null;
  const fullEnv: Record<string, string> = {
    ...TEST_ENV,
    SALESOS_DATA_DIR: dir,
    PORT: '0',
    ...(backend === 'postgres' ? { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema! } : {}),
    ...env,
  };
  const config = loadConfig(fullEnv, opts.config);
  const logger = opts.logStream ? createLogger({ logLevel: 'info' }, opts.logStream as never) : undefined;
  const app = await createApp(config, { worker: opts.worker, logger, migrateUntil: opts.migrateUntil });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const { key } = await app.keys.createKey('default', 'test');
  let other: string | null = null;
  let stopped = false;
  const t: TestApp = {
    app,
    backend,
    url,
    key,
    schema,
    env: backend === 'postgres' ? { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema!, SALESOS_DATA_DIR: dir } : { SALESOS_DATA_DIR: dir },
    async api<T>(method: string, path: string, body?: unknown, o: { key?: string | null; headers?: Record<string, string> } = {}) {
      const k = o.key === undefined ? key : o.key;
      const res = await fetch(url + path, {
        method,
        headers: { ...(k ? { authorization: `Bearer ${k}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      checkAnswer(method, path, res.status, res.headers, parsed);
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
    async otherKey() {
      other ??= (await app.keys.createKey(`other-${randomBytes(4).toString('hex')}`, 'test')).key;
      return other;
    },
    async stop() {
      if (!stopped) await app.close();
      stopped = true;
    },
    async close() {
      await t.stop();
      if (schema) {
        const { PgConnection } = await import('../src/store/postgres/connection.ts');
        const db = await PgConnection.open(PG_URL);
        await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  /** How to answer the n-th request (0-based); default 200 "ok". */
  respond: (req: Received, n: number, res: ServerResponse) => void | Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that records every request. */
export async function startReceiver(respond?: Receiver['respond']): Promise<Receiver> {
  const requests: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const r = {} as Receiver;
  r.respond = respond ?? ((_req, _n, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const n = requests.length;
      requests.push(rec);
      Promise.resolve(r.respond(rec, n, res)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  Object.assign(r, {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    requests,
    waitFor: (count: number, timeoutMs = 15_000) =>
      waitFor(() => (requests.length >= count ? requests.slice(0, count) : null), timeoutMs, `${count} requests at the receiver (got ${requests.length})`),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
  return r;
}

/** Polls until fn answers something other than null/undefined/false; fails after timeoutMs. */
export async function waitFor<T>(
  fn: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Valid `data` for an event of a type (the schema of its type, as POST /v1/events checks it):
 * a realistic sample with new ids, with `object` fields replaced by those given.
 */
export function eventData(type: EventType, object: Record<string, unknown> = {}): EventData {
  const data = sampleEventData(type);
  return { ...data, object: { ...data.object, ...object } };
}
