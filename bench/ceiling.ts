// The ceiling: a bare undici loop that signs and POSTs the 1 KiB payload to the receiver, with
// no storage at all — what the hardware allows. Same agent settings and signer as the product.
import { Agent, request } from 'undici';
import { deliveryHeaders } from '../src/delivery/signer.ts';
import { eventObject, now, sleep } from './lib.ts';

const SECRET = 'whsec_' + Buffer.alloc(32, 7).toString('base64');

type Run = { cmd: 'run'; id: number; urls: string[]; ms: number; concurrency?: number; rate?: number; connections?: number };

function body(seq: number): { id: string; text: string } {
  const id = `evt_${String(seq).padStart(26, '0')}`;
  const head = { id, type: 'lead.created', created_at: new Date().toISOString(), organization_id: 'org_01JBENCHBENCHBENCHBENCHBEN' };
  return { id, text: `${JSON.stringify(head).slice(0, -1)},"data":${JSON.stringify({ object: eventObject(now(), seq) })}}` };
}

async function run(msg: Run): Promise<{ sent: number; errors: number }> {
  const agent = new Agent({ connections: msg.connections ?? 32, pipelining: 1, keepAliveTimeout: 30_000 });
  let seq = 0;
  let errors = 0;
  const post = async () => {
    const n = seq++;
    const b = body(n);
    const url = msg.urls[n % msg.urls.length];
    try {
      const headers = deliveryHeaders({ secrets: [SECRET], eventId: b.id, eventType: 'lead.created', body: b.text, attempt: 1 });
      const res = await request(url, { method: 'POST', headers, body: b.text, dispatcher: agent });
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
      while (seq < due) {
        const p = post();
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      await sleep(1);
    }
    await Promise.all(inflight);
  } else {
    await Promise.all(
      Array.from({ length: msg.concurrency ?? 64 }, async () => {
        while (now() < end) await post();
      }),
    );
  }
  await agent.close();
  return { sent: seq, errors };
}

process.on('message', (msg: Run) => {
  if (msg.cmd === 'run') void run(msg).then((r) => process.send!({ id: msg.id, ...r }));
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
