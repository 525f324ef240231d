// The dashboard at /dashboard (SPEC §8). Owned by the dashboard work (issue 5); registered at the
// root (not under /v1) by src/http/server.ts.
import type { App } from '../app.ts';
import type { Api } from '../http/server.ts';

export async function dashboardRoutes(_api: Api, _app: App): Promise<void> {}
