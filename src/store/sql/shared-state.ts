// State the processes serving the API share: dashboard sessions and rate-limit windows.
import type { RateLimitStore, SessionRecord, SessionStore } from '../ports.ts';
import { qualified, stablePlan, type SqlDatabase } from './runner.ts';

const SESSION_COLUMNS = 'id_hash, organization_id, key_id, organization_name, key_prefix, csrf, flash, created_at, seen_at';
const S_COLUMNS = qualified(SESSION_COLUMNS, 's');

export class SqlSessionStore implements SessionStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(s: SessionRecord): Promise<void> {
    await this.db.exec(`INSERT INTO dashboard_sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      s.id_hash,
      s.organization_id,
      s.key_id,
      s.organization_name,
      s.key_prefix,
      s.csrf,
      s.flash,
      s.created_at,
      s.seen_at,
    ]);
  }

  /** A session, with its key's scopes as they are now (none once the key is gone). */
  async get(idHash: string): Promise<(SessionRecord & { scopes: string[] }) | null> {
    const rows = await this.db.query<SessionRecord & { scopes: string | null }>(
      stablePlan(
        `SELECT ${S_COLUMNS}, k.scopes FROM dashboard_sessions s LEFT JOIN api_keys k ON k.organization_id = s.organization_id AND k.id = s.key_id WHERE s.id_hash = ?`,
      ),
      [idHash],
    );
    return rows[0] ? { ...rows[0], scopes: rows[0].scopes ? rows[0].scopes.split(' ') : [] } : null;
  }

  async save(idHash: string, seenAt: number, flash: string | null): Promise<void> {
    await this.db.exec(stablePlan('UPDATE dashboard_sessions SET seen_at = ?, flash = ? WHERE id_hash = ?'), [seenAt, flash, idHash]);
  }

  async delete(idHash: string): Promise<void> {
    await this.db.exec('DELETE FROM dashboard_sessions WHERE id_hash = ?', [idHash]);
  }

  purge(seenBefore: number, createdBefore: number): Promise<number> {
    return this.db.exec('DELETE FROM dashboard_sessions WHERE seen_at < ? OR created_at < ?', [seenBefore, createdBefore]);
  }
}

// One statement, so that it is atomic on both backends: an insert of a new bucket, or an update
// of the existing row under its lock. In an UPDATE every right-hand side reads the row as it was,
// so last_grant is what this call took. A window that ended (start + length <= now) starts again.
const ENDED = 'rate_limits.window_start + ? <= ?';
const TAKE = stablePlan(`INSERT INTO rate_limits (bucket, window_start, used, last_grant) VALUES (?, ?, ?, ?)
ON CONFLICT (bucket) DO UPDATE SET
  window_start = CASE WHEN ${ENDED} THEN ? ELSE rate_limits.window_start END,
  used = CASE WHEN ${ENDED} THEN ? WHEN rate_limits.used + ? <= ? THEN rate_limits.used + ? WHEN rate_limits.used >= ? THEN rate_limits.used ELSE ? END,
  last_grant = CASE WHEN ${ENDED} THEN ? WHEN rate_limits.used + ? <= ? THEN ? WHEN rate_limits.used >= ? THEN 0 ELSE ? - rate_limits.used END
RETURNING last_grant, window_start`);

export class SqlRateLimitStore implements RateLimitStore {
  constructor(private readonly db: SqlDatabase) {}

  async take(bucket: string, now: number, windowMs: number, amount: number, limit: number): Promise<{ granted: number; windowStart: number }> {
    const first = Math.max(0, Math.min(amount, limit));
    const rows = await this.db.query<{ last_grant: number; window_start: number }>(TAKE, [
      // the new row
      bucket,
      now,
      first,
      first,
      // window_start
      windowMs,
      now,
      now,
      // used
      windowMs,
      now,
      first,
      amount,
      limit,
      amount,
      limit,
      limit,
      // last_grant
      windowMs,
      now,
      first,
      amount,
      limit,
      amount,
      limit,
      limit,
    ]);
    return { granted: Number(rows[0]?.last_grant ?? 0), windowStart: Number(rows[0]?.window_start ?? now) };
  }

  purge(windowsBefore: number): Promise<number> {
    return this.db.exec('DELETE FROM rate_limits WHERE window_start < ?', [windowsBefore]);
  }
}
