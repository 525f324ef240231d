// Nothing that must be shared lives in one process (issue 22, item 4): two `salesos serve --role
// api` processes on one PostgreSQL schema, behind a round-robin proxy written here (each request
// goes to the other process than the one before). A dashboard session opened on one works on the
// other, flash messages included; a revoked key is refused by both within a second; the rate
// limits count the requests of both together.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe } from 'node:test';
import { PgConnection } from '../../src/store/postgres/connection.ts';
import { BACKENDS, PG_URL, uniqueSchema, waitFor } from '../helpers.ts';
import { run, startService, type Service } from '../process-helpers.ts';
import { section } from './support.ts';

const KEY = `sos_test_${randomBytes(16).toString('hex')}`;
const RATE = 20;
const FAILURES = 10;
const check = section(
  import.meta.url,
  'Multi-process state: two api processes behind a round-robin proxy',
  `PostgreSQL; two \`salesos serve --role api\` processes on one schema behind a round-robin proxy written in the test (each request goes to the other process than the one before); per-key limit ${RATE} requests/s, ${FAILURES} bad keys a minute per address. Dashboard sessions, rate limits, the bad-key limiter and key revocation must hold across both.`,
  9,
);

/** A round-robin HTTP proxy: request n goes to upstream n mod 2; answers name the upstream that served them. */
async function roundRobin(upstreams: string[]): Promise<{ url: string; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    const index = n++ % upstreams.length;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const up = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      const raw = [...answer.rawHeaders, 'x-upstream', String(index)];
      res.writeHead(answer.statusCode ?? 502, raw as unknown as Record<string, string>);
      answer.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Res {
  status: number;
  text: string;
  headers: Headers;
}

/** A browser-like client of the proxy: keeps cookies, never follows redirects. */
class Browser {
  cookies = new Map<string, string>();
  readonly served: string[] = [];
  constructor(readonly base: string) {}

  async request(method: string, path: string, form?: Record<string, string>): Promise<Res> {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      body: form ? new URLSearchParams(form).toString() : undefined,
      headers: {
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
    });
    this.served.push(res.headers.get('x-upstream') ?? '?');
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      if (pair.slice(i + 1) === '' || /Max-Age=0/i.test(c)) this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  hidden(html: string, name: string): string {
    const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
    assert.ok(m, `hidden field ${name}`);
    return m[1];
  }
}

async function api(base: string, method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

describe('two api processes behind a round-robin proxy (PostgreSQL)', { skip: !BACKENDS.includes('postgres') }, () => {
  const schema = uniqueSchema();
  const env = {
    DATABASE_URL: PG_URL,
    SALESOS_DB_SCHEMA: schema,
    SALESOS_API_KEY: KEY,
    SALESOS_RATE_LIMIT: String(RATE),
    SALESOS_AUTH_FAILURES_PER_MINUTE: String(FAILURES),
    SALESOS_ROLE: 'api',
  };
  let a: Service;
  let b: Service;
  let proxy: { url: string; close: () => Promise<void> };

  before(async () => {
    [a, b] = await Promise.all([startService(env), startService(env)]);
    proxy = await roundRobin([a.url, b.url]);
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([a?.kill(), b?.kill()]);
    const db = await PgConnection.open(PG_URL);
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  check('bad keys are counted across both processes: the limit is reached once, not once per process', async (fig) => {
    const statuses: number[] = [];
    for (let i = 0; i < 3 * FAILURES; i++) statuses.push((await api(proxy.url, 'GET', '/v1/webhooks', `sos_wrong_${randomBytes(12).toString('hex')}`)).status);
    fig(`bad keys sent through the proxy`, statuses.length);
    fig('answers', `401 ×${statuses.filter((s) => s === 401).length}, then 429 ×${statuses.filter((s) => s === 429).length}`);
    assert.deepEqual(statuses, [...Array(FAILURES).fill(401), ...Array(2 * FAILURES).fill(429)]);
    // A valid key from the same address still gets through.
    assert.equal((await api(proxy.url, 'GET', '/v1/webhooks', KEY)).status, 200);
  });

  check('requests per key are counted across both processes', async (fig) => {
    // Sequential requests alternate between the processes; the first 429 comes after RATE of them
    // in all (each process alone would allow RATE). The window starts at the round's first request
    // once the last one ended; a round that outlasts its window is run again.
    const accepted = await waitFor(
      async () => {
        await new Promise((r) => setTimeout(r, 1100));
        const start = Date.now();
        let ok = 0;
        for (let i = 0; i < 2 * RATE + 2; i++) {
          const res = await api(proxy.url, 'GET', '/v1/webhooks', KEY);
          if (res.status === 429) break;
          assert.equal(res.status, 200);
          ok++;
        }
        return Date.now() - start < 900 ? ok : null;
      },
      30_000,
      'a round within one window',
    );
    fig('requests accepted in one window across both processes (limit per key)', `${accepted} (${RATE})`);
    assert.equal(accepted, RATE);
    // The next tests start in a window of their own.
    await new Promise((r) => setTimeout(r, 1100));
  });

  check('a dashboard session opened through one process works through the other, flash messages and sign-out included', async (fig) => {
    const hook = await api(a.url, 'POST', '/v1/webhooks', KEY, { url: 'http://127.0.0.1:9/hooks', events: ['lead.created'] });
    assert.equal(hook.status, 201);
    const c = new Browser(proxy.url);
    const form = await c.request('GET', '/dashboard/sign-in');
    const signIn = await c.request('POST', '/dashboard/sign-in', { _signin: c.hidden(form.text, '_signin'), key: KEY, next: '/dashboard/webhooks' });
    assert.equal(signIn.status, 303, signIn.text);
    // Each page is served by the process the previous one was not.
    for (let i = 0; i < 4; i++) {
      const page = await c.request('GET', '/dashboard/webhooks');
      assert.equal(page.status, 200);
      assert.match(page.text, /127\.0\.0\.1:9\/hooks/);
    }
    const page = await c.request('GET', `/dashboard/webhooks/${hook.body.id}`);
    const rotated = await c.request('POST', `/dashboard/webhooks/${hook.body.id}/rotate-secret`, { _csrf: c.hidden(page.text, '_csrf') });
    assert.equal(rotated.status, 303);
    const shown = await c.request('GET', rotated.headers.get('location')!);
    assert.match(shown.text, /Secret rotated/);
    assert.notEqual(c.served.at(-1), c.served.at(-2), 'the flash was set by one process and shown by the other');
    // Shown once.
    assert.doesNotMatch((await c.request('GET', `/dashboard/webhooks/${hook.body.id}`)).text, /Secret rotated/);
    const csrf = c.hidden((await c.request('GET', '/dashboard/webhooks')).text, '_csrf');
    const cookie = c.cookies.get('sos_session')!;
    assert.equal((await c.request('POST', '/dashboard/sign-out', { _csrf: csrf })).status, 303);
    // Signed out everywhere: the old cookie opens nothing on either process.
    c.cookies.set('sos_session', cookie);
    for (let i = 0; i < 2; i++) assert.equal((await c.request('GET', '/dashboard/webhooks')).status, 303);
    assert.deepEqual(new Set(c.served), new Set(['0', '1']));
    fig('dashboard requests, served alternately by process 0 and 1', c.served.length);
  });

  check('a key revoked by `salesos keys revoke` is refused by both processes within a second', async (fig) => {
    const created = await run(['keys', 'create', '--name', 'doomed', '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    const { key, id } = JSON.parse(created.stdout) as { key: string; id: string };
    // Both processes know the key (and remember it).
    for (const p of [a, b]) assert.equal((await api(p.url, 'GET', '/v1/webhooks', key)).status, 200);
    const revoked = await run(['keys', 'revoke', id], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const at = Date.now();
    const refusedAfter = await Promise.all(
      [a, b].map((p) =>
        waitFor(async () => ((await api(p.url, 'GET', '/v1/webhooks', key)).status !== 200 ? Date.now() - at : null), 5000, `refusal by ${p.url}`),
      ),
    );
    // The bound the issue states: within a second of the revocation, everywhere.
    fig('refused by each process after the revocation', refusedAfter.map((ms) => `${ms} ms`).join(', '));
    for (const ms of refusedAfter) assert.ok(ms < 1000, `refused ${ms} ms after the revocation`);
    for (const p of [a, b]) assert.ok([401, 429].includes((await api(p.url, 'GET', '/v1/webhooks', key)).status));
  });
});
