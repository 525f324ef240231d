// Numbered, append-only SQL migrations (src/store/migrations/NNNN_name.sql). Never edit or
// reorder a file that has shipped: add the next number. Each adapter runs the pending ones in one
// transaction under a lock and writes a ledger row per file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function loadMigrations(dialect: 'sqlite' | 'postgres'): Migration[] {
  const files = readdirSync(DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file) => {
    const raw = readFileSync(join(DIR, file), 'utf8');
    return { id: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql: forDialect(raw, dialect) };
  });
}

// A line ending in `-- postgres only` or `-- sqlite only` is kept for that dialect alone.
function forDialect(sql: string, dialect: 'sqlite' | 'postgres'): string {
  return sql
    .split('\n')
    .filter((line) => {
      const m = /--\s*(postgres|sqlite) only\s*$/.exec(line);
      return !m || m[1] === dialect;
    })
    .join('\n');
}

export const LEDGER_SQL = `CREATE TABLE IF NOT EXISTS salesos_migrations (
  id integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`;

// Migration files hold several statements; prepared statements take one at a time. Files keep
// to one statement per `;`-terminated line group (no semicolons inside literals or bodies).
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !/^\s*--/.test(l))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
