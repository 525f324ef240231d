// The composition root: configuration, storage, services, HTTP server and delivery worker, wired
// once. `salesos serve`, the tests and the benchmarks all build the application through createApp.
//
//   entry points (main, cli, http routes, dashboard) -> domain (webhooks, events, delivery, crm,
//   orgs) -> store (ports.ts; postgres/ | sqlite/)
import type { Config } from './config.ts';
import { CrmService } from './crm/service.ts';
import { schedulePurge } from './delivery/retention.ts';
import { DeliveryService } from './delivery/service.ts';
import { Worker } from './delivery/worker.ts';
import { Publisher } from './events/publisher.ts';
import { EventService } from './events/service.ts';
import { SubscriberCache } from './events/subscribers.ts';
import { IdempotencyService } from './idempotency/service.ts';
import type { Api } from './http/context.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { buildServer } from './http/server.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { KeyService } from './orgs/keys.ts';
import { openStorage, type OpenedStorage } from './store/index.ts';
import { WebhookChanges } from './webhooks/changes.ts';
import { WebhookService } from './webhooks/service.ts';

export { createLogger, REDACT } from './logger.ts';

export interface App {
  config: Config;
  storage: OpenedStorage;
  log: Logger;
  metrics: Metrics;
  changes: WebhookChanges;
  keys: KeyService;
  webhooks: WebhookService;
  events: EventService;
  deliveries: DeliveryService;
  crm: CrmService;
  worker: Worker | null;
  http: Api;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  logger?: Logger;
  /** Start the delivery worker (default: when the role is worker or all). */
  worker?: boolean;
}

export async function createApp(config: Config, opts: CreateAppOptions = {}): Promise<App> {
  const log = opts.logger ?? createLogger(config);
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    onBackgroundError: (e, what) => log.error({ err: e }, what),
  });
  try {
    await storage.migrate();
  } catch (e) {
    await storage.close();
    throw e;
  }
  const metrics = createMetrics(storage.deliveries);

  // Webhook changes: made here, announced to the other processes once committed (an automatic
  // disable too; health alone is not news for them); made there, heard here.
  const changes = new WebhookChanges();
  changes.subscribe(async (c) => {
    if (c.remote || c.kind === 'health') return;
    // Not announced (the database is unreachable): other processes send what they hold as it
    // was claimed, and their publishes see the change within a second (SubscriberCache).
    await storage.signals.announceChange(c.organizationId, c.webhookId).catch((e) => log.warn({ err: e }, 'announcing a webhook change failed'));
  });
  const stopHearing = storage.signals.onChange(
    (organizationId, webhookId) => void changes.publish({ organizationId, webhookId, kind: 'updated', remote: true }),
  );

  const runWorker = opts.worker ?? config.role !== 'api';
  const worker = runWorker ? new Worker(storage.deliveries, storage.signals, changes, config, log, metrics, storage.rates) : null;
  const keys = new KeyService(storage.keys);
  const webhooks = new WebhookService(storage.webhooks, changes, config);
  const publisher = new Publisher(storage.outbox, new SubscriberCache(changes), worker?.scheduler ?? null);
  const events = new EventService(storage.events, publisher, webhooks);
  const deliveries = new DeliveryService(storage.log);
  const crm = new CrmService(storage.crm, publisher, { checkEvents: !config.production });
  const idempotency = new IdempotencyService(storage.idempotency);
  const http = await buildServer({ config, log, metrics, keys, webhooks, events, deliveries, crm, idempotency, signals: storage.signals, storage }, [
    dashboardRoutes,
  ]);
  const stopKeyPurge = config.role === 'worker' ? () => {} : idempotency.schedulePurge((e) => log.error({ err: e }, 'idempotency key purge failed'));

  let stopPurge = () => {};
  if (worker) {
    worker.start();
    stopPurge = schedulePurge(storage.deliveries, config.retentionMs, (e) => log.error({ err: e }, 'retention purge failed'));
  }
  return {
    config,
    storage,
    log,
    metrics,
    changes,
    keys,
    webhooks,
    events,
    deliveries,
    crm,
    worker,
    http,
    async close() {
      stopPurge();
      stopKeyPurge();
      await http.close();
      await worker?.stop();
      stopHearing();
      await storage.close();
    },
  };
}
