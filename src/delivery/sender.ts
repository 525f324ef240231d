// The HTTP client of deliveries: undici keep-alive pools, one deadline for the whole attempt,
// redirects never followed, at most 4 KiB of the answer kept (the rest is not read at all, so a
// huge answer costs no memory), and every failure mapped to an error class.
import { Agent, request } from 'undici';
import type { ErrorClass } from '../types.ts';
import { guardedLookup, literalHostBlocked } from './ssrf.ts';
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
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connectTimeout: Math.min(opts.timeoutMs, 10_000),
      connect: opts.allowPrivateUrls ? undefined : { lookup: guardedLookup },
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
    const failure = (errorClass: ErrorClass, errorMessage: string) => done({ status: null, headers: null, body: null, errorClass, errorMessage, retryAfterMs: null });

    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return failure('network', 'invalid URL');
    }
    if (!this.opts.allowPrivateUrls && literalHostBlocked(target.hostname)) {
      return failure('blocked_address', `Refused to connect to non-public address ${target.hostname}`);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    try {
      // undici's request() never follows redirects (that takes the redirect interceptor).
      const res = await request(target, { method: 'POST', headers, body, dispatcher: this.agent, signal: controller.signal });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        chunks.push(size + buf.length > MAX_RESPONSE_BODY ? buf.subarray(0, MAX_RESPONSE_BODY - size) : buf);
        size += buf.length;
        if (size >= MAX_RESPONSE_BODY) break; // leaving the loop destroys the stream: the rest is never read
      }
      const responseHeaders = flattenHeaders(res.headers);
      const status = res.statusCode;
      const text = Buffer.concat(chunks).toString('utf8');
      if (status >= 200 && status < 300) {
        return done({ status, headers: responseHeaders, body: text, errorClass: null, errorMessage: null, retryAfterMs: null });
      }
      const redirect = status >= 300 && status < 400;
      return done({
        status,
        headers: responseHeaders,
        body: text,
        errorClass: redirect ? 'redirect' : 'http_status',
        errorMessage: redirect ? `Redirect (${status}) to ${responseHeaders.location ?? '?'} not followed` : `HTTP ${status}`,
        retryAfterMs: parseRetryAfter(responseHeaders['retry-after']),
      });
    } catch (e) {
      if (timedOut) return failure('timeout', `No complete answer within ${this.opts.timeoutMs} ms`);
      const [errorClass, message] = classify(e);
      return failure(errorClass, message);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => {});
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  let size = 0;
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    size += k.length + value.length;
    if (size > MAX_HEADER_BYTES) break;
    out[k] = value;
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
  if (has(/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED|UND_ERR_CLOSED)$/) || /other side closed|socket hang up/i.test(text)) return ['connection_reset', message];
  return ['network', message];
}
