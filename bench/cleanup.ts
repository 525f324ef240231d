// What a run leaves behind, removed: its PostgreSQL schemas (SalesOS's, pg-boss's and
// graphile-worker's, one per measurement) and its Redis keys (BullMQ's), all named after the run.
import { Queue } from 'bullmq';
import pg from 'pg';
import { sleep } from './lib.ts';

const log = (...m: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

/** Drops the given schemas, or every schema whose name starts with `prefix_`; retries a while. */
export async function dropSchemas(url: string, which: { names?: string[]; prefix?: string }): Promise<void> {
  // The shared PostgreSQL may be restarting (other test suites): retry the cleanup a while.
  for (let i = 0; i < 10; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const names = [...(which.names ?? [])];
      if (which.prefix) {
        const rows = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)`, [which.prefix]);
        names.push(...rows.rows.map((r) => r.nspname));
      }
      for (const name of new Set(names)) await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(name)} CASCADE`);
      return;
    } catch (e) {
      log(`dropping schemas failed (${(e as Error).message}); retrying`);
      await sleep(1000);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** Deletes every Redis key whose name starts with `prefix`. */
export async function dropRedisKeys(redis: { host: string; port: number }, prefix: string): Promise<number> {
  // A Queue object creates no key by itself; its client does the scan.
  const q = new Queue('cleanup', { connection: { ...redis, maxRetriesPerRequest: 1, lazyConnect: true }, prefix });
  let deleted = 0;
  try {
    const client = await q.client;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, { MATCH: `${prefix}*`, COUNT: 1000 });
      cursor = next;
      if (keys.length) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } catch (e) {
    log(`deleting Redis keys ${prefix}* failed: ${(e as Error).message}`);
  } finally {
    await q.close().catch(() => {});
  }
  return deleted;
}
