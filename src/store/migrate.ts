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

/** The migration files, in order; `until`: only those numbered up to it (tests of moving an older database). */
export function loadMigrations(dialect: 'sqlite' | 'postgres', until = Infinity): Migration[] {
  const files = readdirSync(DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f) && Number(f.slice(0, 4)) <= until)
    .sort();
  return files.map((file) => {
    const raw = readFileSync(join(DIR, file), 'utf8');
    return { id: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql: forDialect(raw, dialect) };
  });
}

// A line ending in `-- postgres only` or `-- sqlite only` is kept for that dialect alone, and so
// is every line between `-- begin postgres only` and `-- end postgres only` (or sqlite) lines, for
// a longer part of one dialect's (a DO $$ … $$ block).
export function forDialect(sql: string, dialect: 'sqlite' | 'postgres'): string {
  let block: string | null = null;
  return sql
    .split('\n')
    .filter((line) => {
      const edge = /^\s*--\s*(begin|end) (postgres|sqlite) only\s*$/.exec(line);
      if (edge) {
        block = edge[1] === 'begin' ? edge[2] : null;
        return false;
      }
      if (block !== null) return block === dialect;
      const m = /--\s*(postgres|sqlite) only\s*$/.exec(line);
      return !m || m[1] === dialect;
    })
    .join('\n');
}

export const LEDGER_SQL = `CREATE TABLE IF NOT EXISTS salesos_migrations (
  id integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`;

// Migration files hold several statements; prepared statements take one at a time. Files keep
// to one statement per `;`-terminated line group: no semicolons inside literals, and inside a
// body only between `$$` quotes (a DO block is one statement).
export function splitStatements(sql: string): string[] {
  const text = sql
    .split('\n')
    .filter((l) => !/^\s*--/.test(l))
    .join('\n');
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$$', i)) {
      quoted = !quoted;
      i++;
    } else if (text[i] === ';' && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}
