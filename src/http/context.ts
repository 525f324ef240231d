// What the HTTP edge (the API routes, the dashboard) is given by the composition root
// (src/app.ts): the domain's services, and no database.
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { CrmService } from '../crm/service.ts';
import type { WorkerHealth } from '../delivery/heartbeat.ts';
import type { DeliveryService } from '../delivery/service.ts';
import type { StatsService } from '../delivery/stats.ts';
import type { EventService } from '../events/service.ts';
import type { IdempotencyService } from '../idempotency/service.ts';
import type { Metrics } from '../metrics.ts';
import type { Auth } from '../model.ts';
import type { KeyService } from '../orgs/keys.ts';
import type { RateLimiter } from '../orgs/limits.ts';
import type { SessionStore, Signals, Storage } from '../store/ports.ts';
import type { TaskService } from '../tasks/service.ts';
import type { WebhookService } from '../webhooks/service.ts';

export type Api = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
  }
}

export interface ApiContext {
  config: Config;
  log: Logger;
  metrics: Metrics;
  keys: KeyService;
  webhooks: WebhookService;
  events: EventService;
  deliveries: DeliveryService;
  /** Endpoint health, from the rollups. */
  stats: StatsService;
  crm: CrmService;
  /** Background tasks: recover and replay. */
  tasks: TaskService;
  idempotency: IdempotencyService;
  /** Shared by every process: requests per key, bad keys and failed dashboard sign-ins per client address. */
  limits: { perKey: RateLimiter; authFailures: RateLimiter; signIns: RateLimiter };
  /** Dashboard sessions, in the database. */
  sessions: SessionStore;
  /** New work committed (the listen stream polls on it). */
  signals: Pick<Signals, 'onWork'>;
  /** Whether the database answers (/readyz), and which it is. */
  storage: Pick<Storage, 'ping' | 'backend'>;
  /** Live delivery workers (/readyz). */
  workers: Pick<WorkerHealth, 'alive'>;
}
