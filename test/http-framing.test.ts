// What node's HTTP parser refuses before any route runs (issue 22, item 3): every 4xx the server
// can send has the documented body {"error": {"code", "message", "details"}}, and where the
// request's framing was bad the server says Connection: close and ends the connection. Raw
// sockets, since an HTTP client would not send these.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, startApp, type TestApp } from './helpers.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The server ended the connection (we never do). */
  closedByServer: boolean;
}

/** Sends bytes as they are; answers the first response, and whether the server closed the connection after it. */
function raw(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const head = text.slice(0, text.indexOf('\r\n\r\n'));
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const rest = text.slice(head.length + 4);
      let body: unknown = rest;
      try {
        body = JSON.parse(rest);
      } catch {
        // not JSON: keep the text
      }
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body, closedByServer });
    };
    // An open connection is the failure this waits for: a server that keeps it open never ends it.
    const timer = setTimeout(() => finish(false), 5000);
    socket.on('data', (d) => (text += d));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (e) => (text ? finish(true) : reject(e)));
    socket.write(bytes);
  });
}

function assertErrorBody(a: RawAnswer, status: number, code: string): void {
  assert.equal(a.status, status, JSON.stringify(a));
  assert.match(a.headers['content-type'] ?? '', /^application\/json/);
  const body = a.body as { error: { code: string; message: string; details: unknown[] } };
  assert.equal(body.error.code, code, JSON.stringify(a.body));
  assert.equal(typeof body.error.message, 'string');
  assert.ok(Array.isArray(body.error.details));
  assert.equal(Number(a.headers['content-length']), Buffer.byteLength(JSON.stringify(a.body)));
}

for (const backend of BACKENDS) {
  describe(`framework answers on ${backend}`, () => {
    let t: TestApp;
    let port: number;
    before(async () => {
      t = await startApp(backend, {}, { worker: false });
      port = Number(new URL(t.url).port);
    });
    after(async () => t?.close());

    const badFraming: [string, (key: string) => string, number, string][] = [
      ['headers over 16 KiB', () => `GET /v1/webhooks HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      ['a request line over 16 KiB', () => `GET /v1/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers_too_large'],
      [
        'Content-Length beside chunked encoding',
        (key) =>
          `POST /v1/webhooks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
        400,
        'bad_request',
      ],
      ['two Content-Lengths', () => `POST /v1/webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400, 'bad_request'],
      [
        'a bad chunk size',
        () => `POST /v1/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
        400,
        'bad_request',
      ],
      ['a request line that is not HTTP', () => `GARBAGE\r\n\r\n`, 400, 'bad_request'],
      ['HTTP/1.1 without Host', () => `GET /healthz HTTP/1.1\r\n\r\n`, 400, 'bad_request'],
      ['an Expect the server cannot meet', () => `POST /v1/webhooks HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nContent-Length: 2\r\n\r\n{}`, 417, 'bad_request'],
    ];
    for (const [what, bytes, status, code] of badFraming) {
      test(`${what}: ${status} with the documented body, Connection: close, and the connection ends`, async () => {
        const a = await raw(port, bytes(t.key));
        assertErrorBody(a, status, code);
        assert.equal(a.headers.connection?.toLowerCase(), 'close');
        assert.ok(a.closedByServer, 'the server kept the connection open');
      });
    }

    test('nothing was created by the refused requests', async () => {
      const list = await t.api<{ data: unknown[] }>('GET', '/v1/webhooks');
      assert.deepEqual(list.body.data, []);
    });

    test('a well-framed request on a kept-alive connection is answered as before, and the connection stays open', async () => {
      const a = await raw(port, `GET /v1/nothing HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.key}\r\n\r\n`);
      assertErrorBody(a, 404, 'not_found');
      assert.equal(a.closedByServer, false);
    });
  });
}
