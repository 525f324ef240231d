// A webhook's delivery settings (SPEC §11: retry_schedule, timeout, max_in_flight, rate_limit,
// headers, filter, ordering), checked as create and update give them, and shown as the API
// answers them. Pure: no storage, no clock. null = the service default.
import type { MaskedSecretHeader, WebhookSettings } from '@salesos/webhooks';
import { formatDuration, parseDuration, parseDurationList } from '../duration.ts';
import { ApiError, validation, type ErrorDetail } from '../errors.ts';
import { ORDERINGS, type Ordering } from '../model.ts';
import type { StoredHeader, WebhookPolicyFields } from '../store/ports.ts';
import { parseFilter } from './filter.ts';

/** What a secret header's value is shown as, in answers and in the attempt log. */
export const MASK = '••••';

export const RETRY_STEPS_MAX = 10;
export const RETRY_TOTAL_MAX_MS = 3 * 86_400_000;
export const TIMEOUT_MIN_MS = 1000;
export const TIMEOUT_MAX_MS = 30_000;
export const RATE_LIMIT_MAX = 10_000;
export const HEADERS_MAX = 20;
export const HEADER_VALUE_MAX_BYTES = 1024;

/** The settings as a create or update body gives them (each optional; null: the default). */
export interface PolicyInput {
  retry_schedule?: unknown;
  timeout?: unknown;
  max_in_flight?: unknown;
  rate_limit?: unknown;
  headers?: unknown;
  filter?: unknown;
  ordering?: unknown;
}

/**
 * A header checked but not yet stored: `value` null is a secret header given back masked (as the
 * API and the dashboard show it), which keeps the value it has.
 */
export interface HeaderInput {
  value: string | null;
  secret: boolean;
}

/** The settings to change: only those the input names. */
export type PolicyPatch = Partial<Omit<WebhookPolicyFields, 'headers'>> & { headers?: Record<string, HeaderInput> | null };

export const DEFAULT_POLICY: WebhookPolicyFields = {
  retry_schedule: null,
  timeout_ms: null,
  max_in_flight: null,
  rate_limit: null,
  headers: null,
  filter: null,
  ordering: 'none',
};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DENIED = new Set(['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'content-type']);
const DENIED_PREFIXES = ['proxy-', 'webhook-', 'svix-', 'x-webhook-'];

/** Why a header name may not be set per webhook, or null when it may. */
export function deniedHeader(name: string): string | null {
  const n = name.toLowerCase();
  if (DENIED.has(n)) return `${name} is set by the service (hop-by-hop or framing header)`;
  const prefix = DENIED_PREFIXES.find((p) => n.startsWith(p));
  if (prefix === 'proxy-') return `${name} is a hop-by-hop header`;
  if (prefix) return `${name} is reserved for the signature headers (${prefix}*)`;
  return null;
}

function headerValueProblem(value: string): string | null {
  if (/[\r\n]/.test(value)) return 'must not contain CR or LF';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return 'must not contain control characters';
    if (c > 0xff) return 'must be Latin-1 text (HTTP header values)';
  }
  if (value.length > HEADER_VALUE_MAX_BYTES) return `must be at most ${HEADER_VALUE_MAX_BYTES} bytes`;
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkHeaders(value: unknown, problems: ErrorDetail[]): Record<string, HeaderInput> | null {
  if (value === null) return null;
  if (!isObject(value)) {
    problems.push({ field: 'body.headers', message: 'must be an object of header name to value, or null' });
    return null;
  }
  const names = Object.keys(value);
  if (names.length > HEADERS_MAX) problems.push({ field: 'body.headers', message: `at most ${HEADERS_MAX} headers` });
  // Entries, not assignments: a header named __proto__ must stay a header.
  const out: Array<[string, HeaderInput]> = [];
  const seen = new Set<string>();
  for (const name of names) {
    const field = `body.headers.${name.slice(0, 100)}`;
    if (!TOKEN.test(name) || name.length > 100 || name === '__proto__') {
      problems.push({ field, message: 'is not a valid header name (an HTTP token of at most 100 characters)' });
      continue;
    }
    const denied = deniedHeader(name);
    if (denied) {
      problems.push({ field, message: `may not be set: ${denied}` });
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      problems.push({ field, message: 'is given twice (header names are case-insensitive)' });
      continue;
    }
    seen.add(name.toLowerCase());
    const v = value[name];
    let header: HeaderInput;
    if (typeof v === 'string') header = { value: v, secret: false };
    else if (
      isObject(v) &&
      v.secret === true &&
      Object.keys(v).every((k) => k === 'value' || k === 'secret') &&
      (v.value === undefined || typeof v.value === 'string')
    )
      header = { value: v.value === undefined || v.value === MASK ? null : v.value, secret: true };
    else {
      problems.push({ field, message: 'must be a string or {"value": "…", "secret": true}' });
      continue;
    }
    const problem = header.value === null ? null : headerValueProblem(header.value);
    if (problem) problems.push({ field, message: problem });
    else out.push([name, header]);
  }
  return Object.fromEntries(out);
}

/**
 * Checks the settings a create or update gives and answers those to change. Every invalid one is
 * named in one 400 (`body.<field>` and the problem).
 */
export function checkPolicy(input: PolicyInput, limits: { maxPerEndpoint: number }): PolicyPatch {
  const problems: ErrorDetail[] = [];
  const patch: PolicyPatch = {};
  const bad = (field: string, message: string) => problems.push({ field: `body.${field}`, message });

  if (input.retry_schedule !== undefined) {
    const v = input.retry_schedule;
    if (v === null) patch.retry_schedule = null;
    else if (typeof v !== 'string') bad('retry_schedule', 'must be a string such as "1m,5m,30m", or null');
    else {
      try {
        const steps = parseDurationList(v);
        const total = steps.reduce((a, b) => a + b, 0);
        if (steps.length > RETRY_STEPS_MAX) bad('retry_schedule', `at most ${RETRY_STEPS_MAX} retries, got ${steps.length}`);
        else if (total > RETRY_TOTAL_MAX_MS) bad('retry_schedule', `at most 3 days in total, got ${formatDuration(total)}`);
        else
          patch.retry_schedule = v
            .split(',')
            .map((p) => p.trim())
            .join(',');
      } catch (e) {
        bad('retry_schedule', (e as Error).message);
      }
    }
  }

  if (input.timeout !== undefined) {
    const v = input.timeout;
    if (v === null) patch.timeout_ms = null;
    else if (typeof v !== 'string') bad('timeout', 'must be a duration string such as "10s", or null');
    else {
      try {
        const ms = parseDuration(v);
        if (ms < TIMEOUT_MIN_MS || ms > TIMEOUT_MAX_MS) bad('timeout', `must be from 1s to 30s, got ${v}`);
        else patch.timeout_ms = ms;
      } catch (e) {
        bad('timeout', (e as Error).message);
      }
    }
  }

  if (input.max_in_flight !== undefined) {
    const v = input.max_in_flight;
    if (v === null) patch.max_in_flight = null;
    else if (!isInteger(v) || v < 1 || v > limits.maxPerEndpoint)
      bad('max_in_flight', `must be an integer from 1 to ${limits.maxPerEndpoint} (SALESOS_MAX_PER_ENDPOINT), or null`);
    else patch.max_in_flight = v;
  }

  if (input.rate_limit !== undefined) {
    const v = input.rate_limit;
    if (v === null) patch.rate_limit = null;
    else if (!isInteger(v) || v < 1 || v > RATE_LIMIT_MAX) bad('rate_limit', `must be an integer from 1 to ${RATE_LIMIT_MAX} (deliveries per second), or null`);
    else patch.rate_limit = v;
  }

  if (input.headers !== undefined) {
    const before = problems.length;
    const headers = checkHeaders(input.headers, problems);
    if (problems.length === before) patch.headers = headers && Object.keys(headers).length ? headers : null;
  }

  if (input.filter !== undefined) {
    try {
      patch.filter = input.filter === null ? null : parseFilter(input.filter);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      problems.push(...(e.details.length ? e.details : [{ field: 'body.filter', message: e.message }]));
    }
  }

  if (input.ordering !== undefined) {
    const v = input.ordering;
    if (v === null) patch.ordering = 'none';
    else if (typeof v !== 'string' || !(ORDERINGS as readonly string[]).includes(v))
      bad('ordering', `must be one of ${ORDERINGS.map((o) => `"${o}"`).join(', ')}`);
    else patch.ordering = v as Ordering;
  }

  if (problems.length) throw validation(`Invalid delivery settings: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`.slice(0, 1000), problems);
  return patch;
}

/**
 * The settings after a change: `current` (as stored; DEFAULT_POLICY for a new webhook) with the
 * patch applied. A secret header given back masked keeps its stored value; one with no stored
 * value to keep is a 400.
 */
export function applyPolicy(current: WebhookPolicyFields, patch: PolicyPatch): WebhookPolicyFields {
  const { headers, ...rest } = patch;
  const next: WebhookPolicyFields = { ...current, ...rest };
  if (headers !== undefined) {
    if (headers === null) next.headers = null;
    else {
      const stored: Array<[string, StoredHeader]> = [];
      const missing: ErrorDetail[] = [];
      for (const [name, h] of Object.entries(headers)) {
        const before = current.headers && Object.hasOwn(current.headers, name) ? current.headers[name] : undefined;
        const kept = h.value ?? (before?.secret ? before.value : undefined);
        if (kept === undefined)
          missing.push({ field: `body.headers.${name}`, message: 'a secret header needs its value (the masked value keeps a stored secret only)' });
        else stored.push([name, { value: kept, secret: h.secret }]);
      }
      if (missing.length) throw validation(`Invalid delivery settings: ${missing.map((p) => `${p.field} ${p.message}`).join('; ')}`, missing);
      next.headers = Object.fromEntries(stored);
    }
  }
  return next;
}

/** Headers as shown: plain values, and secret ones masked. */
export type ShownHeaders = Record<string, string | MaskedSecretHeader>;

/** A webhook's headers as the API and the dashboard show them: secret values masked. */
export function maskedHeaders(headers: Record<string, StoredHeader> | null): ShownHeaders | null {
  if (!headers) return null;
  return Object.fromEntries(Object.entries(headers).map(([name, h]) => [name, h.secret ? { value: MASK, secret: true as const } : h.value]));
}

/** The settings as the API answers them. */
export function policyView(p: WebhookPolicyFields): Omit<WebhookSettings, 'headers'> & { headers: ShownHeaders | null } {
  return {
    retry_schedule: p.retry_schedule,
    timeout: p.timeout_ms === null ? null : formatDuration(p.timeout_ms),
    max_in_flight: p.max_in_flight,
    rate_limit: p.rate_limit,
    headers: maskedHeaders(p.headers),
    filter: p.filter,
    ordering: p.ordering,
  };
}

/** The retry delays of a webhook: its own schedule, or the service's. */
export function retryScheduleOf(p: Pick<WebhookPolicyFields, 'retry_schedule'>, fallback: readonly number[]): readonly number[] {
  return p.retry_schedule === null ? fallback : scheduleCache(p.retry_schedule);
}

const schedules = new Map<string, number[]>();
function scheduleCache(text: string): number[] {
  let s = schedules.get(text);
  if (!s) {
    s = parseDurationList(text);
    if (schedules.size > 10_000) schedules.clear();
    schedules.set(text, s);
  }
  return s;
}
