// docs/webhooks.md shows what the code does: its embedded snippets are the tested files of
// examples/verify and packages/sdk/examples, its example payloads are the typed samples, and its
// event tables match the catalog. Run `node --import tsx packages/sdk/scripts/sync-docs.ts`
// after changing either.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderDocs } from '../scripts/docs-blocks.js';
import { EVENT_CATALOG } from '../src/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const docs = readFileSync(join(repo, 'docs', 'webhooks.md'), 'utf8');

describe('docs/webhooks.md', () => {
  it('has no code block that nothing runs: each is an embedded file, a typed sample, valid JSON or a shell command', () => {
    // Programs are the files the tests run: examples/verify/* (verify-snippets.test.ts) and
    // packages/sdk/examples/*.ts (examples.test.ts).
    const tested = /^(examples\/verify\/verify\.(mjs|py|go|rb|php)|packages\/sdk\/examples\/[\w-]+\.ts)$/;
    const blocks = [...docs.matchAll(/(?:^(.*)\n)?^```(\w*)\n([\s\S]*?)^```$/gm)];
    assert.ok(blocks.length > 30);
    for (const [, before = '', lang, body = ''] of blocks) {
      const marker = /^<!-- (file|sample): (\S+)(?: (\S+))? -->$/.exec(before);
      const where = `a \`\`\`${lang} block after "${before}"`;
      if (marker?.[1] === 'file') assert.match(marker[2]!, tested, where);
      else if (marker?.[1] === 'sample') assert.equal(lang, 'json', where);
      else if (lang === 'json') assert.doesNotThrow(() => JSON.parse(body), where);
      else {
        // The install commands (npm pack, cp, npm install) are checked by package.test.ts; the
        // curl requests need a running SalesOS and an API key, so the server's tests own them.
        assert.equal(lang, 'sh', `${where}: embed a tested file instead`);
        const commands = body.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith(' '));
        for (const command of commands) assert.match(command, /^(curl (-X \w+ )?"\$SALESOS_URL\/v1\/|npm (pack|install) |cp )/, command);
      }
    }
  });

  it('embeds the verification programs and sample payloads exactly as they are', () => {
    const sdkExamples = readdirSync(join(repo, 'packages', 'sdk', 'examples')).filter((file) => file !== 'queue.ts');
    const files = [
      ...['verify.mjs', 'verify.py', 'verify.go', 'verify.rb', 'verify.php'].map((file) => `examples/verify/${file}`),
      ...sdkExamples.map((file) => `packages/sdk/examples/${file}`),
    ];
    for (const file of files) {
      assert.ok(docs.includes(`<!-- file: ${file} `), `${file} is embedded`);
      assert.ok(docs.includes(readFileSync(join(repo, file), 'utf8').trimEnd()), `${file} is current`);
    }
    assert.equal(renderDocs(docs, repo), docs, 'run packages/sdk/scripts/sync-docs.ts');
  });

  it('describes each of the 20 event types as the catalog does, with an example payload', () => {
    for (const { type, description } of EVENT_CATALOG) {
      assert.ok(docs.includes(`| [\`${type}\`](#${type.replace('.', '')}) | ${description} |`), `${type} row`);
      assert.ok(docs.includes(`#### ${type}\n\n<!-- sample: ${type} -->`), `${type} example`);
    }
  });

  it('lists every delivery header and the retry schedule', () => {
    for (const header of [
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
      'X-Webhook-Signature',
      'X-Webhook-Event',
      'X-Webhook-Attempt',
      'User-Agent',
    ]) {
      assert.ok(docs.includes(`| \`${header}\` |`), header);
    }
    for (const delay of ['1 minute', '5 minutes', '30 minutes', '2 hours', '24 hours']) assert.ok(docs.includes(delay), delay);
  });
});
