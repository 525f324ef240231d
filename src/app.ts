// The composition root: configuration, storage, services, HTTP server and delivery worker, wired
// once. `salesos serve`, the tests and the benchmarks all build the application through createApp.
//
//   entry points (main, cli, http routes, dashboard) -> domain (webhooks, events, delivery, crm,
//   orgs) -> store (ports.ts; postgres/ | sqlite/)
import { ConfigError, type Config } from './config.ts';
import { SecretDecryptError } from './secret-cipher.ts';
import { CrmService } from './crm/service.ts';
import { schedulePurge } from './delivery/retention.ts';
import { WorkerHealth } from './delivery/heartbeat.ts';
import { DeliveryService } from './delivery/service.ts';
import { StatsService } from './delivery/stats.ts';
import { Worker } from './delivery/worker.ts';
import { OperationalEvents } from './events/operational.ts';
import { Publisher } from './events/publisher.ts';
import { EventService } from './events/service.ts';
import { SubscriberCache } from './events/subscribers.ts';
import { TaskRunner } from './tasks/runner.ts';
import { TaskService } from './tasks/service.ts';
import { IdempotencyService } from './idempotency/service.ts';
import type { Api } from './http/context.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { buildServer } from './http/server.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { KeyService } from './orgs/keys.ts';
import { RateLimiter } from './orgs/limits.ts';
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
  tasks: TaskService;
  worker: Worker | null;
  /** Runs background tasks (recover, replay) where the delivery worker runs. */
  taskRunner: TaskRunner | null;
  workerHealth: WorkerHealth;
  http: Api;
  /** Starts the background work (delivery, heartbeats, purges, the file watch); createApp does unless told not to. */
  start(): void;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  logger?: Logger;
  /** Start the delivery worker (default: when the role is worker or all). */
  worker?: boolean;
  /**
   * Whether createApp starts the background work (default true). `salesos serve` starts it once
   * it listens: a start that fails (a busy port) delivers nothing.
   */
  start?: boolean;
  /** The storage can no longer be used (its file vanished): the service must stop. Default: logged. */
  onLost?: (reason: string) => void;
  /** Apply migrations only up to this number (tests of moving a database made by an older version). */
  migrateUntil?: number;
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
    await storage.migrate(opts.migrateUntil);
  } catch (e) {
    await storage.close();
    throw e;
  }
  const workerHealth = new WorkerHealth(storage.workers, log);
  const metrics = createMetrics(storage.deliveries, () => workerHealth.alive());

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
  const keys = new KeyService(storage.keys, storage.signals);
  const stopHearingKeys = storage.signals.onKeysRevoked(() => keys.forget());
  const onLimitError = (e: unknown) => log.warn({ err: e }, 'a rate-limit counter could not be updated; the request was let through');
  const limits = {
    perKey: new RateLimiter(storage.rateLimits, { limit: config.rateLimitPerKey, windowMs: 1000, onError: onLimitError }),
    authFailures: new RateLimiter(storage.rateLimits, { limit: config.authFailuresPerMinute, windowMs: 60_000, slice: 1, onError: onLimitError }),
    signIns: new RateLimiter(storage.rateLimits, { limit: config.authFailuresPerMinute, windowMs: 60_000, slice: 1, onError: onLimitError }),
  };
  const webhooks = new WebhookService(storage.webhooks, changes, config);
  // Secrets stored encrypted must open with the configured keys: a wrong or missing key is a
  // start error, not deliveries signed with nothing.
  try {
    await webhooks.checkSecretKeys();
  } catch (e) {
    await storage.close();
    throw e instanceof SecretDecryptError ? new ConfigError('SALESOS_ENCRYPTION_KEY', e.message) : e;
  }
  if (config.production && !config.encryptionKeys.length)
    log.warn('SALESOS_ENCRYPTION_KEY is not set: webhook signing secrets are stored in clear text (docs/operations.md, "Encryption at rest")');
  const publisher = new Publisher(storage.outbox, new SubscriberCache(changes), worker?.scheduler ?? null, { perOrganization: config.publishQueuePerOrg });
  if (worker) worker.operational = new OperationalEvents(publisher, log, !config.production);
  const events = new EventService(storage.events, publisher, webhooks);
  const deliveries = new DeliveryService(storage.log);
  const stats = new StatsService(storage.stats);
  const crm = new CrmService(storage.crm, publisher, { checkEvents: !config.production });
  const taskRunner = runWorker ? new TaskRunner(storage.tasks, storage.webhooks, { chunk: config.taskChunk, leaseMs: config.taskLeaseMs }, log) : null;
  const tasks = new TaskService(storage.tasks, storage.webhooks, config.retentionMs, taskRunner ? () => taskRunner.wake() : null);
  const idempotency = new IdempotencyService(storage.idempotency);
  const http = await buildServer(
    {
      config,
      log,
      metrics,
      keys,
      webhooks,
      events,
      deliveries,
      stats,
      crm,
      tasks,
      idempotency,
      limits,
      sessions: storage.sessions,
      signals: storage.signals,
      storage,
      workers: workerHealth,
    },
    [dashboardRoutes],
  );

  let stopKeyPurge = () => {};
  let stopPurge = () => {};
  let fileWatch: ReturnType<typeof setInterval> | null = null;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    if (config.role !== 'worker') stopKeyPurge = idempotency.schedulePurge((e) => log.error({ err: e }, 'idempotency key purge failed'));
    if (worker) {
      worker.start();
      taskRunner?.start();
      workerHealth.startBeating();
      stopPurge = schedulePurge(storage.deliveries, config.retentionMs, (e) => log.error({ err: e }, 'retention purge failed'));
    } else workerHealth.startWatching();
    fileWatch = setInterval(() => {
      const reason = storage.lost();
      if (!reason) return;
      clearInterval(fileWatch!);
      if (opts.onLost) opts.onLost(reason);
      else log.error(reason);
    }, 2000);
    fileWatch.unref();
  };
  if (opts.start ?? true) start();
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
    tasks,
    worker,
    taskRunner,
    workerHealth,
    http,
    start,
    async close() {
      if (fileWatch) clearInterval(fileWatch);
      stopPurge();
      stopKeyPurge();
      await http.close();
      await taskRunner?.stop();
      await worker?.stop();
      await workerHealth.stop();
      stopHearing();
      stopHearingKeys();
      await storage.close();
    },
  };
}
