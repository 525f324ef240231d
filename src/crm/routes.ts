// The CRM API (SPEC §4). Owned by the CRM work (issue 4); registered under /v1 by src/http/server.ts.
import type { App } from '../app.ts';
import type { Api } from '../http/server.ts';

export async function crmRoutes(_api: Api, _app: App): Promise<void> {}
