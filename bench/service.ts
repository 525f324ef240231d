// SalesOS as the benchmark runs it: the real `salesos serve` in a child process of its own,
// driven only through the public API (except the scale backlog, inserted with SQL, and the
// organizations of the scale curves, created as `salesos keys create --org` creates them).
// This is the one bench file that may reach into src/ (the others go through it).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { loadConfig } from '../src/config.ts';
import { KeyService } from '../src/orgs/keys.ts';
import { openStorage } from '../src/store/index.ts';
import { freePort, sleep } from './lib.ts';

export const API_KEY = 'sos_bench_' + 'k'.repeat(32);

export interface Service {
  pid: number;
  origin: string;
  /** A request with the bench's API key (the default organization's), or `key`. */
  api<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, key?: string): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startService(env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  // BENCH_SALESOS_BIN=/other/checkout/bin/salesos.js measures another commit under this harness.
  const bin = process.env.BENCH_SALESOS_BIN ?? fileURLToPath(new URL('../bin/salesos.js', import.meta.url));
  // BENCH_PROFILE_DIR=dir writes a V8 CPU profile of the service (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // BENCH_NODE_ARGS="--trace-gc ..." passes more flags to the service's node.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // As `npm start` and the `salesos` command run it (see bin/salesos.js).
  const proc: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=64', ...profile, ...extra, bin, 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SALESOS_API_KEY: API_KEY, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const api: Service['api'] = async (method, path, body, key = API_KEY) => {
    const res = await request(origin + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: (text ? JSON.parse(text) : null) as never };
  };
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`salesos serve exited with ${proc.exitCode}`);
    try {
      const res = await request(origin + '/healthz');
      await res.body.dump();
      if (res.statusCode === 200) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('salesos serve did not start within 30 s');
    await sleep(100);
  }
  return {
    pid: proc.pid!,
    origin,
    api,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Creates a webhook at each URL for the given event patterns (in the organization of `key`). */
export async function createHooks(svc: Service, urls: string[], events: string[], key?: string): Promise<Array<{ id: string; secret: string; url: string }>> {
  const out = [];
  for (const url of urls) {
    const r = await svc.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url, events }, key);
    if (r.status !== 201) throw new Error(`creating a webhook answered ${r.status}: ${JSON.stringify(r.body)}`);
    out.push({ id: r.body.id, secret: r.body.secret, url });
  }
  return out;
}

/**
 * What `salesos keys create --org <name>` does for each name (migrate, then an API key per
 * organization, the organization created with it), in this process rather than a process per
 * key: 10,000 organizations would take hours of process starts. Run it before the service starts,
 * with the service's environment. Answers the keys, in the order of the names.
 */
export async function createOrganizations(env: Record<string, string>, names: string[]): Promise<string[]> {
  const config = loadConfig({ ...process.env, ...env });
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
  try {
    await storage.migrate();
    const service = new KeyService(storage.keys);
    const keys: string[] = new Array(names.length);
    let next = 0;
    // A few at once on PostgreSQL (one transaction each); SQLite runs them one after another.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < names.length) {
          const i = next++;
          keys[i] = (await service.createKey(names[i], 'bench')).key;
        }
      }),
    );
    return keys;
  } finally {
    await storage.close();
  }
}
