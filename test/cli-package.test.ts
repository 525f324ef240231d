// @salesos/cli as a user gets it: `npm pack` of packages/cli builds its one-file bundle
// (prepack); installed from the tarball into an empty prefix, it has no dependencies (nothing
// native, nothing of the server), and its `salesos listen --forward-to` forwards a running
// server's events to a local receiver.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { eventData, startApp, startReceiver, waitFor, type Receiver, type TestApp } from './helpers.ts';

const CLI = join(import.meta.dirname, '..', 'packages', 'cli');
const scratch = mkdtempSync(join(tmpdir(), 'salesos-cli-package-'));
const prefix = join(scratch, 'prefix');
const home = join(scratch, 'home');

// npm passes its settings to scripts as npm_* variables: keep them from the npm commands below.
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_(cache|registry|userconfig)$/i.test(name)),
);
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Every file under a directory. */
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe('@salesos/cli from its tarball', () => {
  let tarball: string;
  let t: TestApp;
  let rx: Receiver;

  before(async () => {
    // Packed as from a fresh clone: the bundle is built by prepack.
    rmSync(join(CLI, 'dist'), { recursive: true, force: true });
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], CLI)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(scratch, packed[0].filename);
    assert.deepEqual(packed[0].files.map((f) => f.path).sort(), ['README.md', 'dist/salesos.js', 'package.json']);
    // An empty prefix, as `npm install -g` makes it; no dependencies, so no registry either.
    npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], scratch);
    t = await startApp('sqlite');
    rx = await startReceiver();
  });
  after(async () => {
    await rx?.close();
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('installs without dependencies: nothing native, none of the server', () => {
    const manifest = JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined);
    const installed = files(join(prefix, 'lib', 'node_modules'));
    assert.ok(
      installed.every((f) => f.includes(join('node_modules', '@salesos', 'cli'))),
      'only the package itself',
    );
    assert.ok(!installed.some((f) => /better-sqlite3|\.node$|fastify|[/\\]pg[/\\]/.test(f)), installed.join('\n'));
    const listed = JSON.parse(npm(['ls', '--global', '--prefix', prefix, '--all', '--json'], scratch)) as { dependencies: Record<string, unknown> };
    assert.deepEqual(Object.keys(listed.dependencies), ['@salesos/cli']);
    const bundle = readFileSync(join(prefix, 'lib', 'node_modules', '@salesos', 'cli', 'dist', 'salesos.js'), 'utf8');
    assert.doesNotMatch(bundle, /better-sqlite3/);
  });

  test('the installed salesos has the client commands and not the server ones', () => {
    const bin = join(prefix, 'bin', 'salesos');
    assert.ok(existsSync(bin));
    const help = execFileSync(bin, ['--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home } });
    for (const command of ['webhooks', 'events', 'deliveries', 'listen']) assert.match(help, new RegExp(`^  ${command}\\b`, 'm'));
    for (const command of ['serve', 'migrate', 'keys']) assert.doesNotMatch(help, new RegExp(`^  ${command}\\b`, 'm'));
  });

  test('salesos listen --forward-to forwards a running server’s event to a local receiver', async () => {
    const child = spawn(join(prefix, 'bin', 'salesos'), ['listen', '--forward-to', rx.url], {
      env: { PATH: process.env.PATH ?? '', HOME: home, SALESOS_API_URL: t.url, SALESOS_API_KEY: t.key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      const secret = (await waitFor(() => /signing secret is (whsec_\S+)/.exec(out), 30_000, `listen ready\n${out}`))[1];
      const published = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created', { last_name: 'Hopper' }) });
      assert.equal(published.status, 202);
      const [req] = await rx.waitFor(1);
      const payload = new StandardWebhook(secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }) as { id: string; type: string };
      assert.equal(payload.id, published.body.id);
      assert.equal(payload.type, 'lead.created');
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  });
});
