// docs/webhooks.md shows what the code does: its embedded snippets are the tested files of
// examples/verify, its example payloads are the typed samples, and its event tables match the
// catalog. Run `node --import tsx packages/sdk/scripts/sync-docs.ts` after changing either.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderDocs } from '../scripts/docs-blocks.js';
import { EVENT_CATALOG } from '../src/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const docs = readFileSync(join(repo, 'docs', 'webhooks.md'), 'utf8');

describe('docs/webhooks.md', () => {
  it('embeds the verification programs and sample payloads exactly as they are', () => {
    for (const file of ['verify.mjs', 'verify.py', 'verify.go', 'verify.rb', 'verify.php']) {
      assert.ok(docs.includes(`<!-- file: examples/verify/${file} `), `${file} is embedded`);
      assert.ok(docs.includes(readFileSync(join(repo, 'examples', 'verify', file), 'utf8').trimEnd()), `${file} is current`);
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
