// Starts examples/receiver/server.ts as its own process on a free port and checks that an
// event delivered twice is processed once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sampleEvents } from './fixtures.js';
import { delivery, post, SECRET, withId } from './helpers.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('examples/receiver', () => {
  let child: ChildProcess;
  let url: string;
  const lines: string[] = [];
  const waiters: Array<{ match: string; resolve: () => void }> = [];

  /** Resolves once the receiver has printed a line containing `text`. */
  function printed(text: string): Promise<void> {
    if (lines.some((line) => line.includes(text))) return Promise.resolve();
    return new Promise((resolve) => waiters.push({ match: text, resolve }));
  }

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/receiver/server.ts'], {
      cwd: repo,
      env: { ...process.env, SALESOS_WEBHOOK_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      for (const waiter of waiters.filter((w) => line.includes(w.match))) waiter.resolve();
    });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`the receiver exited (${code}) before listening:\n${lines.join('\n')}`);
    });
    await Promise.race([printed('listening on '), exited]);
    exited.catch(() => {}); // its later exit, on shutdown, is expected
    url = lines.find((line) => line.startsWith('listening on '))!.slice('listening on '.length);
  });

  after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('processes an event delivered twice only once', async () => {
    const event = withId(sampleEvents['opportunity.won'], 'evt_example_twice');
    const first = await delivery(event);
    const again = await delivery(event); // a retry: signed again, same event id
    assert.deepEqual(await post(url, first.body, first.headers), { status: 200, body: { received: true } });
    assert.deepEqual(await post(url, again.body, again.headers), { status: 200, body: { received: true, duplicate: true } });

    // The queue is FIFO: once a later event is processed, everything before it has been.
    const marker = await delivery(withId(sampleEvents['task.completed'], 'evt_example_marker'));
    assert.equal((await post(url, marker.body, marker.headers)).status, 200);
    await printed('processed evt_example_marker');
    assert.equal(lines.filter((line) => line.includes('processed evt_example_twice')).length, 1);
    assert.ok(lines.some((line) => line.startsWith('won: ')));
  });

  it('refuses an unsigned request with 400 and processes nothing', async () => {
    const { body } = await delivery(withId(sampleEvents['lead.created'], 'evt_example_unsigned'));
    const answer = await post(url, body, { 'content-type': 'application/json' });
    assert.equal(answer.status, 400);
    assert.equal((answer.body as { error: { code: string } }).error.code, 'missing_header');
    const marker = await delivery(withId(sampleEvents['task.completed'], 'evt_example_marker2'));
    await post(url, marker.body, marker.headers);
    await printed('processed evt_example_marker2');
    assert.ok(!lines.some((line) => line.includes('evt_example_unsigned')));
  });
});
