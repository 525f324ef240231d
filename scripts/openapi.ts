// Writes docs/openapi.json from the running code's schemas (`npm run openapi`). A test fails when
// the checked-in file and the code drift apart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

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
  writeFileSync('docs/openapi.json', await generateOpenApi());
  console.log('wrote docs/openapi.json');
}
