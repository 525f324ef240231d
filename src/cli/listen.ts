// `salesos listen --forward-to <url>`: the local development loop of `stripe listen`. It opens
// an outbound Server-Sent Events connection to GET /v1/listen, receives the organization's
// events as they happen, and POSTs each to a local URL signed exactly as a real delivery
// (SPEC §6) with a secret of this session.
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { deliveryHeaders } from '../delivery/signer.ts';
import { matchesEvent } from '../catalog.ts';
import { parseEventPatterns, parseHttpUrl } from './args.ts';
import { ApiClient, apiError, describeNetworkError, NetworkError, sleep, withConnection, type ConnectionOptions, type Env } from './client.ts';
import { clock, makeOut, processIo, type CliIo, type Out } from './output.ts';

const FORWARD_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 5_000;

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** Parses a text/event-stream body into messages (comments and retry: are dropped). */
export async function* readSse(body: AsyncIterable<Uint8Array>, onId: (id: string) => void): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: RegExpExecArray | null;
    while ((nl = /\r\n|\r|\n/.exec(buffer))) {
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (nl[0] === '\r' && nl.index === buffer.length - 1) break;
      const line = buffer.slice(0, nl.index);
      buffer = buffer.slice(nl.index + nl[0].length);
      if (line === '') {
        if (id !== undefined) onId(id);
        if (data.length) yield { id, event, data: data.join('\n') };
        data = [];
        event = undefined;
        id = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id') id = value;
    }
  }
}

function parseSecret(value: string): string {
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value) || Buffer.from(value.slice(6), 'base64').length < 24) {
    throw new InvalidArgumentError('expected whsec_ followed by the base64 of at least 24 random bytes');
  }
  return value;
}

interface ListenOptions extends ConnectionOptions {
  forwardTo: string;
  events: string[];
  secret?: string;
  json?: boolean;
}

export function listenCommand(program: Command, env: Env, io: CliIo = processIo()): void {
  withConnection(
    program.command('listen').description("Receive the organization's events over an outbound connection and forward them, signed, to a local URL"),
  )
    .requiredOption('--forward-to <url>', 'local URL to POST each event to, e.g. http://localhost:3000/hooks', parseHttpUrl)
    .option('--events <types>', 'comma-separated event types, group.* wildcards or * (default *)', parseEventPatterns, ['*'])
    .option('--secret <whsec>', 'signing secret to use (default: a new one for this session)', parseSecret)
    .option('--json', 'print one JSON object per line (the first one carries the secret)')
    .addHelpText('after', '\nExample:\n  salesos listen --forward-to http://localhost:3000/hooks --events "lead.*,opportunity.won"')
    .action(async (opts: ListenOptions) => {
      await listen(ApiClient.from(opts, env), makeOut(env, io), opts);
    });
}

async function listen(client: ApiClient, out: Out, opts: ListenOptions): Promise<void> {
  const secret = opts.secret ?? `whsec_${randomBytes(32).toString('base64')}`;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const url = new URL(`${client.apiUrl}/v1/listen`);
  url.searchParams.set('events', opts.events.join(','));
  let lastId: string | undefined;
  let connected = false;
  let backoff = 500;
  try {
    while (!stop.signal.aborted) {
      let res: Response;
      try {
        res = await client.fetch(url.toString(), {
          headers: client.headers({ accept: 'text/event-stream', ...(lastId && { 'last-event-id': lastId }) }),
          signal: stop.signal,
        });
      } catch (e) {
        if (stop.signal.aborted) break;
        // The first connection must work; later, the server may be restarting.
        if (!connected || !(e instanceof NetworkError)) throw e;
        out.err(`${e.message}; retrying in ${backoff / 1000}s…`);
        await sleep(backoff, stop.signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (!res.ok || !res.body) {
        const e = apiError(res.status, await res.text());
        // Once running, a server that is restarting or overloaded is waited for; a rejected key is not.
        if (!connected || (res.status < 500 && res.status !== 429)) throw e;
        out.err(`${e.message}; retrying in ${backoff / 1000}s…`);
        await sleep(backoff, stop.signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (!connected) {
        connected = true;
        if (opts.json) out.line(JSON.stringify({ type: 'ready', secret, forward_to: opts.forwardTo, events: opts.events, api_url: client.apiUrl }));
        else {
          out.line(`Ready! Forwarding ${opts.events.join(', ')} events from ${client.apiUrl} to ${opts.forwardTo}`);
          out.line(`Your webhook signing secret is ${out.bold(secret)} (Ctrl-C to quit)`);
        }
      } else {
        out.err('Reconnected');
      }
      backoff = 500;
      try {
        for await (const msg of readSse(res.body as unknown as AsyncIterable<Uint8Array>, (id) => (lastId = id))) {
          const type = msg.event ?? typeOf(msg.data);
          if (!msg.id || !type || !matchesEvent(opts.events, type)) continue;
          void forward(out, opts, secret, msg.id, type, msg.data);
        }
      } catch (e) {
        if (stop.signal.aborted) break;
        out.err(`The connection to ${client.apiUrl} broke (${describeNetworkError(e)}); reconnecting…`);
        continue;
      }
      if (stop.signal.aborted) break;
      out.err(`The connection to ${client.apiUrl} closed; reconnecting…`);
      await sleep(backoff, stop.signal);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function typeOf(data: string): string | undefined {
  try {
    const t = (JSON.parse(data) as { type?: unknown }).type;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** POSTs one event to the local URL, signed as a delivery, and prints one line with the answer. */
async function forward(out: Out, opts: ListenOptions, secret: string, id: string, type: string, body: string): Promise<void> {
  const headers = deliveryHeaders({ secrets: [secret], eventId: id, eventType: type, body, attempt: 1 });
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    // Redirects are not followed, as in a real delivery.
    const res = await fetch(opts.forwardTo, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    await res.arrayBuffer().catch(() => undefined);
    status = res.status;
  } catch (e) {
    error = describeNetworkError(e);
  }
  const ms = Date.now() - started;
  if (opts.json) {
    out.line(JSON.stringify({ type: 'forwarded', event_id: id, event_type: type, status, error, duration_ms: ms }));
    return;
  }
  const answer = status !== null ? (status >= 200 && status < 300 ? out.green(`[${status}]`) : out.red(`[${status}]`)) : out.red(`[failed: ${error}]`);
  out.line(`${out.dim(clock())}  ${type.padEnd(19)}  ${id}  --> POST ${opts.forwardTo} ${answer} ${out.dim(`${ms}ms`)}`);
}
