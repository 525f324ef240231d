// Refreshes the embedded files and samples of docs/webhooks.md:
//   node --import tsx packages/sdk/scripts/sync-docs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocs } from './docs-blocks.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const path = join(repo, 'docs', 'webhooks.md');
const before = readFileSync(path, 'utf8');
const after = renderDocs(before, repo);
writeFileSync(path, after);
console.log(before === after ? 'docs/webhooks.md was up to date' : 'docs/webhooks.md updated');
