// Writes docs/openapi.json and the API reference docs/api.md from the running code's schemas
// (`npm run openapi`). A test fails when the checked-in files and the code drift apart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { renderApiDocs } from './api-docs.ts';

export async function generateOpenApi(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'salesos-openapi-'));
  const app = await createApp(loadConfig({ SALESOS_DATA_DIR: dir, LOG_LEVEL: 'silent' }), { worker: false });
  try {
    await app.http.ready();
    return JSON.stringify(app.http.swagger(), null, 2) + '\n';
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await generateOpenApi();
  writeFileSync('docs/openapi.json', doc);
  writeFileSync('docs/api.md', renderApiDocs(JSON.parse(doc)));
  console.log('wrote docs/openapi.json and docs/api.md');
}
