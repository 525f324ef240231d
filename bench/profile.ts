// `node --import tsx bench/profile.ts <file.cpuprofile> [--skip=seconds]`: the functions with the
// most self time and the most total (inclusive) time in a V8 CPU profile (as written with
// BENCH_PROFILE_DIR), and the share of each source area. `--skip` leaves out the start (module
// loading, schema compilation) so the figures describe the steady state.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = process.argv.find((a, i) => i >= 2 && !a.startsWith('--'))!;
const skipS = Number(process.argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? 0);
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const where = (n: Node) => {
  const f = n.callFrame;
  const file = f.url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, 'npm:')
    .replace(/.*\/work\/[^/]+\//, '');
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
