// `node --import tsx bench/profile.ts <file.cpuprofile> [--skip=seconds] [--per=N]`: the functions
// with the most self time and the most total (inclusive) time in a V8 CPU profile (as written with
// BENCH_PROFILE_DIR), the share of each source area, and of each stage of a publish (STAGES).
// `--skip` leaves out the start (module loading, schema compilation) so the figures describe the
// steady state; `--per=N` also gives each stage's CPU µs per event, N being the busy (non-idle)
// CPU µs per event measured beside the profile (bench/publish.ts: CPU ms per 1,000 events).
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = process.argv.find((a, i) => i >= 2 && !a.startsWith('--'))!;
const skipS = Number(process.argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? 0);
const perEvent = Number(process.argv.find((a) => a.startsWith('--per='))?.slice(6) ?? 0);
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const where = (n: Node) => {
  const f = n.callFrame;
  // The service runs dist/ (compiled from src/, one file each): named by its source file.
  let file = f.url.replace(/^file:\/\//, '');
  if (file.includes('node_modules/')) file = 'npm:' + file.replace(/.*node_modules\//, '');
  else if (file.startsWith('/')) file = file.replace(/.*\/(dist|src|bench)\//, '$1/').replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
  return { file, key: `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}` };
};
const self = new Map<string, number>();
const total = new Map<string, number>();
const areas = new Map<string, number>();
let t = 0;
let counted = 0;
prof.samples.forEach((id, i) => {
  t += prof.timeDeltas[i] ?? 0;
  if (t < skipS * 1e6) return;
  counted++;
  const n = byId.get(id)!;
  const { file, key } = where(n);
  self.set(key, (self.get(key) ?? 0) + 1);
  const fn = n.callFrame.functionName;
  const area = file.startsWith('npm:')
    ? file
        .split('/')
        .slice(0, file.startsWith('npm:@') ? 2 : 1)
        .join('/')
    : file.startsWith('src/')
      ? file.split('/').slice(0, 2).join('/')
      : fn.startsWith('(')
        ? fn
        : file.startsWith('node:')
          ? file
          : '(native/other)';
  areas.set(area, (areas.get(area) ?? 0) + 1);
  const seen = new Set<string>();
  for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
    const k = where(byId.get(p)!).key;
    if (!seen.has(k)) {
      total.set(k, (total.get(k) ?? 0) + 1);
      seen.add(k);
    }
  }
});
const pct = (n: number) => ((100 * n) / counted).toFixed(1).padStart(5) + '%';
console.log(`${counted} samples${skipS ? ` after the first ${skipS} s` : ''}\n-- by area`);
for (const [k, v] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(v), k);
console.log('-- top functions (self)');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(pct(v), k);
console.log('-- top functions (total, own code and libraries)');
for (const [k, v] of [...total]
  .filter(([k]) => !k.startsWith('('))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 40))
  console.log(pct(v), k);

// Each sample's stage of a publish: a few leaf frames by what they are (collection, writes), the
// rest by the innermost frame of the project or of a library that owns it (node's own frames, the
// HTTP parser and sockets, are passed over: a socket read or write belongs to whoever asked for it).
const LEAF: Array<[string, (fn: string, file: string) => boolean]> = [
  ['garbage collection', (fn) => fn === '(garbage collector)'],
  // The write system calls of every socket (answers, deliveries, statements). V8 samples wall time:
  // a process preempted in the call (by the peer its write woke, on a 2-core host) counts here too.
  ['socket writes (system calls)', (fn, file) => file === '' && /^write(v|Buffer|Utf8String|Latin1String|AsciiString)$/.test(fn)],
];
const OWNER: Array<[string, RegExp]> = [
  ['auth (key hash, cache)', /^src\/(http\/auth|orgs\/keys)\.ts/],
  ['rate limit (shared windows)', /^src\/orgs\/limits\.ts/],
  ['scope check', /^src\/http\/scopes\.ts/],
  ['idempotency', /^src\/(http\/idempotency|idempotency\/)/],
  ['validation: event type schema (ajv)', /^src\/events\/schemas\.ts/],
  ['validation: request body (fastify, ajv)', /^npm:fastify\/lib\/validation\.js/],
  ['the answer (fastify reply, serialization)', /^npm:(fast-json-stringify|fastify\/lib\/(reply|error-serializer)\.js)/],
  ['request body: depth check, JSON.parse', /^(src\/http\/server\.ts|npm:secure-json-parse)/],
  ['subscribers (cache, filters)', /^src\/events\/subscribers\.ts|^src\/webhooks\/filter\.ts/],
  ['publish: prepare, fan-out, batching', /^src\/(events\/(publisher|service)|ids|catalog|http\/routes\/events)\.ts/],
  ['NOTIFY (wake-ups)', /^src\/store\/postgres\/wake\.ts/],
  ['metrics', /^(src\/metrics\.ts|npm:prom-client)/],
  ['logging', /^(src\/logger\.ts|npm:pino)/],
  ['delivery (worker: claim, sign, send, outcome)', /^(src\/delivery\/|npm:undici)/],
  ['SQL build (src/store)', /^src\/store\//],
  ['pg driver', /^npm:(pg|pg-protocol|pg-pool|pg-types|postgres-array)\//],
  ['SQLite (better-sqlite3, in process)', /^npm:better-sqlite3\//],
  ['HTTP: fastify (routing, hooks, reply)', /^npm:(fastify|find-my-way|avvio|@fastify|light-my-request|secure-json-parse|toad-cache)/],
];
const stages = new Map<string, number>();
let busy = 0;
t = 0;
prof.samples.forEach((id, i) => {
  t += prof.timeDeltas[i] ?? 0;
  if (t < skipS * 1e6) return;
  const leaf = byId.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') return;
  busy++;
  let stage = LEAF.find(([, test]) => test(leaf.callFrame.functionName, leaf.callFrame.url))?.[0];
  for (let p: number | undefined = id; !stage && p !== undefined; p = parent.get(p)) {
    const { file } = where(byId.get(p)!);
    stage = OWNER.find(([, re]) => re.test(file))?.[0];
  }
  stage ??= leaf.callFrame.functionName === '(program)' ? 'V8, unattributed ((program))' : 'node: HTTP parser, sockets, timers';
  stages.set(stage, (stages.get(stage) ?? 0) + 1);
});
console.log(`-- by stage of a publish (${busy} busy samples${perEvent ? `; µs per event of ${perEvent} busy µs` : ''})`);
for (const [k, v] of [...stages].sort((a, b) => b[1] - a[1]))
  console.log(`${((100 * v) / busy).toFixed(1).padStart(5)}%${perEvent ? ` ${String(Math.round((perEvent * v) / busy)).padStart(5)} µs` : ''}  ${k}`);
