// Receiver faults: each misbehaving endpoint is recorded with the right error class and retried
// per the schedule, and a 100 MB answer costs the service no memory. The service is a child
// process (`serve`), so its resident memory can be measured.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { BACKENDS, startReceiver, waitFor, type Receiver, eventData } from '../helpers.ts';
import { call, fmtMb, freePort, newApiKey, rssOf, section, sleep, startService, tempDb, type Service, type TempDb } from './support.ts';

const SCHEDULE = [300, 600];
const check = section(
  import.meta.url,
  'Receiver faults',
  `A child \`serve\` process per backend; retry schedule ${SCHEDULE.join(' ms, ')} ms (3 attempts), delivery timeout 2 s. One webhook per fault, one event published to all of them at once.`,
  3,
);

interface Attempt {
  attempt_number: number;
  started_at: string;
  duration_ms: number;
  response_status: number | null;
  response_body: string | null;
  error_class: string | null;
}
interface Delivery {
  id: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  attempts: Attempt[];
}

/** A plain TCP server whose connections are handed to `onRequest` once a request head arrived. */
async function tcpServer(onRequest: (socket: Socket) => void): Promise<{ url: string; server: TcpServer; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    socket.on('data', (d) => {
      if (head.includes('\r\n\r\n')) return;
      head += d.toString('latin1');
      if (head.includes('\r\n\r\n')) onRequest(socket);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    server,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

for (const backend of BACKENDS) {
  describe(`faults on ${backend}`, () => {
    let db: TempDb;
    let svc: Service;
    const key = newApiKey();
    const closers: Array<() => Promise<void>> = [];
    const urls: Record<string, string> = {};
    let redirectTarget: Receiver;
    const bigBytesWritten: number[] = [];
    let certDir = '';

    before(async () => {
      db = await tempDb(backend);
      svc = await startService({
        ...db.env,
        SALESOS_API_KEY: key,
        SALESOS_RETRY_SCHEDULE: SCHEDULE.map((ms) => `${ms}ms`).join(','),
        SALESOS_DELIVERY_TIMEOUT: '2s',
      });

      const r500 = await startReceiver((_r, _n, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal failure'));
      const r429 = await startReceiver((_r, _n, res) => void res.writeHead(429, { 'retry-after': '3600' }).end('slow down'));
      redirectTarget = await startReceiver();
      const r301 = await startReceiver((_r, _n, res) => void res.writeHead(301, { location: redirectTarget.url }).end());
      const hang = await startReceiver(() => new Promise<void>(() => {})); // never answers
      closers.push(r500.close, r429.close, redirectTarget.close, r301.close, hang.close);
      Object.assign(urls, { http_500: r500.url, http_429: r429.url, redirect_301: r301.url, hang: hang.url });

      // Half an answer, then a TCP reset.
      const reset = await tcpServer((s) => {
        s.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\npartial');
        setTimeout(() => s.resetAndDestroy(), 50);
      });
      // Not HTTP at all.
      const garbage = await tcpServer((s) => s.end('SSH-2.0-OpenSSH_9.2p1 Debian\r\nProtocol mismatch.\r\n'));
      closers.push(reset.close, garbage.close);
      urls.reset_mid_response = reset.url;
      urls.not_http = garbage.url;

      // 100 MB streamed with a 500 status (so it is attempted three times), honouring backpressure.
      const big = createHttpServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(500, { 'content-type': 'application/octet-stream', 'content-length': String(100 * 1024 * 1024) });
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          let sent = 0;
          const slot = bigBytesWritten.push(0) - 1;
          const pump = () => {
            while (sent < 100 * 1024 * 1024) {
              sent += chunk.length;
              bigBytesWritten[slot] = sent;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('close', () => void res.off('drain', pump));
          pump();
        });
      });
      urls.body_100mb = `http://127.0.0.1:${await listen(big)}/hooks`;
      closers.push(
        () =>
          new Promise<void>((r) => {
            big.closeAllConnections();
            big.close(() => r());
          }),
      );

      // TLS with a self-signed certificate, made now.
      certDir = mkdtempSync(join(tmpdir(), 'salesos-cert-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(certDir, 'key.pem'),
          '-out',
          join(certDir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const tls = createHttpsServer(
        { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
        (_req, res) => void res.writeHead(200).end('ok'),
      );
      await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
      urls.tls_self_signed = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/hooks`;
      closers.push(
        () =>
          new Promise<void>((r) => {
            tls.closeAllConnections();
            tls.close(() => r());
          }),
      );

      urls.connection_refused = `http://127.0.0.1:${await freePort()}/hooks`;
    });
    after(async () => {
      await svc?.kill();
      for (const c of closers) await c().catch(() => {});
      await db?.drop();
      if (certDir) rmSync(certDir, { recursive: true, force: true });
    });

    check(
      `${backend}: every fault is classified, retried per the schedule, and a 100 MB answer keeps memory flat`,
      async (fig) => {
        const hooks: Record<string, string> = {};
        for (const [name, url] of Object.entries(urls)) {
          const r = await call<{ id: string }>(svc.url, key, 'POST', '/v1/webhooks', { url, events: ['lead.created'], description: name });
          assert.equal(r.status, 201, `create ${name}: ${JSON.stringify(r.body)}`);
          hooks[name] = r.body.id;
        }
        await sleep(300);
        const rssBefore = rssOf(svc.proc.pid!);
        let rssPeak = rssBefore;
        const sampler = setInterval(() => {
          try {
            rssPeak = Math.max(rssPeak, rssOf(svc.proc.pid!));
          } catch {
            // exited
          }
        }, 50);
        const pub = await call<{ id: string }>(svc.url, key, 'POST', '/v1/events', {
          type: 'lead.created',
          data: eventData('lead.created'),
        });
        assert.equal(pub.status, 202);

        const deliveryOf = async (name: string): Promise<Delivery> => {
          const list = await call<{ data: Array<{ id: string }> }>(svc.url, key, 'GET', `/v1/webhooks/${hooks[name]}/deliveries`);
          assert.equal(list.body.data.length, 1);
          return (await call<Delivery>(svc.url, key, 'GET', `/v1/deliveries/${list.body.data[0].id}`)).body;
        };

        const expected: Record<string, string> = {
          http_500: 'http_status',
          redirect_301: 'redirect',
          hang: 'timeout',
          reset_mid_response: 'connection_reset',
          body_100mb: 'http_status',
          not_http: 'invalid_response',
          tls_self_signed: 'tls',
          connection_refused: 'connection_refused',
        };
        const results: string[] = [];
        try {
          for (const [name, errorClass] of Object.entries(expected)) {
            const d = await waitFor(
              async () => {
                const x = await deliveryOf(name);
                return x.status !== 'pending' && x;
              },
              60_000,
              `${name} to fail for good`,
            );
            assert.equal(d.status, 'failed', name);
            assert.equal(d.attempts.length, SCHEDULE.length + 1, `${name}: one attempt plus one per retry`);
            const sorted = [...d.attempts].sort((a, b) => a.attempt_number - b.attempt_number);
            for (const a of sorted) {
              assert.equal(a.error_class, errorClass, `${name} attempt ${a.attempt_number}: ${JSON.stringify(a)}`);
              assert.ok((a.response_body ?? '').length <= 4096, `${name}: at most 4 KiB of the answer kept`);
            }
            // Retried per the schedule: each retry started no sooner than its delay after the previous attempt.
            for (let i = 1; i < sorted.length; i++) {
              const gap = Date.parse(sorted[i].started_at) - Date.parse(sorted[i - 1].started_at);
              assert.ok(gap >= SCHEDULE[i - 1], `${name}: retry ${i} came ${gap} ms after attempt ${i} (schedule ${SCHEDULE[i - 1]} ms)`);
            }
            const first = sorted[0];
            results.push(`${name} → ${errorClass}${first.response_status ? ` (${first.response_status})` : ''}`);
            if (name === 'hang') fig('hang: attempt durations', sorted.map((a) => `${a.duration_ms} ms`).join(', '));
            if (name === 'body_100mb') {
              fig('100 MB answer: body kept per attempt', sorted.map((a) => `${Buffer.byteLength(a.response_body ?? '')} B`).join(', '));
              fig('100 MB answer: bytes the receiver could push before the service hung up', bigBytesWritten.map(fmtMb).join(', '));
            }
          }
          assert.equal(redirectTarget.requests.length, 0, 'the redirect was never followed');

          // 429 with Retry-After: 3600 s — a throttled attempt: the stored schedule follows the header, not the 300 ms retry.
          const d429 = await waitFor(
            async () => {
              const x = await deliveryOf('http_429');
              return x.attempt_count >= 1 && x;
            },
            30_000,
            '429 attempt',
          );
          assert.equal(d429.status, 'pending');
          assert.equal(d429.attempts[0].error_class, 'throttled');
          assert.equal(d429.attempts[0].response_status, 429);
          const wait = Date.parse(d429.next_attempt_at!) - Date.parse(d429.last_attempt_at!);
          assert.ok(wait >= 3600_000 && wait < 3600_000 + 30_000, `next attempt ${wait} ms after the 429 (Retry-After: 3600)`);
          results.push('http_429 → throttled (429)');
          fig('429 with Retry-After: 3600', `next_attempt_at = last_attempt_at + ${(wait / 1000).toFixed(1)} s (the schedule said 0.3 s)`);
        } finally {
          clearInterval(sampler);
        }
        const growth = rssPeak - rssBefore;
        fig('error classes (each attempt of each fault)', results.join('; '));
        fig('redirect target requests', redirectTarget.requests.length);
        fig('service RSS', `${fmtMb(rssBefore)} before, ${fmtMb(rssPeak)} peak (+${fmtMb(Math.max(0, growth))})`);
        assert.ok(growth < 200 * 1024 * 1024, `RSS grew by ${fmtMb(growth)}`);
      },
      { timeout: 3 * 60_000 },
    );
  });
}
