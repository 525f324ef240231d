// The HTTP client of deliveries: undici keep-alive pools, one deadline for the whole attempt,
// redirects never followed, at most 4 KiB of the answer kept (the rest is not read at all, so a
// huge answer costs no memory), and every failure mapped to an error class.
import { Agent, type Dispatcher } from 'undici';
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

  // On undici's dispatcher directly (no response stream, no promise per chunk): the answer's
  // status, headers and first 4 KiB are collected in the handler's callbacks.
  send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    const failure = (errorClass: ErrorClass, errorMessage: string): SendResult => ({ status: null, headers: null, body: null, errorClass, errorMessage, retryAfterMs: null, durationMs: durationMs() });

    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve(failure('network', 'invalid URL'));
    }
    if (!this.opts.allowPrivateUrls && literalHostBlocked(target.hostname)) {
      return Promise.resolve(failure('blocked_address', `Refused to connect to non-public address ${target.hostname}`));
    }

    return new Promise<SendResult>((resolve) => {
      let settled = false;
      let abort: ((reason: Error) => void) | null = null;
      let status = 0;
      let raw: Buffer[] = [];
      const chunks: Buffer[] = [];
      let size = 0;
      const settle = (r: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const answered = (): SendResult => {
        const responseHeaders = parseRawHeaders(raw);
        const text = Buffer.concat(chunks).toString('utf8');
        const base = { status, headers: responseHeaders, body: text, durationMs: durationMs() };
        if (status >= 200 && status < 300) return { ...base, errorClass: null, errorMessage: null, retryAfterMs: null };
        const redirect = status >= 300 && status < 400;
        return {
          ...base,
          errorClass: redirect ? 'redirect' : 'http_status',
          errorMessage: redirect ? `Redirect (${status}) to ${responseHeaders.location ?? '?'} not followed` : `HTTP ${status}`,
          retryAfterMs: parseRetryAfter(responseHeaders['retry-after']),
        };
      };
      // One deadline for the whole attempt: connecting, waiting, and reading the answer.
      const timer = setTimeout(() => {
        settle(failure('timeout', `No complete answer within ${this.opts.timeoutMs} ms`));
        abort?.(new Error('delivery timeout'));
      }, this.opts.timeoutMs);
      const stop = () => queueMicrotask(() => abort?.(new Error('answer read')));
      this.agent.dispatch(
        { origin: target.origin, path: target.pathname + target.search, method: 'POST', headers, body },
        {
          onConnect: (a: (reason: Error) => void) => {
            abort = a;
            if (settled) a(new Error('delivery timeout'));
          },
          onHeaders: (statusCode: number, rawHeaders: Buffer[]) => {
            if (statusCode < 200) return true; // 1xx: the answer is still to come
            status = statusCode;
            raw = rawHeaders;
            return true;
          },
          onData: (chunk: Buffer) => {
            if (settled) return false;
            chunks.push(size + chunk.length > MAX_RESPONSE_BODY ? chunk.subarray(0, MAX_RESPONSE_BODY - size) : chunk);
            size += chunk.length;
            if (size >= MAX_RESPONSE_BODY) {
              // Enough: the rest is never read (the connection is dropped), so a huge answer
              // costs no memory.
              settle(answered());
              stop();
              return false;
            }
            return true;
          },
          onComplete: () => settle(answered()),
          onError: (e: Error) => {
            if (settled) return;
            const [errorClass, message] = classify(e);
            settle(failure(errorClass, message));
          },
        } as unknown as Dispatcher.DispatchHandler,
      );
    });
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => {});
  }
}

// Raw header pairs as one object: lower-case names, repeated names joined with ", ", at most 8 KiB.
function parseRawHeaders(raw: Buffer[]): Record<string, string> {
  // No prototype: a header named __proto__ is just a header.
  const out = Object.create(null) as Record<string, string>;
  let size = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i].toString('latin1').toLowerCase();
    const v = raw[i + 1].toString('latin1');
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
  if (has(/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED|UND_ERR_CLOSED)$/) || /other side closed|socket hang up/i.test(text)) return ['connection_reset', message];
  return ['network', message];
}
