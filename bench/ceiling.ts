// The ceiling: a lean undici loop that signs and POSTs the 1 KiB payload to the receiver, with no
// storage at all — what this machine's receiver accepts. As the systems under test do, it builds
// one body per event and sends it to each of the event's endpoints, signed per delivery. How many
// connections, how deep a pipeline and how many requests in flight come with each `run`; the
// benchmark runs one or more of these processes side by side and keeps the best setting.
import { Pool } from 'undici';
import { eventObject, now, sleep } from './lib.ts';
import { benchSecret, signedHeaders } from './sign.ts';

const SECRET = benchSecret(7);

type Run = { cmd: 'run'; id: number; urls: string[]; ms: number; inflight?: number; rate?: number; connections?: number; pipelining?: number };

function body(seq: number): { id: string; text: string } {
  const id = `evt_${process.pid}_${String(seq).padStart(16, '0')}`;
  const head = { id, type: 'lead.created', created_at: new Date().toISOString(), organization_id: 'org_01JBENCHBENCHBENCHBENCHBEN' };
  return { id, text: `${JSON.stringify(head).slice(0, -1)},"data":${JSON.stringify({ object: eventObject(now(), seq) })}}` };
}

async function run(msg: Run): Promise<{ sent: number; errors: number }> {
  const origin = new URL(msg.urls[0]).origin;
  const paths = msg.urls.map((u) => new URL(u).pathname);
  const pool = new Pool(origin, { connections: msg.connections ?? 32, pipelining: msg.pipelining ?? 1, keepAliveTimeout: 30_000 });
  let sent = 0;
  let errors = 0;
  let event = { id: '', text: '' };
  const post = async () => {
    const n = sent++;
    if (n % paths.length === 0) event = body(n / paths.length);
    const { id, text } = event;
    try {
      const res = await pool.request({ method: 'POST', path: paths[n % paths.length], headers: signedHeaders(SECRET, id, 'lead.created', text), body: text });
      await res.body.dump();
      if (res.statusCode >= 300) errors++;
    } catch {
      errors++;
    }
  };
  const end = now() + msg.ms;
  if (msg.rate) {
    // Open loop: the schedule does not wait for answers.
    const start = now();
    const inflight = new Set<Promise<void>>();
    while (now() < end) {
      const due = Math.floor(((now() - start) / 1000) * msg.rate);
      while (sent < due) {
        const p = post();
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      await sleep(1);
    }
    await Promise.all(inflight);
  } else {
    await Promise.all(
      Array.from({ length: msg.inflight ?? 64 }, async () => {
        while (now() < end) await post();
      }),
    );
  }
  await pool.close();
  return { sent, errors };
}

process.on('message', (msg: Run) => {
  if (msg.cmd === 'run') void run(msg).then((r) => process.send!({ id: msg.id, ...r }));
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
