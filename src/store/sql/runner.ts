// What the adapters run statements through (never the domain: it speaks to src/store/ports.ts).
// SQL is written with `?` placeholders; the PostgreSQL connection numbers them. Times are integer
// milliseconds since the epoch, booleans 0/1 integers and JSON text, so that the statements in
// src/store/sql/ run unchanged on both backends.
export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** Rows of a statement (SELECT, or anything with RETURNING). */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement and answers the number of rows it changed. */
  exec(sql: string, params?: unknown[]): Promise<number>;
}

export interface SqlTransaction extends SqlRunner {
  /** Wakes the workers of every process once the transaction commits (webhook ids, or none: anything). */
  notify(about?: string[]): Promise<void>;
}

export interface SqlDatabase extends SqlRunner {
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: SqlTransaction) => Promise<T>): Promise<T>;
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

/** `?, ?, …`: one placeholder per value (an `IN (…)` list). */
export const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** A column list (`a, b, c`) with each column qualified by a table alias (`d.a, d.b, d.c`). */
export const qualified = (columns: string, alias: string): string =>
  columns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

/** `(?, ?), (?, ?), …`: n groups of k placeholders. */
export function placeholders(n: number, k: number): string {
  const group = `(${Array.from({ length: k }, () => '?').join(', ')})`;
  return Array.from({ length: n }, () => group).join(', ');
}
