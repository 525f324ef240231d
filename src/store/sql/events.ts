// Events as the API reads them.
import type { EventRecord, EventStore, PageQuery } from '../ports.ts';
import { EVENT_COLUMNS } from './fragments.ts';
import type { SqlRunner } from './runner.ts';

export class SqlEventStore implements EventStore {
  constructor(private readonly db: SqlRunner) {}

  list(organizationId: string, query: PageQuery & { type?: string }): Promise<EventRecord[]> {
    return query.type
      ? this.db.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE organization_id = ? AND type = ? AND id < ? ORDER BY id DESC LIMIT ?`, [
          organizationId,
          query.type,
          query.before,
          query.limit,
        ])
      : this.db.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, [
          organizationId,
          query.before,
          query.limit,
        ]);
  }

  async get(organizationId: string, id: string): Promise<EventRecord | null> {
    return (await this.db.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE organization_id = ? AND id = ?`, [organizationId, id]))[0] ?? null;
  }

  after(organizationId: string, afterId: string, limit: number): Promise<EventRecord[]> {
    return this.db.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?`, [
      organizationId,
      afterId,
      limit,
    ]);
  }
}

/** The event that holds an idempotency key, if any. */
export async function eventByIdempotencyKey(q: SqlRunner, organizationId: string, key: string): Promise<EventRecord | null> {
  return (
    (await q.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE organization_id = ? AND idempotency_key = ?`, [organizationId, key]))[0] ?? null
  );
}
