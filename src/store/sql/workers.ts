// Delivery workers' heartbeats (the same SQL on both backends).
import type { WorkerRegistry } from '../ports.ts';
import type { SqlDatabase } from './runner.ts';

export class SqlWorkerRegistry implements WorkerRegistry {
  constructor(private readonly db: SqlDatabase) {}

  async beat(workerId: string, startedAt: number, now: number): Promise<void> {
    await this.db.exec('INSERT INTO worker_heartbeats (id, started_at, beat_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at', [
      workerId,
      startedAt,
      now,
    ]);
  }

  async remove(workerId: string): Promise<void> {
    await this.db.exec('DELETE FROM worker_heartbeats WHERE id = ?', [workerId]);
  }

  async aliveSince(since: number): Promise<number> {
    const rows = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM worker_heartbeats WHERE beat_at >= ?', [since]);
    return Number(rows[0]?.n ?? 0);
  }
}
