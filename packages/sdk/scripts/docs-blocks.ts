// docs/webhooks.md embeds files and sample payloads between markers, so that what the guide
// shows is what the tests run:
//   <!-- file: examples/verify/verify.py python -->   the file, as a ```python block
//   <!-- sample: opportunity.won -->                  the sample event, as a ```json block
//   <!-- end -->
// renderDocs refreshes every block; the docs test checks that rendering changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventType } from '../src/index.js';
import { sampleEvents } from '../test/fixtures.js';

const BLOCK = /(<!-- (file|sample): (\S+)(?: (\S+))? -->)[\s\S]*?(<!-- end -->)/g;

export function renderDocs(markdown: string, repoRoot: string): string {
  return markdown.replace(BLOCK, (_match, open: string, kind: string, name: string, lang: string | undefined, close: string) => {
    const content =
      kind === 'file'
        ? readFileSync(join(repoRoot, name), 'utf8').replace(/\n$/, '')
        : JSON.stringify(sampleEvents[name as EventType] ?? missing(name), null, 2);
    return `${open}\n\`\`\`${lang ?? 'json'}\n${content}\n\`\`\`\n${close}`;
  });
}

function missing(name: string): never {
  throw new Error(`docs/webhooks.md refers to an unknown sample "${name}"`);
}
