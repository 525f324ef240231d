// `node --import tsx bench/ordering.ts [--quick]` (after `npm run build`): the ordering phase of
// `npm run bench` alone, on a SalesOS of its own on PostgreSQL — 10 webhooks saturated with events
// about 1,000 objects, unordered then ordered per object (bench/salesos-phases.ts, `ordering`).
// Prints the phase's JSON; docs/benchmarks.md reports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchemas } from './cleanup.ts';
import { Receiver } from './lib.ts';
import { parseOptions } from './options.ts';
import { ordering } from './salesos-phases.ts';
import { startService } from './service.ts';

const opts = parseOptions(process.argv.slice(2));
const rx = await Receiver.start();
const schema = `${opts.runId}_sos_ord`;
const dataDir = mkdtempSync(join(tmpdir(), 'salesos-bench-'));
try {
  const svc = await startService({ SALESOS_DATA_DIR: dataDir, SALESOS_DELIVERY_TIMEOUT: opts.timeout, DATABASE_URL: opts.pgUrl, SALESOS_DB_SCHEMA: schema });
  try {
    const result = await ordering(opts, rx, svc);
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { nproc: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg() },
          warmup_ms: opts.warmupMs,
          window_ms: opts.windowMs,
          ordering: result,
        },
        null,
        2,
      ),
    );
  } finally {
    await svc.stop();
  }
} finally {
  await rx.child.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await dropSchemas(opts.pgUrl, { names: [schema] });
}
