// Opens the storage the configuration names, once, at start-up: PostgreSQL when a database URL is
// set, the embedded SQLite file otherwise. Nothing else in the program asks which one it got.
import type { Storage } from './ports.ts';
import type { SqlDatabase } from './sql/runner.ts';

/**
 * The storage, and its connection for operations scripts, tests and benchmarks (the composition
 * root hands the domain the ports only).
 */
export type OpenedStorage = Storage & { readonly connection: SqlDatabase };

export interface StorageOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL schema holding the tables. */
  schema?: string;
  /** Errors of work the storage does in the background. */
  onBackgroundError?: (e: unknown, what: string) => void;
}

export async function openStorage(opts: StorageOptions): Promise<OpenedStorage> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgres/storage.ts');
    return openPostgres({ url: opts.databaseUrl, schema: opts.schema, onBackgroundError: opts.onBackgroundError });
  }
  const { openSqlite } = await import('./sqlite/storage.ts');
  return openSqlite({ dataDir: opts.dataDir });
}
