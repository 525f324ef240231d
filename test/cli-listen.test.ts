// `salesos listen --forward-to …` and the stream it connects to (GET /v1/listen), on both
// backends: events reach a local receiver signed with the secret listen prints, filtered by
// --events, scoped to the key's organization, resumable with Last-Event-ID.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { apiEnv, startCli, type CliProcess } from './cli-helpers.ts';
import { BACKENDS, startApp, startReceiver, waitFor, type Receiver, type TestApp, eventData } from './helpers.ts';

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Opens GET /v1/listen and collects its messages until close(). */
async function openStream(t: TestApp, query: string, opts: { key?: string; lastEventId?: string } = {}) {
  const ctl = new AbortController();
  const res = await fetch(`${t.url}/v1/listen${query}`, {
    headers: { authorization: `Bearer ${opts.key ?? t.key}`, ...(opts.lastEventId && { 'last-event-id': opts.lastEventId }) },
    signal: ctl.signal,
  });
  const messages: SseMessage[] = [];
  let raw = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      raw += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = raw.indexOf('\n\n')) >= 0) {
        const block = raw.slice(0, end);
        raw = raw.slice(end + 2);
        const m: SseMessage = {};
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          if (field === 'id' || field === 'event' || field === 'data') m[field] = rest.join(': ');
        }
        messages.push(m);
      }
    }
  })().catch(() => undefined);
  return {
    res,
    messages,
    events: () => messages.filter((m) => m.data !== undefined),
    done: reading,
    async close() {
      ctl.abort();
      await reading;
    },
  };
}

for (const backend of BACKENDS) {
  describe(`salesos listen on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    const live: CliProcess[] = [];
    before(async () => {
      t = await startApp(backend);
      rx = await startReceiver();
    });
    after(async () => {
      for (const p of live) await p.stop();
      await rx?.close();
      await t?.close();
    });

    test('forwards matching events to the local URL, signed with the secret it prints', async () => {
      const listen = startCli(['listen', '--forward-to', rx.url, '--events', 'lead.*'], apiEnv(t));
      live.push(listen);
      const [, secret] = await listen.waitFor(/signing secret is (whsec_\S+)/);
      // No webhook exists: listen does not need one, and the server must still find the events.
      const skipped = await t.api<{ id: string }>('POST', '/v1/events', { type: 'order.created', data: eventData('order.created') });
      const published = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created', { last_name: 'Lovelace' }) });
      assert.equal(published.status, 202);
      const [req] = await rx.waitFor(1);
      assert.equal(req.method, 'POST');
      assert.equal(req.url, '/hooks');
      const payload = new StandardWebhook(secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }) as { id: string; type: string; data: { object: { last_name: string } } };
      assert.equal(payload.id, published.body.id);
      assert.equal(payload.type, 'lead.created');
      assert.equal(payload.data.object.last_name, 'Lovelace');
      assert.equal(req.headers['x-webhook-signature'], req.headers['webhook-signature']);
      assert.equal(req.headers['x-webhook-event'], 'lead.created');
      assert.equal(req.headers['x-webhook-attempt'], '1');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.match(String(req.headers['user-agent']), /^SalesOS-Webhooks\//);
      // The body is the stored event body, byte for byte.
      assert.equal(req.body, (await t.app.storage.connection.query<{ body: string }>('SELECT body FROM events WHERE id = ?', [published.body.id]))[0].body);
      await listen.waitFor(new RegExp(`lead\\.created\\s+${published.body.id}\\s+--> POST ${rx.url.replace(/[/.]/g, '\\$&')} \\[200\\]`));
      assert.equal(await listen.stop(), 0);
      assert.ok(!rx.requests.some((r) => r.headers['webhook-id'] === skipped.body.id));
    });

    test('--secret signs with the given secret and --json prints one object per line', async () => {
      const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      const before = rx.requests.length;
      const listen = startCli(['listen', '--forward-to', rx.url, '--secret', secret, '--json'], apiEnv(t));
      live.push(listen);
      const [ready] = await listen.waitFor(/^\{"type":"ready".*$/m);
      assert.equal((JSON.parse(ready) as { secret: string }).secret, secret);
      const published = await t.api<{ id: string }>('POST', '/v1/events', { type: 'task.completed', data: eventData('task.completed') });
      const req = await waitFor(() => rx.requests.slice(before).find((r) => r.headers['webhook-id'] === published.body.id));
      new StandardWebhook(secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      });
      const [line] = await listen.waitFor(/^\{"type":"forwarded".*$/m);
      assert.deepEqual(
        { ...(JSON.parse(line) as object), duration_ms: 0 },
        { type: 'forwarded', event_id: published.body.id, event_type: 'task.completed', status: 200, error: null, duration_ms: 0 },
      );
      assert.equal(await listen.stop(), 0);
    });

    test('GET /v1/listen streams only new events of the key organization, matching the patterns', async () => {
      const old = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated', { last_name: 'Lovelace' }) });
      const stream = await openStream(t, '?events=lead.*,opportunity.won');
      assert.equal(stream.res.status, 200);
      assert.match(String(stream.res.headers.get('content-type')), /^text\/event-stream/);
      const other = await t.otherKey();
      await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created', { last_name: 'Lovelace' }) }, { key: other });
      await t.api('POST', '/v1/events', { type: 'account.created', data: eventData('account.created') });
      const won = await t.api<{ id: string }>('POST', '/v1/events', { type: 'opportunity.won', data: eventData('opportunity.won') });
      const first = await waitFor(() => stream.events()[0]);
      await stream.close();
      assert.equal(first.id, won.body.id);
      assert.equal(first.event, 'opportunity.won');
      const body = JSON.parse(first.data!) as { id: string; type: string; organization_id: string };
      assert.equal(body.type, 'opportunity.won');
      assert.equal(stream.events().length, 1);
      assert.ok(!stream.events().some((m) => m.id === old.body.id));
    });

    test('Last-Event-ID resumes after the last event received', async () => {
      const a = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created', { last_name: 'Lovelace' }) });
      const b = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated', { last_name: 'Lovelace' }) });
      const c = await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.deleted', data: eventData('lead.deleted', { last_name: 'Lovelace' }) });
      const stream = await openStream(t, '?events=lead.*', { lastEventId: a.body.id });
      await waitFor(() => stream.events().length >= 2 && stream.events());
      await stream.close();
      assert.deepEqual(
        stream
          .events()
          .slice(0, 2)
          .map((m) => m.id),
        [b.body.id, c.body.id],
      );
    });

    test('GET /v1/listen needs a key and valid patterns', async () => {
      assert.equal((await t.api('GET', '/v1/listen', undefined, { key: null })).status, 401);
      const bad = await t.api<{ error: { code: string; message: string } }>('GET', '/v1/listen?events=lead.*,nope.created');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'validation_failed');
      assert.match(bad.body.error.message, /nope\.created/);
      const badId = await t.api('GET', '/v1/listen', undefined, { headers: { 'last-event-id': 'not-an-id' } });
      assert.equal(badId.status, 400);
      assert.equal((await t.api('GET', '/v1/listen?foo=1')).status, 400);
    });

    // A regression would hang the close: the timeout turns it into a failure.
    test('a server shutting down ends its open streams instead of waiting for them', { timeout: 60_000 }, async () => {
      const t2 = await startApp(backend, {}, { worker: false });
      const stream = await openStream(t2, '');
      await waitFor(() => stream.messages.length >= 1);
      await t2.close();
      // The server ended the response: reading finishes without the client aborting.
      await stream.done;
      assert.match(String(stream.messages[0].id), /^evt_/);
    });

    test('listen with a rejected key exits 1 with the API error', async () => {
      const listen = startCli(['listen', '--forward-to', rx.url], apiEnv(t, { SALESOS_API_KEY: 'sos_nope' }));
      assert.equal(await listen.exited, 1);
      assert.match(listen.stderr(), /^salesos: API error 401 unauthorized/);
    });
  });
}
