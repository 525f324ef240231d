// The storage port on SQLite: the stores both backends share (src/store/sql/) over one
// better-sqlite3 connection, with the queue and publishing of this folder.
import type { CrmStore, CrmTransaction, Storage } from '../ports.ts';
import { LEDGER_SQL, loadMigrations } from '../migrate.ts';
import { SqlCrmReads, SqlCrmWrites } from '../sql/crm.ts';
import { SqlEventStore } from '../sql/events.ts';
import { SqlIdempotencyStore } from '../sql/idempotency.ts';
import { SqlKeyStore } from '../sql/keys.ts';
import { SqlRateLimits } from '../sql/rates.ts';
import { SqlDeliveryLog } from '../sql/log.ts';
import { SqlEndpointStats } from '../sql/stats.ts';
import { SqlRateLimitStore, SqlSessionStore } from '../sql/shared-state.ts';
import { SqlWebhookStore } from '../sql/webhooks.ts';
import { SqlBackgroundTaskStore } from '../sql/tasks.ts';
import { SqlWorkerRegistry } from '../sql/workers.ts';
import { SqliteConnection } from './connection.ts';
import { SqliteOutbox } from './outbox.ts';
import { SqliteDeliveryStore } from './queue.ts';

// A transaction holds SQLite's one write lock from BEGIN IMMEDIATE on: reads in it need no lock.
const NO_LOCK = '';
/** An event's `data.object.id`, as the index events_object is built on it. */
const EVENT_OBJECT_ID = "json_extract(body, '$.data.object.id')";

export function openSqlite(opts: { dataDir: string }): Storage & { connection: SqliteConnection } {
  const db = SqliteConnection.open(opts.dataDir);
  const crm: CrmStore = Object.assign(new SqlCrmReads(db), {
    change: <T>(fn: (tx: CrmTransaction) => Promise<T>) => db.tx((q) => fn(Object.assign(new SqlCrmWrites(q), { outbox: new SqliteOutbox({ tx: q }) }))),
  });
  return {
    backend: 'sqlite',
    connection: db,
    keys: new SqlKeyStore(db),
    webhooks: new SqlWebhookStore(db, NO_LOCK),
    events: new SqlEventStore(db, EVENT_OBJECT_ID),
    outbox: new SqliteOutbox({ db }),
    deliveries: new SqliteDeliveryStore(db),
    log: new SqlDeliveryLog(db, NO_LOCK),
    stats: new SqlEndpointStats(db),
    crm,
    idempotency: new SqlIdempotencyStore(db),
    rates: new SqlRateLimits(db),
    sessions: new SqlSessionStore(db),
    rateLimits: new SqlRateLimitStore(db),
    signals: db,
    workers: new SqlWorkerRegistry(db),
    tasks: new SqlBackgroundTaskStore(db, ''),
    ping: async () => void db.run('SELECT 1'),
    lost: () => db.fileProblem(),
    migrate: (until?: number) =>
      db.tx(async (q) => {
        await q.exec(LEDGER_SQL);
        const done = new Set((await q.query<{ id: number }>('SELECT id FROM salesos_migrations')).map((r) => r.id));
        const applied: string[] = [];
        for (const m of loadMigrations('sqlite', until)) {
          if (done.has(m.id)) continue;
          db.db.exec(m.sql);
          await q.exec('INSERT INTO salesos_migrations (id, name, applied_at) VALUES (?, ?, ?)', [m.id, m.name, Date.now()]);
          applied.push(m.name);
        }
        return applied;
      }),
    close: () => db.close(),
  };
}
