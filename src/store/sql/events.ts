// Events as the API reads them.
import type { EventFilter, EventRecord, EventStore } from '../ports.ts';
import { EVENT_COLUMNS } from './fragments.ts';
import { marks, type SqlRunner } from './runner.ts';

export class SqlEventStore implements EventStore {
  /**
   * @param objectIdOf the backend's SQL expression for an event's `data.object.id`, exactly as
   *   the index events_object (migration 0010) is built on it, so that the search uses the index
   */
  constructor(
    private readonly db: SqlRunner,
    private readonly objectIdOf: string,
  ) {}

  /**
   * Newest first by id. Indexes: the primary key (organization_id, id) for the whole log,
   * events_type for types, events_object for an object id; time bounds are id bounds.
   */
  list(organizationId: string, query: EventFilter): Promise<EventRecord[]> {
    const where = ['organization_id = ?', 'id < ?'];
    const params: unknown[] = [organizationId, query.before];
    if (query.from) {
      where.push('id >= ?');
      params.push(query.from);
    }
    if (query.types?.length) {
      where.push(`type IN (${marks(query.types)})`);
      params.push(...query.types);
    }
    if (query.objectId) {
      where.push(`${this.objectIdOf} = ?`);
      params.push(query.objectId);
    }
    return this.db.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, [...params, query.limit]);
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
