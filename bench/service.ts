// SalesOS as the benchmark runs it: the real `salesos serve` in a child process of its own,
// driven only through the public API (except the scale backlog, inserted with SQL).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { freePort, sleep } from './lib.ts';

export const API_KEY = 'sos_bench_' + 'k'.repeat(32);

export interface Service {
  pid: number;
  origin: string;
  api<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startService(env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const bin = fileURLToPath(new URL('../bin/salesos.js', import.meta.url));
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
  const api: Service['api'] = async (method, path, body) => {
    const res = await request(origin + path, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
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

/** Creates n webhooks at receiver paths `${prefix}${i}` for the given event patterns. */
export async function createHooks(svc: Service, urls: string[], events: string[]): Promise<Array<{ id: string; secret: string; url: string }>> {
  const out = [];
  for (const url of urls) {
    const r = await svc.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url, events });
    if (r.status !== 201) throw new Error(`creating a webhook answered ${r.status}: ${JSON.stringify(r.body)}`);
    out.push({ id: r.body.id, secret: r.body.secret, url });
  }
  return out;
}
