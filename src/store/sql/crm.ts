// The CRM tables behind one small generic store: each table is described by a CrmTable (columns
// and filters, from src/crm/resources.ts), so insert, read, list and update are written once for
// all eight resources. Table and column names come from those descriptors only, never from a
// request; values are always bound.
import type { CrmReads, CrmRow, CrmTable, PageQuery } from '../ports.ts';
import { marks, type SqlRunner } from './runner.ts';

const columns = (t: CrmTable) => ['id', ...Object.keys(t.fields), 'created_at', 'updated_at'].join(', ');

export class SqlCrmReads implements CrmReads {
  constructor(protected readonly q: SqlRunner) {}

  async find(t: CrmTable, organizationId: string, id: string): Promise<CrmRow | null> {
    return (await this.q.query<CrmRow>(`SELECT ${columns(t)} FROM ${t.table} WHERE organization_id = ? AND id = ?`, [organizationId, id]))[0] ?? null;
  }

  list(t: CrmTable, organizationId: string, filters: Record<string, unknown>, page: PageQuery): Promise<CrmRow[]> {
    const where = ['organization_id = ?'];
    const args: unknown[] = [organizationId];
    for (const f of t.filters) {
      if (filters[f] === undefined) continue;
      where.push(`${f} = ?`);
      args.push(filters[f]);
    }
    where.push('id < ?');
    args.push(page.before, page.limit);
    return this.q.query<CrmRow>(`SELECT ${columns(t)} FROM ${t.table} WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, args);
  }
}

/** The writes of a CRM change, on its transaction. */
export class SqlCrmWrites extends SqlCrmReads {
  async insert(t: CrmTable, organizationId: string, row: CrmRow): Promise<void> {
    const names = Object.keys(t.fields);
    await this.q.exec(`INSERT INTO ${t.table} (organization_id, id, ${names.join(', ')}, created_at, updated_at) VALUES (?, ?, ${marks(names)}, ?, ?)`, [
      organizationId,
      row.id,
      ...names.map((f) => row[f] ?? null),
      row.created_at,
      row.updated_at,
    ]);
  }

  // A no-op UPDATE takes the write lock on both backends (SQLite has no SELECT … FOR UPDATE).
  async lock(t: CrmTable, organizationId: string, id: string): Promise<CrmRow | null> {
    const n = await this.q.exec(`UPDATE ${t.table} SET updated_at = updated_at WHERE organization_id = ? AND id = ?`, [organizationId, id]);
    return n ? this.find(t, organizationId, id) : null;
  }

  async set(t: CrmTable, organizationId: string, id: string, values: Record<string, unknown>, updatedAt: number): Promise<void> {
    const names = Object.keys(values).filter((f) => f in t.fields);
    await this.q.exec(`UPDATE ${t.table} SET ${[...names, 'updated_at'].map((f) => `${f} = ?`).join(', ')} WHERE organization_id = ? AND id = ?`, [
      ...names.map((f) => values[f]),
      updatedAt,
      organizationId,
      id,
    ]);
  }

  async remove(t: CrmTable, organizationId: string, id: string): Promise<void> {
    await this.q.exec(`DELETE FROM ${t.table} WHERE organization_id = ? AND id = ?`, [organizationId, id]);
  }
}
