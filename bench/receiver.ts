// The benchmark's receiving end, in a child process of its own so that it never shares an event
// loop with the system under test. node:http with keep-alive; every request under /hang/ is held
// open (the sender's timeout ends it), everything else is answered 200 as soon as the body is in.
// It records arrivals per path and, for payloads carrying `bench_t=<ms>`, the publish→receipt
// latency (both sides read the same wall clock: performance.timeOrigin + performance.now()).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const now = () => performance.timeOrigin + performance.now();
const BENCH_T = /bench_t=([0-9.]+)/;

let counts = new Map<string, number>();
let latencies: Array<[number, number]> = []; // [publish time, latency ms]
let bytes = 0;
let total = 0;

const server = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    // Counted per path: a query string tells webhooks apart (one URL each) that count together.
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (path.startsWith('/hang/')) return; // never answered: the sender times out
    const at = now();
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    bytes += body.length;
    total++;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    // The marker sits near the start of the data object, before its padding: look there first,
    // so a 256 KiB body is not copied whole.
    const m = BENCH_T.exec(body.toString('latin1', 0, 2048)) ?? (body.length > 2048 ? BENCH_T.exec(body.toString('latin1')) : null);
    if (m) {
      const t = Number(m[1]);
      latencies.push([t, at - t]);
    }
    res.writeHead(200, { 'content-length': '2', 'content-type': 'text/plain' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 0;

type Msg = { cmd: 'reset' } | { cmd: 'snapshot'; latencies?: boolean; id: number };

process.on('message', (msg: Msg) => {
  if (msg.cmd === 'reset') {
    counts = new Map();
    latencies = [];
    bytes = 0;
    total = 0;
  } else if (msg.cmd === 'snapshot') {
    process.send!({ id: msg.id, at: now(), total, bytes, counts: Object.fromEntries(counts), latencies: msg.latencies ? latencies : undefined });
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send!({ ready: true, port: (server.address() as AddressInfo).port });
});
