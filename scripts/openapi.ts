// Writes docs/openapi.json, the API reference docs/api.md and the client types a generator makes
// of the document (test/client/openapi.ts) from the running code's schemas (`npm run openapi`).
// Tests fail when the checked-in files and the code drift apart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { renderApiDocs } from './api-docs.ts';

export const CLIENT_TYPES = 'test/client/openapi.ts';

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

/** What openapi-typescript makes of the document: the types a client generated from it sees. */
export async function generateClientTypes(doc: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(doc) as OpenAPI3);
  return `// Generated from docs/openapi.json by openapi-typescript (npm run openapi); do not edit.\n// test/client.test.ts fails when it differs from what the document generates.\n\n${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await generateOpenApi();
  writeFileSync('docs/openapi.json', doc);
  writeFileSync('docs/api.md', renderApiDocs(JSON.parse(doc)));
  writeFileSync(CLIENT_TYPES, await generateClientTypes(doc));
  console.log(`wrote docs/openapi.json, docs/api.md and ${CLIENT_TYPES}`);
}
