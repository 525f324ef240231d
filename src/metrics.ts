// Prometheus metrics, one registry per app (tests run several apps in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliveryStore } from './store/ports.ts';

export interface Metrics {
  registry: Registry;
  attempts: Counter<'outcome'>;
  deliveries: Counter<'status'>;
  attemptDuration: Histogram<'outcome'>;
  published: Counter<'type'>;
  httpRequests: Counter<'method' | 'route' | 'status'>;
}

export function createMetrics(queue: Pick<DeliveryStore, 'queueStats'>, workersAlive: () => Promise<number> = async () => 0): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'salesos_process_' });
  const metrics: Metrics = {
    registry,
    attempts: new Counter({
      name: 'salesos_delivery_attempts_total',
      help: 'Delivery attempts by outcome (success or error class)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'salesos_deliveries_total',
      help: 'Deliveries that reached a final status',
      labelNames: ['status'],
      registers: [registry],
    }),
    attemptDuration: new Histogram({
      name: 'salesos_delivery_attempt_duration_seconds',
      help: 'Duration of one delivery attempt',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    published: new Counter({ name: 'salesos_events_published_total', help: 'Events stored', labelNames: ['type'], registers: [registry] }),
    httpRequests: new Counter({ name: 'salesos_http_requests_total', help: 'API requests', labelNames: ['method', 'route', 'status'], registers: [registry] }),
  };
  // Queue gauges are read from the database at scrape time, so every process reports the shared queue.
  let cached: { at: number; depth: number; oldest: number } | null = null;
  const queueGauges = async () => {
    if (cached && Date.now() - cached.at < 1000) return cached;
    const stats = await queue.queueStats();
    const now = Date.now();
    const oldest = stats.oldestDueAt !== null && stats.oldestDueAt < now ? (now - stats.oldestDueAt) / 1000 : 0;
    cached = { at: now, depth: stats.depth, oldest };
    return cached;
  };
  new Gauge({
    name: 'salesos_queue_depth',
    help: 'Pending deliveries (due now or later)',
    registers: [registry],
    async collect() {
      this.set((await queueGauges().catch(() => ({ depth: 0 }))).depth);
    },
  });
  new Gauge({
    name: 'salesos_queue_oldest_due_seconds',
    help: 'Age of the oldest pending delivery that is due',
    registers: [registry],
    async collect() {
      this.set((await queueGauges().catch(() => ({ oldest: 0 }))).oldest);
    },
  });
  new Gauge({
    name: 'salesos_workers_alive',
    help: 'Delivery workers whose heartbeat is recent (0: deliveries wait)',
    registers: [registry],
    async collect() {
      this.set(await workersAlive().catch(() => 0));
    },
  });
  return metrics;
}
