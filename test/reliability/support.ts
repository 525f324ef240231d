// Shared machinery of the reliability suite: a cross-process lock so that its files run one at
// a time (the outage test stops PostgreSQL; the crash and load tests need the whole machine),
// a recorder of figures that the report file turns into docs/reliability.md, and helpers to run
// the real service as child processes (`node bin/salesos.js serve`).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { PG_URL, TEST_ENV, uniqueSchema, waitFor, type Backend } from '../helpers.ts';
import { freePort } from '../process-helpers.ts';
import { openStorage, type OpenedStorage } from '../../src/store/index.ts';
import type { SqlDatabase } from '../../src/store/sql/runner.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const CI = process.env.CI === 'true';

// ---------------------------------------------------------------------------------------------
// One file at a time, whatever the runner's concurrency: a directory lock naming its holder.
const LOCK = join(tmpdir(), 'salesos-reliability.lock');

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch {
      // Held: by a live process, wait; by a dead one (a crashed run), take it over.
      let holder = 0;
      try {
        holder = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        // being created or removed right now
      }
      if (holder && !alive(holder)) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
}

function releaseLock(): void {
  try {
    if (Number(readFileSync(join(LOCK, 'pid'), 'utf8')) === process.pid) rmSync(LOCK, { recursive: true, force: true });
  } catch {
    // not ours
  }
}
process.on('exit', releaseLock);

// ---------------------------------------------------------------------------------------------
// Figures for the report. Every file of one run shares the runner's pid as parent, so results
// go to a directory named after it.
// RELIABILITY_RESULTS names another run's directory (to render its report again).
export const RESULTS_DIR = process.env.RELIABILITY_RESULTS ?? join(tmpdir(), `salesos-reliability-${process.ppid}`);

export interface Check {
  name: string;
  ok: boolean;
  ms: number;
  /** What was tried and what held, as short "label: value" lines. */
  figures: Array<[string, string | number]>;
  error?: string;
}

export interface Section {
  file: string;
  title: string;
  intro: string;
  order: number;
  /** From taking the lock to the end of the file: setup and checks. */
  ms: number;
  checks: Check[];
}

/**
 * Declares a section of the report for the calling file: serializes the file behind the lock,
 * and writes its results when the file ends. Use `check` instead of `test` to time and record.
 */
export function section(meta: string, title: string, intro: string, order: number) {
  const s: Section = { file: basename(meta), title, intro, order, ms: 0, checks: [] };
  let started = Date.now();
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${s.file}.started`), String(process.pid));
  before(
    async () => {
      await acquireLock();
      started = Date.now(); // the file's own time, not its wait for its turn
    },
    { timeout: 30 * 60_000 },
  );
  after(() => {
    s.ms = Date.now() - started;
    writeFileSync(join(RESULTS_DIR, `${s.file}.json`), JSON.stringify(s, null, 2));
    releaseLock();
  });

  return function check(name: string, fn: (fig: (label: string, value: string | number) => void) => Promise<void>, opts: { timeout?: number } = {}) {
    test(name, { timeout: opts.timeout ?? 5 * 60_000 }, async () => {
      const c: Check = { name, ok: false, ms: 0, figures: [] };
      s.checks.push(c);
      const t0 = Date.now();
      try {
        await fn((label, value) => void c.figures.push([label, value]));
        c.ok = true;
      } catch (e) {
        c.error = ((e as Error).message ?? String(e)).split('\n')[0].slice(0, 300);
        throw e;
      } finally {
        c.ms = Date.now() - t0;
      }
    });
  };
}

// ---------------------------------------------------------------------------------------------
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export { freePort };

/** Resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** A fresh, empty database (a SQLite directory or a PostgreSQL schema) with a handle on it. */
export interface TempDb {
  env: Record<string, string>;
  /** Statements straight on it. */
  db: SqlDatabase;
  storage: OpenedStorage;
  drop(): Promise<void>;
}

export async function tempDb(backend: Backend): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'salesos-rel-'));
  const schema = backend === 'postgres' ? uniqueSchema() : undefined;
  const storage = await openStorage({ databaseUrl: backend === 'postgres' ? PG_URL : null, schema, dataDir: dir });
  await storage.migrate();
  return {
    env: schema ? { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema, SALESOS_DATA_DIR: dir } : { SALESOS_DATA_DIR: dir },
    db: storage.connection,
    storage,
    async drop() {
      if (schema) await storage.connection.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const newApiKey = () => `sos_rel_${randomBytes(24).toString('base64url')}`;

/** A `salesos serve` child process. */
export interface Service {
  url: string;
  port: number;
  role: string;
  proc: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startService(env: Record<string, string>, role: 'api' | 'worker' | 'all' = 'all'): Promise<Service> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['bin/salesos.js', 'serve', '--role', role, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...TEST_ENV, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const svc: Service = {
    url,
    port,
    role,
    proc,
    output: () => out,
    exited,
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
  let dead = false;
  void exited.then(() => (dead = true));
  await waitFor(
    async () => {
      if (dead) throw new Error(`salesos serve --role ${role} exited at start:\n${out}`);
      try {
        return (await fetch(`${url}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    30_000,
    `salesos serve --role ${role} to answer /healthz`,
  );
  return svc;
}

/** JSON over HTTP with a bearer key. */
export async function call<T = unknown>(base: string, key: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}

/** Runs `tasks` with at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
