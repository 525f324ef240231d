// Time partitions of deliveries and attempts on PostgreSQL (migration 0015, docs/operations.md,
// "Partitions"). Both tables are partitioned BY RANGE (id): an id starts with its creation time, so
// the slot [t, t + span) of a table is the id range [idFloor(prefix, t), idFloor(prefix, t + span)).
//
// - prepare() attaches empty partitions for the slots from now to `ahead` later, skipping what an
//   existing partition covers (the moved table of migration 0015, or partitions of another span
//   after SALESOS_RETENTION changed) and ranges the default partition already holds rows of.
//   An empty table is created on its own and then attached while the parent is locked against
//   writes (SHARE: reads go on), milliseconds once per new slot.
// - dropExpired() drops a partition once its whole range is older than the cutoff and it holds no
//   pending delivery, checked while the parent is locked (ACCESS EXCLUSIVE, a few milliseconds:
//   a manual retry cannot make one of its deliveries pending between the check and the drop).
//   Attempts are dropped by their own time alone: retention removes an attempt older than the
//   cutoff even when its delivery is still pending.
//
// Each step runs under a transaction-level advisory lock taken with try: of several processes, one
// does the work and the others skip it; and with a lock timeout (200 ms), so a step that waits behind
// a long statement gives up (to try again next round) instead of queueing the hot path behind it.
import { idFloor } from '../../ids.ts';
import type { SqlRunner } from '../sql/runner.ts';
import type { PgConnection } from './connection.ts';

interface Partitioned {
  table: 'deliveries' | 'attempts';
  prefix: 'dlv' | 'att';
  /** Rows whose presence keeps a partition (accepted work not done yet). */
  keep: string | null;
}

export const PARTITIONED: readonly Partitioned[] = [
  { table: 'deliveries', prefix: 'dlv', keep: "status = 'pending'" },
  { table: 'attempts', prefix: 'att', keep: null },
];

/** A partition's range: lo null is MINVALUE, hi null MAXVALUE. */
export interface Partition {
  name: string;
  lo: string | null;
  hi: string | null;
}

// While a lock is waited for, every statement that asks for a conflicting one queues behind it:
// a short wait bounds that stall; a step that did not get its lock is tried again next round.
const LOCK_TIMEOUT = "SET LOCAL lock_timeout = '200ms'";
/** lock_not_available: the lock timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/** The partitions of a table, by range, and the name of its default partition (or null). */
export async function listPartitions(q: SqlRunner, table: string): Promise<{ ranges: Partition[]; fallback: string | null }> {
  const rows = await q.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(?::text)`,
    [table],
  );
  const ranges: Partition[] = [];
  let fallback: string | null = null;
  for (const r of rows) {
    if (r.bound === 'DEFAULT') {
      fallback = r.name;
      continue;
    }
    const m = /FROM \((?:'([^']*)'|MINVALUE)\) TO \((?:'([^']*)'|MAXVALUE)\)/.exec(r.bound);
    if (m) ranges.push({ name: r.name, lo: m[1] ?? null, hi: m[2] ?? null });
  }
  ranges.sort((a, b) => cmp(a.lo, b.lo, ''));
  return { ranges, fallback };
}

/** Compares bounds (ids are ASCII: code point order is the database's C collation order); null is `none`. */
function cmp(a: string | null, b: string | null, none: string): number {
  const x = a ?? none;
  const y = b ?? none;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The parts of [lo, hi) no existing range covers. */
export function gaps(ranges: readonly Partition[], lo: string, hi: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let at = lo;
  for (const r of ranges) {
    const rLo = r.lo ?? '';
    const rHi = r.hi ?? '\uffff';
    if (rHi <= at || rLo >= hi) continue;
    if (rLo > at) out.push([at, rLo]);
    if (rHi > at) at = rHi;
    if (at >= hi) return out;
  }
  if (at < hi) out.push([at, hi]);
  return out;
}

/** `deliveries_p20261203_170000`: the table and the slot's start (UTC, ms when not whole seconds); `_<lo>` when cut short. */
function partitionName(table: string, slotStart: number, lo: string, slotLo: string): string {
  const iso = new Date(slotStart).toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}${slotStart % 1000 ? iso.slice(20, 23) : ''}`;
  return lo === slotLo ? `${table}_p${stamp}` : `${table}_p${stamp}_${lo.slice(-8).toLowerCase()}`;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Attaches the partitions of the slots (span ms wide, from the epoch) between the one holding
 * `now` and `now + aheadMs`. Answers the partitions attached (names).
 */
export async function preparePartitions(db: PgConnection, now: number, spanMs: number, aheadMs: number): Promise<string[]> {
  if (!(spanMs > 0)) throw new Error('partition span must be positive');
  try {
    return await db.tx(async (q) => {
      if (!(await tryLock(q, db))) return [];
      await q.exec(LOCK_TIMEOUT);
      const made: string[] = [];
      for (const t of PARTITIONED) {
        // Before migration 0015 (a process started with an older schema): one table, nothing to do.
        const [kind] = await q.query<{ relkind: string }>('SELECT relkind FROM pg_class WHERE oid = to_regclass(?::text)', [t.table]);
        if (kind?.relkind !== 'p') continue;
        let { ranges } = await listPartitions(q, t.table);
        const first = Math.floor(now / spanMs) * spanMs;
        const missing = (slot: number) => gaps(ranges, idFloor(t.prefix, slot), idFloor(t.prefix, slot + spanMs));
        let any = false;
        for (let slot = first; slot < now + aheadMs && !any; slot += spanMs) any = missing(slot).length > 0;
        if (!any) continue;
        // Writes wait while partitions are attached (SHARE conflicts with their ROW EXCLUSIVE): a
        // write that had already looked up the partitions would route a row of the new range to the
        // default partition, whose new bounds refuse it ("violates partition constraint").
        await q.exec(`LOCK TABLE ${quote(t.table)} IN SHARE MODE`);
        const listed = await listPartitions(q, t.table);
        ranges = listed.ranges;
        for (let slot = first; slot < now + aheadMs; slot += spanMs) {
          const slotLo = idFloor(t.prefix, slot);
          for (const [from, hi] of missing(slot)) {
            // Rows the default partition took for this range (written before this ran) stay there,
            // and retention deletes them row by row: the partition starts just above the last.
            let lo = from;
            if (listed.fallback) {
              const [{ top }] = await q.query<{ top: string | null }>(`SELECT max(id) AS top FROM ${quote(listed.fallback)} WHERE id >= ? AND id < ?`, [
                from,
                hi,
              ]);
              if (top !== null) lo = `${top}0`;
              if (lo >= hi) continue;
            }
            const name = partitionName(t.table, slot, lo, slotLo);
            await q.exec(`CREATE TABLE ${quote(name)} (LIKE ${quote(t.table)} INCLUDING DEFAULTS)`);
            await q.exec(`ALTER TABLE ${quote(t.table)} ATTACH PARTITION ${quote(name)} FOR VALUES FROM (${literal(lo)}) TO (${literal(hi)})`);
            ranges.push({ name, lo, hi });
            ranges.sort((a, b) => cmp(a.lo, b.lo, ''));
            made.push(name);
          }
        }
      }
      return made;
    });
  } catch (e) {
    // Waited too long for a lock (a long statement on the table): next round.
    if ((e as { code?: string }).code === LOCK_NOT_AVAILABLE) return [];
    throw e;
  }
}

/**
 * Drops every partition whose range ends at or before the cutoff's first id and that holds no
 * row to keep (a pending delivery). Answers the rows dropped per table, and the partitions kept
 * back by pending deliveries (their finished rows are left to the batched purge).
 */
export async function dropExpired(
  db: PgConnection,
  cutoff: number,
): Promise<{ rows: Record<Partitioned['table'], number>; kept: string[]; dropped: string[] }> {
  const rows = { deliveries: 0, attempts: 0 };
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const t of PARTITIONED) {
    const floor = idFloor(t.prefix, cutoff);
    const { ranges } = await listPartitions(db, t.table);
    const old = ranges.filter((r) => r.hi !== null && r.hi <= floor);
    const doomed: Array<{ name: string; n: number }> = [];
    for (const r of old) {
      // Cheap first look (the partial index deliveries_due): a partition with pending work stays.
      if (t.keep && (await db.query(`SELECT 1 FROM ${quote(r.name)} WHERE ${t.keep} LIMIT 1`)).length) {
        kept.push(r.name);
        continue;
      }
      // Counted before the lock (no row is ever added to a past slot), so the lock is held for
      // the check and the drop alone.
      const [{ n }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(r.name)}`);
      doomed.push({ name: r.name, n: Number(n) });
    }
    if (!doomed.length) continue;
    try {
      const gone = await db.tx(async (q) => {
        if (!(await tryLock(q, db))) return [];
        await q.exec(LOCK_TIMEOUT);
        // The parent first, as every statement on it locks it before its partitions.
        await q.exec(`LOCK TABLE ${quote(t.table)} IN ACCESS EXCLUSIVE MODE`);
        const out: typeof doomed = [];
        for (const d of doomed) {
          if (t.keep && (await q.query(`SELECT 1 FROM ${quote(d.name)} WHERE ${t.keep} LIMIT 1`)).length) {
            kept.push(d.name);
            continue;
          }
          await q.exec(`DROP TABLE ${quote(d.name)}`);
          out.push(d);
        }
        return out;
      });
      for (const d of gone) {
        rows[t.table] += d.n;
        dropped.push(d.name);
      }
    } catch (e) {
      // Waited too long for the lock (a long statement on the table): next round.
      if ((e as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw e;
    }
  }
  return { rows, kept, dropped };
}

async function tryLock(q: SqlRunner, db: PgConnection): Promise<boolean> {
  const [{ ok }] = await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(?) AS ok', [db.lockKey('partitions')]);
  return ok;
}
