// The SQLite connection: one better-sqlite3 connection in WAL mode. better-sqlite3 is
// synchronous, so a transaction that awaits in between statements holds a lock that other
// callers queue behind: SQLite has a single writer anyway, and this keeps statements of other
// callers out of it. Signals between "processes" are in-process events: an embedded database
// has one process.
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuplicateError } from '../errors.ts';
import type { Signals } from '../ports.ts';
import type { SqlDatabase, SqlTransaction } from '../sql/runner.ts';

type Statement = Database.Statement<unknown[], unknown>;

function translate(e: unknown): unknown {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new DuplicateError((e as Error).message);
  return e;
}

export class SqliteConnection implements SqlDatabase, Signals {
  private readonly statements = new Map<string, Statement>();
  private readonly events = new EventEmitter();
  private lock: Promise<void> = Promise.resolve();
  private held = 0;

  /** The file's identity at open: a file deleted or replaced under the process is another one. */
  private readonly identity: { dev: number; ino: number };

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {
    this.events.setMaxListeners(0);
    const st = statSync(path);
    this.identity = { dev: st.dev, ino: st.ino };
  }

  /** Why this file can no longer be used (deleted, or replaced by another one), or null. */
  fileProblem(): string | null {
    let st;
    try {
      st = statSync(this.path);
    } catch {
      return `the database file ${this.path} was deleted while the service ran`;
    }
    if (st.dev !== this.identity.dev || st.ino !== this.identity.ino) return `the database file ${this.path} was replaced while the service ran`;
    return null;
  }

  static open(dataDir: string, file = 'salesos.db'): SqliteConnection {
    mkdirSync(dataDir, { recursive: true });
    const path = resolve(dataDir, file);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = OFF');
    return new SqliteConnection(db, path);
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Runs a statement now (the caller holds the lock or needs none). */
  run<T>(sql: string, params: unknown[] = []): T[] {
    try {
      const stmt = this.prepare(sql);
      if (stmt.reader) return stmt.all(...params.map(bind)) as T[];
      stmt.run(...params.map(bind));
      return [];
    } catch (e) {
      throw translate(e);
    }
  }

  change(sql: string, params: unknown[] = []): number {
    try {
      return this.prepare(sql).run(...params.map(bind)).changes;
    } catch (e) {
      throw translate(e);
    }
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

  async tx<T>(fn: (q: SqlTransaction) => Promise<T>): Promise<T> {
    const previous = this.lock;
    let release!: () => void;
    this.lock = new Promise((r) => (release = r));
    this.held++;
    await previous;
    // What the transaction's notifications were about: null when none, [] when anything.
    let about: string[] | null = null;
    const handle: SqlTransaction = {
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

  onWork(fn: (about: string[]) => void): () => void {
    this.events.on('work', fn);
    return () => this.events.off('work', fn);
  }

  async announceChange(): Promise<void> {}

  onChange(): () => void {
    return () => {};
  }

  // One process: the revoking service forgets the keys itself; other listeners hear it here.
  async announceKeysRevoked(): Promise<void> {
    this.events.emit('keys');
  }

  onKeysRevoked(fn: () => void): () => void {
    this.events.on('keys', fn);
    return () => this.events.off('keys', fn);
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
