// `salesos deliveries tail`: polls the delivery logs and prints one line whenever a delivery
// appears or its status or attempt count changes. What exists when it starts is the baseline
// and is not printed.
import { NetworkError, sleep, type ApiClient } from './client.ts';
import { attemptOutcome, type AttemptView, type DeliveryView } from './views.ts';
import { clock, when, type Out } from './output.ts';

const PAGE = 100;
/** Pages to read when a poll finds nothing but new deliveries (a burst). */
const MAX_PAGES = 10;

export async function tailDeliveries(client: ApiClient, out: Out, opts: { webhook?: string; intervalMs: number; json: boolean }): Promise<void> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (opts.webhook) await client.request('GET', `/v1/webhooks/${encodeURIComponent(opts.webhook)}`);
    /** Per webhook: delivery id -> "status/attempt_count" as last printed. */
    const known = new Map<string, Map<string, string>>();
    await poll(client, out, opts, known, true);
    out.err(`Tailing deliveries${opts.webhook ? ` of ${opts.webhook}` : ''} on ${client.apiUrl} (Ctrl-C to stop)`);
    let down = false;
    while (!stop.signal.aborted) {
      await sleep(opts.intervalMs, stop.signal);
      if (stop.signal.aborted) break;
      try {
        await poll(client, out, opts, known, false);
        if (down) out.err('Reconnected');
        down = false;
      } catch (e) {
        // The server restarting is no reason to stop following; a rejected key is.
        if (!(e instanceof NetworkError)) throw e;
        if (!down) out.err(`${e.message}; retrying…`);
        down = true;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function poll(
  client: ApiClient,
  out: Out,
  opts: { webhook?: string; json: boolean },
  known: Map<string, Map<string, string>>,
  baseline: boolean,
): Promise<void> {
  const hooks = opts.webhook ? [opts.webhook] : (await client.listAll<{ id: string }>('/v1/webhooks', {}, 10_000)).map((w) => w.id);
  const changes: DeliveryView[] = [];
  for (const hook of hooks) {
    const before = known.get(hook);
    // A webhook created after the start: all of its deliveries are news.
    const seen = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.request<{ data: DeliveryView[]; next_cursor: string | null }>(
        'GET',
        `/v1/webhooks/${encodeURIComponent(hook)}/deliveries`,
        undefined,
        { limit: PAGE, cursor },
      );
      let allNew = true;
      for (const d of r.data) {
        const state = `${d.status}/${d.attempt_count}`;
        seen.set(d.id, state);
        const prev = before?.get(d.id);
        if (prev !== undefined) allNew = false;
        if (!baseline && prev !== state) changes.push(d);
      }
      cursor = r.next_cursor ?? undefined;
      if (baseline || !cursor || !allNew || before === undefined) break;
    }
    known.set(hook, seen);
  }
  for (const d of changes.sort((a, b) => (a.id < b.id ? -1 : 1))) await printChange(client, out, d, opts.json);
}

async function printChange(client: ApiClient, out: Out, d: DeliveryView, json: boolean): Promise<void> {
  let last: AttemptView | null = null;
  if (d.attempt_count > 0) {
    const full = await client.request<DeliveryView & { attempts: AttemptView[] }>('GET', `/v1/deliveries/${encodeURIComponent(d.id)}`);
    last = full.attempts[full.attempts.length - 1] ?? null;
    d = { ...d, status: full.status, attempt_count: full.attempt_count, next_attempt_at: full.next_attempt_at };
  }
  if (json) {
    out.line(JSON.stringify({ at: new Date().toISOString(), delivery: d, last_attempt: last }));
    return;
  }
  let detail = '';
  if (last) {
    const outcome = attemptOutcome(last);
    detail = `attempt ${last.attempt_number}: ${last.error_class === null ? out.green(outcome) : out.red(outcome)}`;
    if (d.status === 'pending' && d.next_attempt_at) detail += `, next attempt at ${when(d.next_attempt_at)}`;
  } else if (d.status === 'pending') {
    detail = 'queued';
  }
  out.line(
    `${out.dim(clock())}  ${d.id}  ${d.event_type.padEnd(19)}  ${d.webhook_id}  ${out.status(d.status)}${' '.repeat(Math.max(0, 9 - d.status.length))}  ${detail}`.trimEnd(),
  );
}
