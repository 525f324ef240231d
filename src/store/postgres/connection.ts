// The PostgreSQL connection: a pg pool for statements, one extra connection that LISTENs on the
// workers' channel (NOTIFY is transactional, so a worker wakes only once the publishing
// transaction committed), and the translation of PostgreSQL's errors into src/store/errors.ts.
import pg from 'pg';
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DatabaseUnavailableError, DuplicateError, RefusedValueError } from '../errors.ts';
import type { Signals } from '../ports.ts';
import { hasStablePlan, type SqlDatabase, type SqlTransaction } from '../sql/runner.ts';

// bigint columns hold epoch milliseconds and counts: both fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

const numbered = new Map<string, { text: string; name: string }>();
function prepared(sql: string): { text: string; name: string } {
  let p = numbered.get(sql);
  if (!p) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    p = { text, name: 's' + createHash('sha1').update(text).digest('hex').slice(0, 16) };
    numbered.set(sql, p);
  }
  return p;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/**
 * PostgreSQL's errors as the domain knows them. pg's own errors carry no code: "Connection
 * terminated", or "… is not queryable" for a pooled client whose connection broke while the
 * server shut down. Class 22 (data exception: text with NUL is 22021/22P05) and 54000 (an index
 * row too big) refuse a value: the same value fails again.
 */
function translate(e: unknown): unknown {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  if (
    UNAVAILABLE_CODES.has(code) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable/i.test(err.message ?? '')
  ) {
    return new DatabaseUnavailableError(err.message ?? 'database unavailable');
  }
  if (code.startsWith('22') || code === '54000') return new RefusedValueError(err.message ?? 'value refused');
  if (code === '23505') return new DuplicateError(err.message ?? 'duplicate key');
  return e;
}

function bind(params: unknown[] = []): unknown[] {
  return params.map((v) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v));
}

async function run<T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  const p = prepared(sql);
  try {
    // A named statement is prepared once per connection and PostgreSQL may reuse one plan for it;
    // an unnamed one is planned for its actual parameter values every time.
    return await client.query<T & pg.QueryResultRow>(
      hasStablePlan(sql) ? { text: p.text, name: p.name, values: bind(params) } : { text: p.text, values: bind(params) },
    );
  } catch (e) {
    throw translate(e);
  }
}

/** Longest notification payload sent (PostgreSQL allows 8000 bytes); longer means "anything". */
export const NOTIFY_PAYLOAD_MAX = 4000;

/** A notification's payload: webhook ids joined with commas, or '' (anything) when too long. */
export function notifyPayload(about?: string[]): string {
  const text = about?.length ? [...new Set(about)].join(',') : '';
  return text.length <= NOTIFY_PAYLOAD_MAX ? text : '';
}

/**
 * A webhook change rides the workers' channel as `!<process>/<organization>/<webhook>` (ids
 * never start with `!`); `process` lets a process skip its own announcements.
 */
export function changePayload(processId: string, organizationId: string, webhookId: string): string {
  return `!${processId}/${organizationId}/${webhookId}`;
}

/** The change a payload announces, unless it is not one or this process made it. */
export function parseChange(payload: string, processId: string): { organizationId: string; webhookId: string } | null {
  if (!payload.startsWith('!')) return null;
  const [from, organizationId, webhookId] = payload.slice(1).split('/');
  return from === processId || !organizationId || !webhookId ? null : { organizationId, webhookId };
}

/** Keys were revoked (ids never start with `#`). */
const KEYS_PAYLOAD = '#keys';

export function parsePayload(payload: string | undefined): string[] {
  return payload ? payload.split(',') : [];
}

export class PgConnection implements SqlDatabase, Signals {
  private readonly events = new EventEmitter();
  private listener: pg.Client | null = null;
  private closed = false;
  /** The NOTIFY channel of this schema's workers. */
  readonly channel: string;
  /** Tells this process's announcements (see announceChange) from other processes'. */
  private readonly processId = randomUUID();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    readonly schema: string,
  ) {
    this.events.setMaxListeners(0);
    this.channel = `salesos_${schema}`.slice(0, 63);
  }

  static async open(url: string, schema = 'public'): Promise<PgConnection> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    // Plans: see stablePlan() in sql/runner.ts. No bitmap scans: the queue's statements are picked
    // from indexes in index order (due time, id), and where the planner's row estimates are stale
    // (deliveries turn over thousands of rows a second; with autovacuum off nothing re-analyzes
    // them) it chose bitmap scans that read the whole due index, dead entries included, once per
    // claimed row: claims of 0.8 s, and PostgreSQL's CPU per delivery doubled within a minute of
    // saturation (docs/benchmarks.md).
    const options = [...(schema === 'public' ? [] : [`-c search_path=${schema}`]), '-c enable_bitmapscan=off'].join(' ');
    const pool = new pg.Pool({ connectionString: url, max: 20, options, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
    // A pooled connection the server dropped must not crash the process: the next query reconnects.
    pool.on('error', () => {});
    const db = new PgConnection(pool, url, schema);
    if (schema !== 'public') {
      // Processes starting at once race here: IF NOT EXISTS is checked before the insert, so the
      // loser gets a unique violation (or 42P06) for a schema that now exists, which is all it needed.
      await run(pool, `CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((e: unknown) => {
        if (!(e instanceof DuplicateError) && (e as { code?: string }).code !== '42P06') throw e;
      });
    }
    return db;
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await run<T>(this.pool, sql, params)).rows;
  }

  async exec(sql: string, params?: unknown[]): Promise<number> {
    return (await run(this.pool, sql, params)).rowCount ?? 0;
  }

  async notify(about?: string[]): Promise<void> {
    await run(this.pool, 'SELECT pg_notify(?, ?)', [this.channel, notifyPayload(about)]);
  }

  // A deadlock or serialization failure aborts one of the transactions involved; it is safe to
  // run it again (transaction functions only touch the database).
  async tx<T>(fn: (q: SqlTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.txOnce(fn);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if ((code !== '40P01' && code !== '40001') || attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
      }
    }
  }

  private async txOnce<T>(fn: (q: SqlTransaction) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw translate(e);
    }
    const notified = new Set<string>();
    const handle: SqlTransaction = {
      query: async <R>(sql: string, params?: unknown[]) => (await run<R>(client, sql, params)).rows,
      exec: async (sql: string, params?: unknown[]) => (await run(client, sql, params)).rowCount ?? 0,
      // PostgreSQL folds identical notifications of one transaction into one.
      notify: async (about?: string[]) => {
        const payload = notifyPayload(about);
        if (notified.has(payload)) return;
        notified.add(payload);
        await run(client, 'SELECT pg_notify(?, ?)', [this.channel, payload]);
      },
    };
    let broken = false;
    // A checked-out client has no error listener of the pool's: a server shutting down (FATAL
    // 57P01 between two statements) would otherwise be an uncaught 'error' that kills the process.
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(handle);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw translate(e);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  onWork(fn: (about: string[]) => void): () => void {
    this.events.on('work', fn);
    if (!this.listener) void this.listen();
    return () => this.events.off('work', fn);
  }

  async announceChange(organizationId: string, webhookId: string): Promise<void> {
    await run(this.pool, 'SELECT pg_notify(?, ?)', [this.channel, changePayload(this.processId, organizationId, webhookId)]);
  }

  async announceKeysRevoked(): Promise<void> {
    await run(this.pool, 'SELECT pg_notify(?, ?)', [this.channel, KEYS_PAYLOAD]);
  }

  onKeysRevoked(fn: () => void): () => void {
    this.events.on('keys', fn);
    if (!this.listener) void this.listen();
    return () => this.events.off('keys', fn);
  }

  onChange(fn: (organizationId: string, webhookId: string) => void): () => void {
    const handler = (c: { organizationId: string; webhookId: string }) => fn(c.organizationId, c.webhookId);
    this.events.on('change', handler);
    if (!this.listener) void this.listen();
    return () => this.events.off('change', handler);
  }

  // Keeps one LISTEN connection up; after a reconnect it wakes everyone, since notifications
  // sent while it was down are lost.
  private async listen(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client({ connectionString: this.connectionString });
      this.listener = client;
      try {
        const ended = new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
        await client.connect();
        client.on('notification', (msg) => {
          const payload = msg.payload ?? '';
          if (payload === KEYS_PAYLOAD) return void this.events.emit('keys');
          if (!payload.startsWith('!')) return void this.events.emit('work', parsePayload(payload));
          const change = parseChange(payload, this.processId);
          if (change) this.events.emit('change', change);
        });
        await client.query(`LISTEN ${this.channel}`);
        this.events.emit('work', []);
        // Revocations announced while nobody listened are unknown: forget every key.
        this.events.emit('keys');
        await ended;
      } catch {
        // reconnect below
      }
      await client.end().catch(() => {});
      if (!this.closed) await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** A lock key of this schema's (for migrations). */
  lockKey(purpose: string): number {
    return parseInt(createHash('sha1').update(`${purpose}:${this.schema}`).digest('hex').slice(0, 8), 16) | 0;
  }

  /** Drops this connection's schema (tests). */
  async dropSchema(): Promise<void> {
    if (this.schema !== 'public') await this.exec(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.events.removeAllListeners();
    await this.listener?.end().catch(() => {});
    await this.pool.end();
  }
}
