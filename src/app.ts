// The application: configuration, database, services, HTTP server and delivery worker, wired
// once. `salesos serve`, the tests and the benchmarks all build it through createApp.
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { DeliveryService } from './delivery/service.ts';
import { Worker } from './delivery/worker.ts';
import { schedulePurge } from './delivery/retention.ts';
import { EventService } from './events/service.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { buildServer, type Api } from './http/server.ts';
import { KeyService } from './orgs/keys.ts';
import { openDb, type Db } from './store/db.ts';
import { WebhookService } from './webhooks/service.ts';

export interface App {
  config: Config;
  db: Db;
  log: Logger;
  metrics: Metrics;
  keys: KeyService;
  webhooks: WebhookService;
  events: EventService;
  deliveries: DeliveryService;
  worker: Worker | null;
  http: Api;
  close(): Promise<void>;
}

// Keys, secrets and signatures never reach the logs.
export const REDACT = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'secret',
  'key',
  'apiKey',
  '*.secret',
  '*.key',
  '*.apiKey',
  'requestHeaders["webhook-signature"]',
  'requestHeaders["x-webhook-signature"]',
  '*["webhook-signature"]',
  '*["x-webhook-signature"]',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'salesos' } }, destination);
}

export interface CreateAppOptions {
  logger?: Logger;
  /** Start the delivery worker (default: when the role is worker or all). */
  worker?: boolean;
}

export async function createApp(config: Config, opts: CreateAppOptions = {}): Promise<App> {
  const log = opts.logger ?? createLogger(config);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
  try {
    await db.migrate();
  } catch (e) {
    await db.close();
    throw e;
  }
  const metrics = createMetrics(db);
  const webhooks = new WebhookService(db, config);
  const app = {
    config,
    db,
    log,
    metrics,
    keys: new KeyService(db),
    webhooks,
    events: new EventService(db, webhooks, log),
    deliveries: new DeliveryService(db),
    worker: null,
  } as unknown as App;
  app.http = await buildServer(app);
  const runWorker = opts.worker ?? config.role !== 'api';
  let stopPurge = () => {};
  if (runWorker) {
    app.worker = new Worker(db, config, log, metrics);
    app.worker.onWebhookChange = (organizationId) => webhooks.dispatch.forget(organizationId);
    const worker = app.worker;
    webhooks.onWebhookChange = (webhookId) => worker.releaseHeld(webhookId);
    // The same for a change made by another process sharing the database.
    db.onChange((organizationId, webhookId) => {
      webhooks.dispatch.forget(organizationId);
      worker.releaseHeld(webhookId);
    });
    app.worker.start();
    app.events.localDispatch = app.worker;
    stopPurge = schedulePurge(db, config.retentionMs, (e) => log.error({ err: e }, 'retention purge failed'));
  }
  app.close = async () => {
    stopPurge();
    await app.http.close();
    await app.events.close();
    await app.worker?.stop();
    await db.close();
  };
  return app;
}
