// The package as a user gets it. `npm pack` of a clean copy of packages/sdk (no dist, as in a
// fresh clone) must build it through its prepack script; the tarball, installed into empty
// projects, must load from ESM and CommonJS, and its declarations must pass `tsc --strict` with
// skipLibCheck false: the main entry with no @types/node at all, the Node.js entries with it.
// The copy keeps this test from rebuilding the workspace's dist under other tests' feet.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SECRET, VECTOR } from './helpers.js';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(sdk, '..', '..');
const tsc = createRequire(join(repo, 'package.json')).resolve('typescript/bin/tsc');
const scratch = mkdtempSync(join(tmpdir(), 'salesos-sdk-package-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// npm passes its settings to scripts as npm_* variables: a `npm test -w …` must not make the
// npm commands below act on a workspace. Where packages come from (cache, registry) stays.
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_(cache|registry|userconfig)$/i.test(name)),
);

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function node(file: string): unknown {
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: dirname(file), encoding: 'utf8' }));
}

/** Runs tsc on a project; its diagnostics become the assertion message. */
function typeCheck(project: string): void {
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: dirname(project), encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    assert.fail(`tsc -p ${basename(project)} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** An empty project with the tarball installed, as `npm install ./salesos-webhooks-x.y.z.tgz` makes it. */
function project(name: string, tarball: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  // The package has no dependencies, so nothing needs the registry.
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], dir);
  return dir;
}

// Signs the Standard Webhooks vector, verifies a fresh delivery and a tampered one, answers a
// Fetch Request and a node:http request; `load` binds `m` (the main entry), `node`, `express`
// and `fastify` (the other entries).
const probe = (load: string) => `
${load}
const { createServer } = require('node:http');
const { sign, signHeaders, verify, fetchHandler, EVENT_TYPES, WebhookVerificationError } = m;
const secret = '${SECRET}';
(async () => {
  const signature = await sign({ id: '${VECTOR.id}', timestamp: ${VECTOR.timestamp}, body: '${VECTOR.body}', secret: '${VECTOR.secret}' });
  const body = JSON.stringify({ id: 'evt_1', type: 'task.completed', created_at: '', organization_id: 'org_1', data: { object: {} } });
  const headers = await signHeaders({ id: 'evt_1', body, secret });
  const event = await verify(body, headers, secret);
  let code;
  try { await verify(body + ' ', headers, secret); } catch (e) { code = e instanceof WebhookVerificationError && e.code; }
  const answer = await fetchHandler(secret, (e) => Response.json({ got: e.type }))(new Request('http://worker/', { method: 'POST', body, headers }));
  const server = createServer(node.nodeHandler(secret, () => {}));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const viaNode = await fetch('http://127.0.0.1:' + server.address().port + '/', { method: 'POST', body, headers });
  server.close();
  console.log(JSON.stringify({
    signature, type: event.type, count: EVENT_TYPES.length, code,
    fetch: [answer.status, await answer.json()], node: [viaNode.status, await viaNode.json()],
    adapters: [typeof express.expressWebhook, typeof express.verifyExpress, typeof fastify.fastifyWebhook, typeof fastify.keepRawBody],
  }));
})();`;

const expected = {
  signature: VECTOR.signature,
  type: 'task.completed',
  count: 24,
  code: 'invalid_signature',
  fetch: [200, { got: 'task.completed' }],
  node: [200, { received: true }],
  adapters: ['function', 'function', 'function', 'function'],
};

// Uses the main entry as a Worker or a Next.js route would; compiled without @types/node.
const webConsumer = (imports: string) => `${imports}
const secrets: string[] = ['${SECRET}'];
export const handle: (request: Request) => Promise<Response> = fetchHandler(secrets, async (event: SalesOSEvent) => {
  if (event.type === 'opportunity.won') {
    const amount: number | null | undefined = event.data.object.amount;
    return Response.json({ amount, stage: event.data.previous_attributes.stage });
  }
  return undefined;
}, { dedup: new MemoryDedupStore({ ttlSeconds: 60 }) });
export async function check(body: string, headers: Headers): Promise<VerificationErrorCode | EventType> {
  try {
    return (await verify(body, headers, secrets, { toleranceSeconds: 60 })).type;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
}
export const signed: Promise<SignedHeaders> = signHeaders({ id: 'evt_1', body: '{}', secret: secrets[0]! });
`;

// The Node.js entries with the real Express, Fastify and node:http types.
const nodeConsumer = `
import express, { type Request, type Response } from 'express';
import Fastify from 'fastify';
import { createServer } from 'node:http';
import { MemoryDedupStore, type SalesOSEvent } from '@salesos/webhooks';
import { nodeHandler, readRawBody } from '@salesos/webhooks/node';
import { expressWebhook, verifyExpress, type ExpressRequestLike } from '@salesos/webhooks/express';
import { fastifyVerify, fastifyWebhook, keepRawBody } from '@salesos/webhooks/fastify';

const secret = '${SECRET}';
const seen: SalesOSEvent[] = [];
export const server = createServer(nodeHandler(secret, (event, _req, res) => { seen.push(event); res.statusCode = 204; }, { dedup: new MemoryDedupStore() }));
export const app = express();
app.post('/a', expressWebhook<Request, Response>(secret, (event, _req, res) => { seen.push(event); res.sendStatus(204); }));
app.post('/b', verifyExpress(secret), (req: ExpressRequestLike, res) => { res.json({ type: req.webhookEvent?.type }); });
export const fastify = Fastify();
void fastify.register(fastifyWebhook({ path: '/c', secret, handler: async (event) => { seen.push(event); } }));
void fastify.register(async (scope) => {
  keepRawBody(scope);
  scope.post('/d', { preHandler: fastifyVerify(secret) }, async () => ({ ok: true }));
});
void readRawBody;
`;

describe('the packed package (npm pack, then npm install of the tarball)', () => {
  let tarball = '';
  let packed: string[] = [];
  let web = '';
  let nodeApp = '';

  before(() => {
    // A clean copy: what git holds, without a dist or a node_modules of its own. typescript is
    // reached through a node_modules beside it, as in the workspace.
    const build = join(scratch, 'build');
    cpSync(sdk, join(build, 'sdk'), { recursive: true, filter: (path) => !/^(dist|node_modules)$/.test(path.slice(sdk.length + 1)) });
    symlinkSync(join(repo, 'node_modules'), join(build, 'node_modules'), 'dir');
    const [result] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], join(build, 'sdk'))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = join(scratch, result!.filename);
    packed = result!.files.map((file) => file.path);
    web = project('web', tarball);
    nodeApp = project('node-app', tarball);
    // The Node.js consumer borrows the repository's type packages and frameworks.
    for (const name of ['@types', 'express', 'fastify']) symlinkSync(join(repo, 'node_modules', name), join(nodeApp, 'node_modules', name), 'dir');
  });

  it('builds on npm pack: the tarball holds ESM, CommonJS and declarations of every entry, and no sources', () => {
    for (const entry of ['index', 'middleware/node', 'middleware/express', 'middleware/fastify']) {
      for (const format of ['esm', 'cjs']) {
        for (const ext of ['js', 'd.ts']) assert.ok(packed.includes(`dist/${format}/${entry}.${ext}`), `dist/${format}/${entry}.${ext}`);
      }
    }
    assert.ok(packed.includes('dist/cjs/package.json'), 'dist/cjs is marked as CommonJS');
    assert.ok(packed.includes('README.md') && packed.includes('package.json'));
    assert.deepEqual(
      packed.filter((path) => !path.startsWith('dist/') && path !== 'README.md' && path !== 'package.json'),
      [],
      'no sources, tests or scripts',
    );
    const manifest = JSON.parse(readFileSync(join(web, 'node_modules', '@salesos', 'webhooks', 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
    // npm 11 holds back, with a warning, the install scripts of a package installed from a file,
    // `prepare` included: the package has none, so it installs quietly and never builds there.
    assert.deepEqual(
      Object.keys(manifest.scripts).filter((name) => /^(pre|post)?(install|prepare)$/.test(name)),
      [],
    );
  });

  it('is built by npm ci in the repository: the root prepare script builds it', () => {
    // (npm ci itself is too slow to run here; this guards the script that does it: the root
    // build, scripts/build.mjs, runs the SDK's build before compiling the server.)
    const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    assert.equal(root.scripts.prepare, 'node scripts/build.mjs');
    assert.match(readFileSync(join(repo, 'scripts/build.mjs'), 'utf8'), /packages\/sdk[\s\S]*scripts\/build\.mjs/);
  });

  it('is what the docs say to install: npm pack -w @salesos/webhooks, then npm install ./<that tarball>', () => {
    for (const doc of ['docs/webhooks.md', 'packages/sdk/README.md']) {
      const text = readFileSync(join(repo, doc), 'utf8');
      assert.ok(text.includes('npm pack -w @salesos/webhooks'), `${doc} shows npm pack`);
      assert.ok(text.includes(`npm install ./${basename(tarball)}`), `${doc} installs ${basename(tarball)}`);
      assert.ok(text.includes('npm install @salesos/webhooks'), `${doc} shows the registry install`);
    }
  });

  it('imports from ESM (.mjs)', () => {
    const file = join(web, 'probe.mjs');
    const load = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const m = await import('@salesos/webhooks');
const node = await import('@salesos/webhooks/node');
const express = await import('@salesos/webhooks/express');
const fastify = await import('@salesos/webhooks/fastify');`;
    writeFileSync(file, probe(load));
    assert.deepEqual(node(file), expected);
  });

  it('requires from CommonJS (.cjs), resolving to the CommonJS build', () => {
    const file = join(web, 'probe.cjs');
    const load = `const m = require('@salesos/webhooks');
const node = require('@salesos/webhooks/node');
const express = require('@salesos/webhooks/express');
const fastify = require('@salesos/webhooks/fastify');`;
    writeFileSync(file, probe(load));
    assert.deepEqual(node(file), expected);
    const resolve = createRequire(file).resolve;
    assert.match(resolve('@salesos/webhooks'), /node_modules[\\/]@salesos[\\/]webhooks[\\/]dist[\\/]cjs[\\/]index\.js$/);
    assert.match(resolve('@salesos/webhooks/express'), /dist[\\/]cjs[\\/]middleware[\\/]express\.js$/);
  });

  it('runs its main entry without Buffer and loads no Node.js module, as on Deno, Bun and Workers', () => {
    const dist = join(web, 'node_modules', '@salesos', 'webhooks', 'dist', 'esm');
    for (const path of packed.filter((p) => p.startsWith('dist/esm/') && p.endsWith('.js'))) {
      const code = readFileSync(join(dist, path.slice('dist/esm/'.length)), 'utf8');
      assert.doesNotMatch(code, /^import .* from ['"]node:/m, path);
      assert.doesNotMatch(code, /\bBuffer\.\w+\(/, path);
    }
    const file = join(web, 'no-buffer.mjs');
    writeFileSync(
      file,
      `delete globalThis.Buffer;
const { sign, verify, signHeaders } = await import('@salesos/webhooks');
const signature = await sign({ id: '${VECTOR.id}', timestamp: ${VECTOR.timestamp}, body: '${VECTOR.body}', secret: '${VECTOR.secret}' });
const body = '{"id":"evt_1","type":"lead.created","data":{"object":{}}}';
const event = await verify(body, await signHeaders({ id: 'evt_1', body, secret: '${SECRET}' }), '${SECRET}');
console.log(JSON.stringify({ signature, type: event.type, buffer: typeof Buffer }));`,
    );
    assert.deepEqual(node(file), { signature: VECTOR.signature, type: 'lead.created', buffer: 'undefined' });
  });

  it('type-checks the main entry under tsc --strict --skipLibCheck false without @types/node (lib ES2022 + DOM)', () => {
    assert.equal(existsSync(join(web, 'node_modules', '@types')), false, 'no @types in this project');
    const names = 'fetchHandler, MemoryDedupStore, signHeaders, verify, WebhookVerificationError';
    const types = 'type EventType, type SalesOSEvent, type SignedHeaders, type VerificationErrorCode';
    writeFileSync(join(web, 'esm.mts'), webConsumer(`import { ${names}, ${types} } from '@salesos/webhooks';`));
    writeFileSync(
      join(web, 'cjs.cts'),
      webConsumer(`import { ${names}, ${types} } from '@salesos/webhooks';\nimport webhooks = require('@salesos/webhooks');\nvoid webhooks.EVENT_TYPES;`),
    );
    const compilerOptions = {
      strict: true,
      skipLibCheck: false,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      lib: ['ES2022', 'DOM'],
      types: [],
    };
    writeFileSync(join(web, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['esm.mts', 'cjs.cts'] }));
    typeCheck(join(web, 'tsconfig.json'));
  });

  it('type-checks the node, express and fastify entries with @types/node: ESM and CommonJS (nodenext), and node10 resolution', () => {
    writeFileSync(join(nodeApp, 'esm.mts'), nodeConsumer);
    writeFileSync(join(nodeApp, 'cjs.cts'), nodeConsumer);
    writeFileSync(join(nodeApp, 'node10.ts'), nodeConsumer);
    const common = { strict: true, skipLibCheck: false, noEmit: true, lib: ['ES2022'], types: ['node'] };
    const nodenext = { compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['esm.mts', 'cjs.cts'] };
    // moduleResolution node10 ignores "exports": the subpaths resolve through typesVersions. The
    // declarations were checked by the first run; skipping that here halves the time.
    const node10 = {
      compilerOptions: { ...common, skipLibCheck: true, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true },
      files: ['node10.ts'],
    };
    writeFileSync(join(nodeApp, 'tsconfig.json'), JSON.stringify(nodenext));
    writeFileSync(join(nodeApp, 'tsconfig.node10.json'), JSON.stringify(node10));
    typeCheck(join(nodeApp, 'tsconfig.json'));
    typeCheck(join(nodeApp, 'tsconfig.node10.json'));
  });
});
