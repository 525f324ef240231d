// The HTTP client of deliveries: undici keep-alive pools, one deadline for the whole attempt,
// redirects never followed, at most 4 KiB of the answer kept (the rest is not read at all, so a
// huge answer costs no memory), and every failure mapped to an error class.
import { Agent, type Dispatcher } from 'undici';
import type { ErrorClass } from '../model.ts';
import { TIMEOUT_MAX_MS } from '../webhooks/policy.ts';
import { guardedLookup, literalHostBlocked } from '../webhooks/ssrf.ts';
import { parseRetryAfter } from './retry.ts';

export const MAX_RESPONSE_BODY = 4096;
const MAX_HEADER_BYTES = 8192;

export interface SendResult {
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  durationMs: number;
  retryAfterMs: number | null;
}

export class Sender {
  private readonly agent: Agent;

  constructor(private readonly opts: { allowPrivateUrls: boolean; timeoutMs: number; connections?: number }) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      connections: opts.connections ?? 64,
      pipelining: 1,
      // Each attempt's own timer ends it at its limit; the pool's only must not be shorter than
      // the longest a webhook may set (TIMEOUT_MAX_MS).
      headersTimeout: Math.max(opts.timeoutMs, TIMEOUT_MAX_MS),
      bodyTimeout: Math.max(opts.timeoutMs, TIMEOUT_MAX_MS),
      connectTimeout: Math.min(Math.max(opts.timeoutMs, TIMEOUT_MAX_MS), 10_000),
      connect: opts.allowPrivateUrls ? undefined : { lookup: guardedLookup },
    });
  }

  // On undici's dispatcher directly (no response stream, no promise per chunk): the answer's
  // status, headers and first 4 KiB are collected by an Attempt, the dispatch handler.
  /** @param timeoutMs this attempt's limit (a webhook's own timeout), else the sender's */
  send(url: string, headers: Record<string, string>, body: string, timeoutMs = this.opts.timeoutMs): Promise<SendResult> {
    const started = performance.now();
    const target = this.target(url);
    if (typeof target === 'string')
      return Promise.resolve(failed(target === 'invalid' ? 'network' : 'blocked_address', target === 'invalid' ? 'invalid URL' : target, started));
    return new Promise<SendResult>((resolve) => {
      const attempt = new Attempt(started, timeoutMs, resolve);
      this.agent.dispatch({ origin: target.origin, path: target.path, method: 'POST', headers, body }, attempt as unknown as Dispatcher.DispatchHandler);
    });
  }

  // Webhook URLs repeat: each is parsed (and checked against literal private addresses) once.
  private readonly targets = new Map<string, { origin: string; path: string } | string>();
  private target(url: string): { origin: string; path: string } | string {
    let t = this.targets.get(url);
    if (t !== undefined) return t;
    try {
      const u = new URL(url);
      t =
        !this.opts.allowPrivateUrls && literalHostBlocked(u.hostname)
          ? `Refused to connect to non-public address ${u.hostname}`
          : { origin: u.origin, path: u.pathname + u.search };
    } catch {
      t = 'invalid';
    }
    if (this.targets.size >= 10_000) this.targets.clear();
    this.targets.set(url, t);
    return t;
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => {});
  }
}

function failed(errorClass: ErrorClass, errorMessage: string, started: number): SendResult {
  return {
    status: null,
    headers: null,
    body: null,
    errorClass,
    errorMessage: storable(errorMessage),
    retryAfterMs: null,
    durationMs: Math.round(performance.now() - started),
  };
}

// What an endpoint answers is stored in the attempt log as text. PostgreSQL text cannot hold NUL:
// one answer with a NUL byte made the whole batch of outcomes it was written with fail (and
// those deliveries be sent again), so NUL is kept as U+FFFD, on both backends alike.
function storable(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}

// One attempt's dispatch handler. A class, not closures: an attempt is the hot path, and its
// callbacks are created once per process instead of once per delivery.
class Attempt {
  private settled = false;
  private abort: ((reason: Error) => void) | null = null;
  private status = 0;
  private raw: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private size = 0;
  // One deadline for the whole attempt: connecting, waiting, and reading the answer.
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly started: number,
    private readonly timeoutMs: number,
    private readonly resolve: (r: SendResult) => void,
  ) {
    this.timer = setTimeout(() => this.expire(), timeoutMs);
  }

  private expire(): void {
    this.settle(failed('timeout', `No complete answer within ${this.timeoutMs} ms`, this.started));
    this.abort?.(new Error('delivery timeout'));
  }

  private settle(r: SendResult): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.resolve(r);
  }

  private answered(): SendResult {
    const status = this.status;
    const headers = parseRawHeaders(this.raw);
    const body = storable(this.chunks.length === 1 ? this.chunks[0].toString('utf8') : Buffer.concat(this.chunks).toString('utf8'));
    const durationMs = Math.round(performance.now() - this.started);
    if (status >= 200 && status < 300) return { status, headers, body, durationMs, errorClass: null, errorMessage: null, retryAfterMs: null };
    const redirect = status >= 300 && status < 400;
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    // The endpoint asks to slow down, and says until when: not a failure of the endpoint.
    if (status === 429 && retryAfterMs !== null)
      return { status, headers, body, durationMs, errorClass: 'throttled', errorMessage: `HTTP 429, Retry-After ${headers['retry-after']}`, retryAfterMs };
    return {
      status,
      headers,
      body,
      durationMs,
      errorClass: redirect ? 'redirect' : 'http_status',
      errorMessage: redirect ? `Redirect (${status}) to ${headers.location ?? '?'} not followed` : `HTTP ${status}`,
      retryAfterMs,
    };
  }

  onConnect(abort: (reason: Error) => void): void {
    this.abort = abort;
    if (this.settled) abort(new Error('delivery timeout'));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // 1xx: the answer is still to come
    this.status = statusCode;
    this.raw = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return false;
    this.chunks.push(this.size + chunk.length > MAX_RESPONSE_BODY ? chunk.subarray(0, MAX_RESPONSE_BODY - this.size) : chunk);
    this.size += chunk.length;
    if (this.size >= MAX_RESPONSE_BODY) {
      // Enough: the rest is never read (the connection is dropped), so a huge answer costs no
      // memory.
      this.settle(this.answered());
      queueMicrotask(() => this.abort?.(new Error('answer read')));
      return false;
    }
    return true;
  }

  onComplete(): void {
    this.settle(this.answered());
  }

  onError(e: Error): void {
    if (this.settled) return;
    const [errorClass, message] = classify(e);
    this.settle(failed(errorClass, message, this.started));
  }
}

// Raw header pairs as one object: lower-case names, repeated names joined with ", ", at most 8 KiB.
function parseRawHeaders(raw: Buffer[]): Record<string, string> {
  // No prototype: a header named __proto__ is just a header.
  const out = Object.create(null) as Record<string, string>;
  let size = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = storable(raw[i].toString('latin1').toLowerCase());
    const v = storable(raw[i + 1].toString('latin1'));
    size += k.length + v.length;
    if (size > MAX_HEADER_BYTES) break;
    out[k] = k in out ? `${out[k]}, ${v}` : v;
  }
  return out;
}

function classify(e: unknown): [ErrorClass, string] {
  // undici wraps socket errors; the useful code may be on the error or on its cause.
  const chain: Array<{ code?: string; message?: string; name?: string }> = [];
  let cur = e as { code?: string; message?: string; name?: string; cause?: unknown } | undefined;
  while (cur && chain.length < 5) {
    chain.push(cur);
    cur = cur.cause as typeof cur;
  }
  const codes = chain.map((c) => c.code ?? '');
  const text = chain.map((c) => `${c.name ?? ''} ${c.message ?? ''}`).join(' | ');
  const has = (re: RegExp) => codes.some((c) => re.test(c));
  const message = (chain.find((c) => c.message)?.message ?? 'network error').slice(0, 500);
  if (has(/^ERR_BLOCKED_ADDRESS$/) || /non-public address/.test(text)) return ['blocked_address', message];
  if (has(/^UND_ERR_(HEADERS|BODY|CONNECT)_TIMEOUT$/) || has(/^ETIMEDOUT$/)) return ['timeout', message];
  if (has(/^ECONNREFUSED$/)) return ['connection_refused', message];
  if (has(/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/)) return ['dns', message];
  if (has(/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_OSSL)/) || /certificate|ssl|tls/i.test(text)) return ['tls', message];
  // undici's HTTPParserError (an answer that is not HTTP) carries no code.
  if (has(/^HPE_/) || /HTTPParserError|parse error|HPE_|invalid response/i.test(text)) return ['invalid_response', message];
  if (has(/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED|UND_ERR_CLOSED)$/) || /other side closed|socket hang up/i.test(text))
    return ['connection_reset', message];
  return ['network', message];
}
