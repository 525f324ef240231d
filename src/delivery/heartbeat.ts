// Whether delivery workers are alive. Each process that delivers beats every HEARTBEAT_MS (a row
// in the database, removed when it stops); a process serving only the API watches the beats and
// says so in its log when no worker is alive, and when one is again. /readyz and the
// salesos_workers_alive gauge count the live workers.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { WorkerRegistry } from '../store/ports.ts';

export const HEARTBEAT_MS = 3000;
/** A worker whose last beat is older than this is taken for dead. */
export const WORKER_ALIVE_MS = 15_000;

export class WorkerHealth {
  private cached: { at: number; alive: number } | null = null;
  private beating: ReturnType<typeof setInterval> | null = null;
  private watching: ReturnType<typeof setInterval> | null = null;
  /** host, process and a random part: readable in the table, unique across restarts. */
  private readonly id = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private readonly startedAt = Date.now();
  /** What the watch last saw: null before its first look. */
  private seen: boolean | null = null;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly log: Logger,
  ) {}

  /** Live workers, read at most once a second. */
  async alive(): Promise<number> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < 1000) return this.cached.alive;
    const alive = await this.registry.aliveSince(now - WORKER_ALIVE_MS);
    this.cached = { at: now, alive };
    return alive;
  }

  /** This process delivers: it beats until stopped. */
  startBeating(): void {
    if (this.beating) return;
    const beat = () =>
      this.registry.beat(this.id, this.startedAt, Date.now()).catch((e) => this.log.warn({ err: e }, 'worker heartbeat not written (database unavailable?)'));
    void beat();
    this.beating = setInterval(beat, HEARTBEAT_MS);
    this.beating.unref();
  }

  /** This process serves only the API: its log says when no worker is alive, and when one is again. */
  startWatching(): void {
    if (this.watching) return;
    const look = async () => {
      const alive = await this.alive().catch(() => null);
      if (alive === null) return; // the database is unavailable: /readyz says so
      const any = alive > 0;
      if (any === this.seen) return;
      if (!any) this.log.warn('no delivery worker is alive: deliveries wait until a process with --role worker or all runs (SALESOS_ROLE)');
      else if (this.seen === false) this.log.info({ workers: alive }, 'a delivery worker is alive again');
      this.seen = any;
    };
    void look();
    this.watching = setInterval(() => void look(), HEARTBEAT_MS);
    this.watching.unref();
  }

  async stop(): Promise<void> {
    if (this.watching) clearInterval(this.watching);
    this.watching = null;
    if (!this.beating) return;
    clearInterval(this.beating);
    this.beating = null;
    await this.registry.remove(this.id).catch(() => {});
  }
}
