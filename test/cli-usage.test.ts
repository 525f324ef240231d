// How `salesos` behaves as a command: help everywhere, exit codes (2 usage, 1 failure), one-line
// errors, and where the API settings come from (flag, environment, profile file). Each exit code
// is checked once through the real bin (runBin: a child process); the rest runs in this process
// (runCli: the CLI's entry function, its output and exit code captured).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli/index.ts';
import { apiEnv, cliEnv, runBin, runCli, runJson } from './cli-helpers.ts';
import { startApp, type TestApp } from './helpers.ts';
import { freePort } from './process-helpers.ts';

function leaves(cmd: Command, path: string[] = []): Array<{ path: string[]; cmd: Command }> {
  const subs = cmd.commands as Command[];
  if (!subs.length) return [{ path, cmd }];
  return subs.flatMap((c) => leaves(c, [...path, c.name()]));
}

describe('salesos command line', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp('sqlite');
  });
  after(async () => {
    await t?.close();
  });

  test('every command has help; the API commands that print data have --json', () => {
    const all = leaves(buildProgram({}));
    const names = all.map((l) => l.path.join(' '));
    for (const expected of [
      'serve',
      'migrate',
      'keys create',
      'webhooks list',
      'webhooks create',
      'webhooks update',
      'webhooks delete',
      'webhooks rotate-secret',
      'webhooks secrets',
      'webhooks test',
      'webhooks recover',
      'webhooks replay',
      'tasks get',
      'events trigger',
      'events list',
      'deliveries list',
      'deliveries show',
      'deliveries retry',
      'deliveries tail',
      'listen',
    ]) {
      assert.ok(names.includes(expected), `missing command ${expected}`);
    }
    for (const { path, cmd } of all) {
      const help = cmd.helpInformation();
      assert.match(help, new RegExp(`Usage: salesos ${path.join(' ')}`));
      assert.ok(cmd.description().length > 10, `${path.join(' ')} has a description`);
      if (['list', 'show', 'create', 'trigger'].includes(path[path.length - 1])) assert.match(help, /--json/, `${path.join(' ')} --json`);
    }
  });

  test('--help exits 0; usage errors exit 2 and name the problem', async () => {
    const help = await runBin(['listen', '--help'], cliEnv());
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--forward-to <url>/);

    const missing = await runBin(['webhooks', 'create', '--events', 'lead.*'], apiEnv(t));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '--url <url>' not specified/);

    const unknownType = await runCli(['webhooks', 'create', '--url', 'http://localhost:3000/hooks', '--events', 'lead.exploded'], apiEnv(t));
    assert.equal(unknownType.code, 2);
    assert.match(unknownType.stderr, /unknown event type lead\.exploded/);

    const trigger = await runCli(['events', 'trigger', 'lead.exploded'], apiEnv(t));
    assert.equal(trigger.code, 2);
    assert.match(trigger.stderr, /unknown event type "lead\.exploded"/);

    const badUrl = await runCli(['listen', '--forward-to', 'localhost:3000'], apiEnv(t));
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /--forward-to/);

    const badOrg = await runCli(['keys', 'create', '--org', 'two words'], cliEnv({ ...t.env }));
    assert.equal(badOrg.code, 2);
    assert.match(badOrg.stderr, /--org <name>' argument 'two words' is invalid/);

    const unknown = await runCli(['webhoks', 'list'], cliEnv());
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'webhoks'/);
  });

  test('an unreachable server exits 1 naming the URL; a missing key exits 1 saying where keys come from', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const down = await runBin(['webhooks', 'list'], cliEnv({ SALESOS_API_URL: url, SALESOS_API_KEY: 'sos_x' }));
    assert.equal(down.code, 1);
    assert.equal(down.stderr, `salesos: could not reach the SalesOS API at ${url} (connection refused)\n`);

    const nokey = await runCli(['events', 'list'], cliEnv({ SALESOS_API_URL: t.url }));
    assert.equal(nokey.code, 1);
    assert.match(nokey.stderr, /^salesos: no API key: pass --api-key, set SALESOS_API_KEY/);
  });

  test('settings come from the flags, then the environment, then the profile file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salesos-profile-'));
    const profile = join(dir, 'config.json');
    writeFileSync(profile, JSON.stringify({ api_url: t.url, api_key: t.key }));
    const created = await t.api<{ id: string }>('POST', '/v1/webhooks', { url: 'http://localhost:3000/hooks', events: ['*'] });

    const fromProfile = await runJson<Array<{ id: string }>>(['webhooks', 'list'], cliEnv({ SALESOS_CONFIG: profile }));
    assert.ok(fromProfile.some((w) => w.id === created.body.id));

    // The default profile location is ~/.config/salesos/config.json.
    const home = mkdtempSync(join(tmpdir(), 'salesos-home-'));
    mkdirSync(join(home, '.config', 'salesos'), { recursive: true });
    writeFileSync(join(home, '.config', 'salesos', 'config.json'), JSON.stringify({ api_url: t.url, api_key: t.key }));
    assert.ok((await runJson<Array<{ id: string }>>(['webhooks', 'list'], { ...cliEnv(), HOME: home })).some((w) => w.id === created.body.id));

    const envWins = await runCli(['webhooks', 'list'], cliEnv({ SALESOS_CONFIG: profile, SALESOS_API_KEY: 'sos_from_env' }));
    assert.equal(envWins.code, 1);
    assert.match(envWins.stderr, /401 unauthorized/);

    const flagWins = await runCli(['webhooks', 'list', '--api-key', t.key, '--json'], cliEnv({ SALESOS_CONFIG: profile, SALESOS_API_KEY: 'sos_from_env' }));
    assert.equal(flagWins.code, 0, flagWins.stderr);

    writeFileSync(profile, '{not json');
    const broken = await runCli(['webhooks', 'list'], cliEnv({ SALESOS_CONFIG: profile }));
    assert.equal(broken.code, 1);
    assert.equal(broken.stderr, `salesos: the profile file ${profile} is not valid JSON\n`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });
});
