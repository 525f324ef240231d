// One storage interface, two adapters (SQLite, PostgreSQL). SQL is written once with `?`
// placeholders; the PostgreSQL adapter numbers them. Times are integer milliseconds since the
// epoch, booleans are 0/1 integers and JSON is text, so the same statements run on both.
export type Row = Record<string, unknown>;

export interface Queryable {
  /** Rows of a statement (SELECT, or anything with RETURNING). */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement and answers the number of rows it changed. */
  exec(sql: string, params?: unknown[]): Promise<number>;
  /**
   * Wakes every worker listening on this database once the current transaction commits. `about`
   * names the webhooks whose deliveries were queued, when the caller knows them (a worker whose
   * room for all of them is taken may then stay asleep); none means "anything".
   */
  notify(about?: string[]): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Calls fn whenever new work was committed (by any process sharing this database), with the webhook ids it is about, or [] for "anything". */
  onNotify(fn: (about: string[]) => void): () => void;
  /**
   * Tells the other processes sharing this database that a webhook changed (URL, events, state,
   * secrets, deletion), after the change committed. SQLite has no other processes: a no-op.
   */
  announceChange(organizationId: string, webhookId: string): Promise<void>;
  /** Calls fn when another process sharing this database announced a webhook change. */
  onChange(fn: (organizationId: string, webhookId: string) => void): () => void;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

const stablePlans = new Set<string>();

/**
 * Marks a statement whose best plan depends neither on its parameters' values nor on the size of
 * the tables it reads (a lookup or an update by key on one table, an insert of unnested arrays):
 * PostgreSQL may plan it once per connection and reuse the plan. Every other statement is planned
 * for its actual values each time it runs, which is what range conditions such as "due now" need
 * (a reused generic plan of the claim once took seconds per claim), and joins too: a plan made
 * while a table was small may scan all of it, and nothing re-plans it as the table grows while
 * autovacuum is off (the outcome write did). Returns the statement.
 */
export function stablePlan(sql: string): string {
  stablePlans.add(sql);
  return sql;
}

export function hasStablePlan(sql: string): boolean {
  return stablePlans.has(sql);
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

export function parsePayload(payload: string | undefined): string[] {
  return payload ? payload.split(',') : [];
}

/** A statement refused by a unique index (SQLite's and PostgreSQL's messages alike). */
export function isUniqueViolation(e: unknown): boolean {
  return /unique|duplicate key/i.test((e as Error | undefined)?.message ?? '');
}

/** A database error meaning "the database is unreachable", as opposed to a bad statement. */
export class DatabaseUnavailableError extends Error {}

export async function openDb(opts: { databaseUrl: string | null; dataDir: string; schema?: string }): Promise<Db> {
  if (opts.databaseUrl) {
    const { PostgresDb } = await import('./postgres.ts');
    return PostgresDb.open(opts.databaseUrl, opts.schema);
  }
  const { SqliteDb } = await import('./sqlite.ts');
  return SqliteDb.open(opts.dataDir);
}
