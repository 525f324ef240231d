// The server side of `salesos listen` (SPEC §10). Owned by the CLI work (issue 7); registered
// under /v1 by src/http/server.ts.
import type { App } from '../app.ts';
import type { Api } from '../http/server.ts';

export async function streamRoutes(_api: Api, _app: App): Promise<void> {}
