// SQLite adapter: one better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous, so a
// transaction that awaits in between statements holds a lock that other callers queue behind:
// SQLite has a single writer anyway, and this keeps statements of other callers out of it.
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db, Queryable } from './db.ts';
import { LEDGER_SQL, loadMigrations } from './migrations.ts';

type Statement = Database.Statement<unknown[], unknown>;

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly events = new EventEmitter();
  private lock: Promise<void> = Promise.resolve();
  private held = 0;

  private constructor(private readonly db: Database.Database) {
    this.events.setMaxListeners(0);
  }

  static open(dataDir: string, file = 'salesos.db'): SqliteDb {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, file));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = OFF');
    return new SqliteDb(db);
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private run<T>(sql: string, params: unknown[] = []): T[] {
    const stmt = this.prepare(sql);
    if (stmt.reader) return stmt.all(...params.map(bind)) as T[];
    stmt.run(...params.map(bind));
    return [];
  }

  private change(sql: string, params: unknown[] = []): number {
    return this.prepare(sql).run(...params.map(bind)).changes;
  }

  // Statements outside a transaction wait for a running transaction to finish.
  private async idle(): Promise<void> {
    while (this.held > 0) await this.lock;
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    if (this.held > 0) await this.idle();
    return this.run<T>(sql, params);
  }

  async exec(sql: string, params?: unknown[]): Promise<number> {
    if (this.held > 0) await this.idle();
    return this.change(sql, params);
  }

  async notify(about?: string[]): Promise<void> {
    this.events.emit('work', about ?? []);
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const previous = this.lock;
    let release!: () => void;
    this.lock = new Promise((r) => (release = r));
    this.held++;
    await previous;
    // What the transaction's notifications were about: null when none, [] when anything.
    let about: string[] | null = null;
    const handle: Queryable = {
      query: async <R>(sql: string, params?: unknown[]) => this.run<R>(sql, params),
      exec: async (sql: string, params?: unknown[]) => this.change(sql, params),
      notify: async (ids?: string[]) => {
        about = about?.length === 0 || !ids?.length ? [] : [...(about ?? []), ...ids];
      },
    };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const result = await fn(handle);
      this.db.exec('COMMIT');
      if (about) this.events.emit('work', about);
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.held--;
      release();
    }
  }

  onNotify(fn: (about: string[]) => void): () => void {
    this.events.on('work', fn);
    return () => this.events.off('work', fn);
  }

  async announceChange(): Promise<void> {}

  onChange(): () => void {
    return () => {};
  }

  async ping(): Promise<void> {
    this.run('SELECT 1');
  }

  async migrate(): Promise<string[]> {
    return this.tx(async (q) => {
      await q.exec(LEDGER_SQL);
      const done = new Set((await q.query<{ id: number }>('SELECT id FROM salesos_migrations')).map((r) => r.id));
      const applied: string[] = [];
      for (const m of loadMigrations('sqlite')) {
        if (done.has(m.id)) continue;
        this.db.exec(m.sql);
        await q.exec('INSERT INTO salesos_migrations (id, name, applied_at) VALUES (?, ?, ?)', [m.id, m.name, Date.now()]);
        applied.push(m.name);
      }
      return applied;
    });
  }

  async close(): Promise<void> {
    await this.idle();
    this.events.removeAllListeners();
    this.db.close();
  }
}

function bind(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
