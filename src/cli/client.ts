// How the API commands reach a server: settings (flag, then environment, then the profile file,
// then the default) and a small JSON client that turns every failure into one readable line.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';

export type Env = Record<string, string | undefined>;

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

/** A failure to report as one line (no stack trace) with this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The server could not be reached (a live command may keep trying). */
export class NetworkError extends CliError {}

export interface ConnectionOptions {
  apiUrl?: string;
  apiKey?: string;
}

/** Adds --api-url and --api-key to a command that talks to the API. */
export function withConnection(cmd: Command): Command {
  return cmd
    .option('--api-url <url>', `API base URL (SALESOS_API_URL, profile api_url; default ${DEFAULT_API_URL})`)
    .option('--api-key <key>', 'API key (SALESOS_API_KEY, profile api_key)');
}

export function profilePath(env: Env): { path: string; explicit: boolean } {
  if (env.SALESOS_CONFIG) return { path: env.SALESOS_CONFIG, explicit: true };
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return { path: join(base, 'salesos', 'config.json'), explicit: false };
}

function readProfile(env: Env): { api_url?: string; api_key?: string } {
  const { path, explicit } = profilePath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    // The default location is optional; a file named by SALESOS_CONFIG must exist.
    if (!explicit && (e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read the profile file ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`the profile file ${path} is not valid JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new CliError(`the profile file ${path} must hold a JSON object such as {"api_url": "…", "api_key": "…"}`);
  const p = parsed as Record<string, unknown>;
  for (const k of ['api_url', 'api_key']) {
    if (p[k] !== undefined && typeof p[k] !== 'string') throw new CliError(`${k} in the profile file ${path} must be a string`);
  }
  return { api_url: p.api_url as string | undefined, api_key: p.api_key as string | undefined };
}

export function resolveConnection(opts: ConnectionOptions, env: Env): { apiUrl: string; apiKey: string } {
  let profile: { api_url?: string; api_key?: string } | null = null;
  const fromProfile = () => (profile ??= readProfile(env));
  const apiUrl = (opts.apiUrl || env.SALESOS_API_URL || fromProfile().api_url || DEFAULT_API_URL).replace(/\/+$/, '');
  try {
    const u = new URL(apiUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliError(`the API URL ${JSON.stringify(apiUrl)} is not an absolute http(s) URL`);
  }
  const apiKey = opts.apiKey || env.SALESOS_API_KEY || fromProfile().api_key;
  if (!apiKey) {
    throw new CliError(
      `no API key: pass --api-key, set SALESOS_API_KEY, or put "api_key" in ${profilePath(env).path} (keys come from \`salesos keys create\`)`,
    );
  }
  return { apiUrl, apiKey };
}

/** Why a request never got an answer, in words. */
export function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'connection timed out';
  }
  if ((e as Error).name === 'TimeoutError') return 'timed out';
  return cause?.message ?? (e as Error).message ?? String(e);
}

interface ErrorAnswer {
  error?: { code?: string; message?: string };
}

export class ApiClient {
  constructor(
    readonly apiUrl: string,
    private readonly apiKey: string,
  ) {}

  static from(opts: ConnectionOptions, env: Env): ApiClient {
    const { apiUrl, apiKey } = resolveConnection(opts, env);
    return new ApiClient(apiUrl, apiKey);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.apiKey}`, 'user-agent': 'salesos-cli/0.1.0', ...extra };
  }

  /** Sends a request; a non-2xx answer becomes a CliError naming the API's code and message. */
  /** `query`: a list value repeats its parameter (`?status=failed&status=pending`). */
  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const url = new URL(this.apiUrl + path);
    for (const [k, v] of Object.entries(query ?? {}))
      for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== '') url.searchParams.append(k, String(one));
    const res = await this.fetch(url.toString(), {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw apiError(res.status, text);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** fetch, with a network failure reported as the URL that could not be reached. */
  async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new NetworkError(`could not reach the SalesOS API at ${this.apiUrl} (${describeNetworkError(e)})`);
    }
  }

  /** Follows next_cursor until `max` items (or the end). */
  async listAll<T>(path: string, query: Query, max: number): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.request<{ data: T[]; next_cursor: string | null }>('GET', path, undefined, {
        ...query,
        limit: Math.min(100, max - out.length),
        cursor,
      });
      out.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor && out.length < max);
    return out;
  }
}

type Query = Record<string, string | number | string[] | undefined>;

export function apiError(status: number, text: string): CliError {
  let parsed: ErrorAnswer | null = null;
  try {
    parsed = JSON.parse(text) as ErrorAnswer;
  } catch {
    // not JSON (a proxy's error page, say)
  }
  const code = parsed?.error?.code ?? `http_${status}`;
  const message = parsed?.error?.message ?? (text.trim().slice(0, 200) || 'no message');
  return new CliError(`API error ${status} ${code}: ${message}`);
}

/** Waits ms, or less when the signal aborts (Ctrl-C). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
