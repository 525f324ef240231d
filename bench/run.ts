// `npm run bench [-- --quick] [--json] [--only=ceiling,peers,postgres,sqlite] [--rounds=N]
//   [--tune-every-round] [--backlog=N]`, `npm run bench -- --scale …` (bench/curves.ts) and
//   `npm run bench -- --soak …` (storage under sustained load: bench/soak.ts).
//
// One run, one receiver, one 1 KiB payload, fan-out to 10 webhooks, one PostgreSQL (database
// `test`, schemas of the run's own, dropped at the end) and the machine's Redis: a lean ceiling
// (bare undici, no storage), the dispatchers a Node team would build on pg-boss, graphile-worker
// and BullMQ, and SalesOS on PostgreSQL and on SQLite (the real `salesos serve`, events published
// through POST /v1/events), in interleaved rounds (bench/compare.ts). See docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart } from './chart.ts';
import { dropRedisKeys, dropSchemas } from './cleanup.ts';
import { compare } from './compare.ts';
import { runCurves } from './curves.ts';
import { Receiver, round } from './lib.ts';
import { parseOptions, SYSTEMS, type Options } from './options.ts';
import { markdown, roundFigures, summaryLine } from './report.ts';
import { runSoak } from './soak.ts';
import { systems } from './systems.ts';

const log = (...m: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

export function machine(opts: Options) {
  const pgVersion = (() => {
    try {
      return execSync(`psql "${opts.pgUrl}" -Atc "show server_version"`, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: pgVersion,
    loadavg_start: loadavg().map((v) => round(v, 2)),
  };
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.scale) return runCurves(opts, machine(opts));
  if (process.argv.includes('--soak')) {
    const info = machine(opts);
    log(`machine: ${info.nproc} cores, node ${info.node}, postgres ${info.postgres}, load ${info.loadavg_start.join(' ')}`);
    await runSoak(opts);
    log(
      `load at the end: ${loadavg()
        .map((v) => round(v, 2))
        .join(' ')}`,
    );
    return;
  }
  const started = Date.now();
  const info = machine(opts);
  log(
    `machine: ${info.nproc} cores, ${info.memory_gb} GiB, node ${info.node}, postgres ${info.postgres}, load ${info.loadavg_start.join(' ')}; run ${opts.runId}, ${opts.rounds} rounds`,
  );
  const rx = await Receiver.start();
  let outcome: Awaited<ReturnType<typeof compare>>;
  try {
    outcome = await compare({ opts, rx }, systems({ opts, rx }));
  } finally {
    await rx.child.stop();
    // Every measurement removes its own; this catches what an interrupted one left.
    await dropSchemas(opts.pgUrl, { prefix: opts.runId });
    await dropRedisKeys(opts.redis, opts.runId);
  }
  const { records, orders } = outcome;
  const rounds = roundFigures(records, orders);
  const summary = summaryLine(records, rounds, opts.quick, Math.round((Date.now() - started) / 1000));
  const report = {
    date: new Date().toISOString(),
    command: process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench',
    machine: { ...info, loadavg_end: loadavg().map((v) => round(v, 2)) },
    settings: {
      warmup_ms: opts.warmupMs,
      window_ms: opts.windowMs,
      latency_window_ms: opts.latencyWindowMs,
      rate: opts.rate,
      fanout: opts.fanout,
      payload_bytes: 1024,
      delivery_timeout: opts.timeout,
      backlog: opts.backlog,
      rounds: opts.rounds,
      tune_every_round: opts.tuneEveryRound,
    },
    summary,
    rounds,
    results: records,
  };
  console.error('\n' + markdown(records, rounds) + '\n');
  if (!opts.quick && opts.only.length === SYSTEMS.length) {
    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${report.date.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    log(`wrote ${file}`);
    renderChart(report, fileURLToPath(new URL('../docs/images/benchmarks.png', import.meta.url)));
  }
  if (!opts.json) console.log(JSON.stringify(report, null, 2));
  console.log(JSON.stringify(summary));
}

await main();
