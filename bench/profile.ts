// `node --import tsx bench/profile.ts <file.cpuprofile>`: the functions with the most self time
// in a V8 CPU profile (as written with BENCH_PROFILE_DIR), and the share of each source area.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const prof = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: Node[]; samples: number[] };
const total = prof.samples.length;
const self = new Map<string, number>();
const areas = new Map<string, number>();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
for (const id of prof.samples) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  const file = f.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'npm:').replace(/.*\/work\/[^/]+\//, '');
  const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + 1);
  const area = file.startsWith('npm:') ? file.split('/').slice(0, file.startsWith('npm:@') ? 2 : 1).join('/') : file.startsWith('src/') ? file.split('/').slice(0, 2).join('/') : f.functionName.startsWith('(') ? f.functionName : file.startsWith('node:') ? file : '(native/other)';
  areas.set(area, (areas.get(area) ?? 0) + 1);
}
const pct = (n: number) => ((100 * n) / total).toFixed(1).padStart(5) + '%';
console.log(`${total} samples\n-- by area`);
for (const [k, v] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(v), k);
console.log('-- top functions (self)');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(pct(v), k);
