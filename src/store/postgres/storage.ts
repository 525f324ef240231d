// The storage port on PostgreSQL: the stores both backends share (src/store/sql/) over a pg pool,
// with the queue and publishing of this folder.
import type { CrmStore, CrmTransaction, Storage } from '../ports.ts';
import { LEDGER_SQL, loadMigrations, splitStatements } from '../migrate.ts';
import { SqlCrmReads, SqlCrmWrites } from '../sql/crm.ts';
import { SqlEventStore } from '../sql/events.ts';
import { SqlIdempotencyStore } from '../sql/idempotency.ts';
import { SqlKeyStore } from '../sql/keys.ts';
import { SqlDeliveryLog } from '../sql/log.ts';
import { SqlEndpointStats } from '../sql/stats.ts';
import { SqlRateLimitStore, SqlSessionStore } from '../sql/shared-state.ts';
import { SqlWebhookStore } from '../sql/webhooks.ts';
import { SqlBackgroundTaskStore } from '../sql/tasks.ts';
import { SqlWorkerRegistry } from '../sql/workers.ts';
import { PgConnection } from './connection.ts';
import { PgOutbox } from './outbox.ts';
import { PgDeliveryStore } from './queue.ts';
import { PgRateLimits } from './rates.ts';
import { WakeThrottle } from './wake.ts';

const FOR_UPDATE = ' FOR UPDATE';
/** An event's `data.object.id`, as the index events_object is built on it. */
const EVENT_OBJECT_ID = "(body::jsonb #>> '{data,object,id}')";

export interface PostgresOptions {
  url: string;
  schema?: string;
  /** Errors of work done in the background (deferred wake-ups). */
  onBackgroundError?: (e: unknown, what: string) => void;
}

export async function openPostgres(opts: PostgresOptions): Promise<Storage & { connection: PgConnection }> {
  const db = await PgConnection.open(opts.url, opts.schema);
  const wake = new WakeThrottle(
    (about) => db.notify(about),
    (e) => opts.onBackgroundError?.(e, 'announcing queued deliveries failed; workers find them when they poll'),
  );
  const crm: CrmStore = Object.assign(new SqlCrmReads(db), {
    change: <T>(fn: (tx: CrmTransaction) => Promise<T>) => db.tx((q) => fn(Object.assign(new SqlCrmWrites(q), { outbox: new PgOutbox(q, db.channel, null) }))),
  });
  return {
    backend: 'postgres',
    connection: db,
    keys: new SqlKeyStore(db),
    webhooks: new SqlWebhookStore(db, FOR_UPDATE),
    events: new SqlEventStore(db, EVENT_OBJECT_ID),
    outbox: new PgOutbox(db, db.channel, wake),
    deliveries: new PgDeliveryStore(db),
    log: new SqlDeliveryLog(db, FOR_UPDATE),
    stats: new SqlEndpointStats(db),
    crm,
    idempotency: new SqlIdempotencyStore(db),
    rates: new PgRateLimits(db),
    sessions: new SqlSessionStore(db),
    rateLimits: new SqlRateLimitStore(db),
    signals: db,
    workers: new SqlWorkerRegistry(db),
    tasks: new SqlBackgroundTaskStore(db, ' FOR UPDATE SKIP LOCKED'),
    ping: async () => void (await db.query('SELECT 1')),
    lost: () => null,
    migrate: (until?: number) => migrate(db, until),
    close: async () => {
      await wake.close();
      await db.close();
    },
  };
}

async function migrate(db: PgConnection, until?: number): Promise<string[]> {
  return db.tx(async (q) => {
    // Two processes starting at once: the second waits here, then finds nothing to do.
    await q.query('SELECT pg_advisory_xact_lock(?)', [db.lockKey('salesos')]);
    await q.exec(LEDGER_SQL);
    const done = new Set((await q.query<{ id: number }>('SELECT id FROM salesos_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of loadMigrations('postgres', until)) {
      if (done.has(m.id)) continue;
      for (const stmt of splitStatements(m.sql)) await q.exec(stmt);
      await q.exec('INSERT INTO salesos_migrations (id, name, applied_at) VALUES (?, ?, ?)', [m.id, m.name, Date.now()]);
      applied.push(m.name);
    }
    return applied;
  });
}
