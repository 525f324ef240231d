// Idempotency keys, the same statements on both backends. A key is taken by inserting it (the
// primary key decides between concurrent requests) or by taking over a row that expired or whose
// request died in flight (a conditional update: one taker wins).
import type { IdempotencyBegin, IdempotencyRecord, IdempotencyStore } from '../ports.ts';
import type { SqlRunner } from './runner.ts';

const COLUMNS = 'fingerprint, status, response, locked_at, created_at';

export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: SqlRunner) {}

  async begin(
    organizationId: string,
    key: string,
    fingerprint: string,
    now: number,
    free: { createdBefore: number; lockedBefore: number },
  ): Promise<IdempotencyBegin> {
    const inserted = await this.db.exec(
      `INSERT INTO idempotency_keys (organization_id, idempotency_key, ${COLUMNS}) VALUES (?, ?, ?, NULL, NULL, ?, ?) ON CONFLICT (organization_id, idempotency_key) DO NOTHING`,
      [organizationId, key, fingerprint, now, now],
    );
    if (inserted) return { started: true };
    const taken = await this.db.exec(
      `UPDATE idempotency_keys SET fingerprint = ?, status = NULL, response = NULL, locked_at = ?, created_at = ?
        WHERE organization_id = ? AND idempotency_key = ? AND (created_at < ? OR (status IS NULL AND locked_at < ?))`,
      [fingerprint, now, now, organizationId, key, free.createdBefore, free.lockedBefore],
    );
    if (taken) return { started: true };
    const record = await this.get(organizationId, key);
    // Gone in between (released by its request): take it again.
    return record ? { started: false, record } : this.begin(organizationId, key, fingerprint, now, free);
  }

  async get(organizationId: string, key: string): Promise<IdempotencyRecord | null> {
    const rows = await this.db.query<IdempotencyRecord>(`SELECT ${COLUMNS} FROM idempotency_keys WHERE organization_id = ? AND idempotency_key = ?`, [
      organizationId,
      key,
    ]);
    if (!rows[0]) return null;
    const r = rows[0];
    return { ...r, status: r.status === null ? null : Number(r.status), locked_at: Number(r.locked_at), created_at: Number(r.created_at) };
  }

  async finish(organizationId: string, key: string, fingerprint: string, status: number, response: string): Promise<void> {
    await this.db.exec(
      'UPDATE idempotency_keys SET status = ?, response = ? WHERE organization_id = ? AND idempotency_key = ? AND fingerprint = ? AND status IS NULL',
      [status, response, organizationId, key, fingerprint],
    );
  }

  async release(organizationId: string, key: string, fingerprint: string): Promise<void> {
    await this.db.exec('DELETE FROM idempotency_keys WHERE organization_id = ? AND idempotency_key = ? AND fingerprint = ? AND status IS NULL', [
      organizationId,
      key,
      fingerprint,
    ]);
  }

  purge(createdBefore: number): Promise<number> {
    return this.db.exec('DELETE FROM idempotency_keys WHERE created_at < ?', [createdBefore]);
  }
}
