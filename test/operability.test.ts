// Operating the service: what its log, /readyz and /metrics say about delivery workers, a SQLite
// file that vanishes under a running service, GET /, the request log at info, the OpenAPI
// document's server and /docs in a real browser.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, test } from 'node:test';
import { PgConnection } from '../src/store/postgres/connection.ts';
import { launch } from './dashboard-browser.ts';
import { BACKENDS, PG_URL, startApp, uniqueSchema, waitFor } from './helpers.ts';
import { startService } from './process-helpers.ts';

const KEY = `sos_test_${randomBytes(16).toString('hex')}`;
const dirs: string[] = [];
const schemas: string[] = [];

after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (schemas.length) {
    const db = await PgConnection.open(PG_URL);
    for (const s of schemas) await db.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await db.close();
  }
});

const readyz = async (url: string) => (await (await fetch(`${url}/readyz`)).json()) as { status: string; workers_alive: number; warning?: string };
const workersGauge = async (url: string) => Number(/^salesos_workers_alive (\d+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1]);

describe('delivery workers', () => {
  test('an api-role process with no live worker says so in its log (once per change), /readyz and salesos_workers_alive (postgres)', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const env = { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema, SALESOS_API_KEY: KEY, LOG_LEVEL: 'info' };
    const api = await startService({ ...env, SALESOS_ROLE: 'api' });
    const warnings = () => api.output().match(/no delivery worker is alive/g)?.length ?? 0;
    try {
      await waitFor(() => warnings() === 1, 30_000, 'the warning in the log');
      const alone = await readyz(api.url);
      assert.equal(alone.status, 'ready');
      assert.equal(alone.workers_alive, 0);
      assert.match(alone.warning ?? '', /no delivery worker/i);
      assert.equal(await workersGauge(api.url), 0);

      const worker = await startService({ ...env, SALESOS_ROLE: 'worker' });
      try {
        await waitFor(async () => (await readyz(api.url)).workers_alive === 1, 30_000, 'the worker counted');
        assert.equal((await readyz(api.url)).warning, undefined);
        assert.equal(await workersGauge(api.url), 1);
        await waitFor(() => /delivery worker is alive again/.test(api.output()), 30_000, 'the log says a worker is back');
        assert.equal(warnings(), 1, 'said once while no worker was alive');
      } finally {
        await worker.kill();
      }
      // A worker that stops removes its heartbeat: the api process says so again, once.
      await waitFor(() => warnings() === 2, 30_000, 'the warning again');
      assert.equal((await readyz(api.url)).workers_alive, 0);
    } finally {
      await api.kill();
    }
  });
});

describe('the SQLite file under a running service', () => {
  for (const change of ['deleted', 'replaced'] as const) {
    test(`${change}: the service stops with exit status 1 and a line saying so`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'salesos-ops-'));
      dirs.push(dir);
      const s = await startService({ SALESOS_DATA_DIR: dir, SALESOS_API_KEY: KEY });
      const file = join(dir, 'salesos.db');
      try {
        if (change === 'deleted') rmSync(dir, { recursive: true, force: true });
        else {
          copyFileSync(file, join(dir, 'copy.db'));
          renameSync(join(dir, 'copy.db'), file);
        }
        assert.equal(await s.exited, 1);
        assert.match(s.output(), new RegExp(`salesos: the database file .*salesos\\.db was ${change}.*stopping`));
      } finally {
        await s.kill('SIGKILL');
      }
    });
  }
});

for (const backend of BACKENDS) {
  describe(`the HTTP edge on ${backend}`, () => {
    test('GET / redirects to the dashboard; the OpenAPI server is the address the document came from', async () => {
      const t = await startApp(backend, {}, { worker: false });
      try {
        const root = await fetch(`${t.url}/`, { redirect: 'manual' });
        assert.equal(root.status, 302);
        assert.equal(new URL(root.headers.get('location')!, t.url).pathname, '/dashboard');
        const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as { servers: Array<{ url: string }> };
        assert.equal(new URL(doc.servers[0].url, `${t.url}/openapi.json`).href, `${t.url}/`);
      } finally {
        await t.close();
      }
    });

    test('at info, the request log leaves out health checks, scrapes and the dashboard polling', async () => {
      const stream = new PassThrough();
      let log = '';
      stream.on('data', (d: Buffer) => (log += d.toString()));
      const t = await startApp(backend, { LOG_LEVEL: 'info' }, { worker: false, logStream: stream });
      try {
        for (const path of ['/healthz', '/readyz?probe=1', '/metrics']) assert.equal((await fetch(t.url + path)).status, 200);
        await fetch(`${t.url}/dashboard/webhooks`, { headers: { accept: 'application/json' }, redirect: 'manual' });
        assert.equal((await t.api('GET', '/v1/webhooks')).status, 200);
        await waitFor(() => log.includes('/v1/webhooks'));
        const urls = log
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url)
          .filter(Boolean);
        assert.deepEqual([...new Set(urls)], ['/v1/webhooks']);
      } finally {
        await t.close();
      }
    });
  });
}

describe('/docs in Chromium', () => {
  test('Swagger UI loads the document without a console error, and "Try it out" calls this server', async () => {
    const t = await startApp('sqlite', {}, { worker: false });
    let browser: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      // Inside the try: a browser that cannot start must not leave the app open (the file would never end).
      browser = await launch();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(`${t.url}/docs`);
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      const operations = await page.locator('.opblock').count();
      assert.ok(operations > 10, `${operations} operations shown`);
      const server = await page.locator('.servers select').inputValue();
      assert.equal(new URL(server, `${t.url}/docs`).href, `${t.url}/`);
      assert.deepEqual(errors, []);
    } finally {
      await browser?.close();
      await t.close();
    }
  });
});
