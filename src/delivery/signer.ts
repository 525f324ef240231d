// Standard Webhooks signatures (SPEC §6): base64 HMAC-SHA256 over "{id}.{timestamp}.{body}"
// with the base64-decoded part of each live `whsec_` secret, space-separated, newest first.
import { createHmac } from 'node:crypto';

const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
    if (keys.size > 10_000) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

export function sign(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  const content = `${id}.${timestamp}.${body}`;
  return secrets.map((s) => `v1,${createHmac('sha256', keyOf(s)).update(content).digest('base64')}`).join(' ');
}

export const USER_AGENT = 'SalesOS-Webhooks/0.1.0';

export function deliveryHeaders(opts: {
  secrets: readonly string[];
  eventId: string;
  eventType: string;
  body: string;
  attempt: number;
  now?: number;
  /** A test event's delivery says so in X-Webhook-Test. */
  test?: boolean;
}): Record<string, string> {
  const timestamp = Math.floor((opts.now ?? Date.now()) / 1000);
  const signature = sign(opts.secrets, opts.eventId, timestamp, opts.body);
  return {
    'content-type': CONTENT_TYPE,
    'user-agent': USER_AGENT,
    'webhook-id': opts.eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
    'x-webhook-signature': signature,
    'x-webhook-event': opts.eventType,
    'x-webhook-attempt': String(opts.attempt),
    ...(opts.test ? { 'x-webhook-test': 'true' } : {}),
  };
}

/** What an attempt's request headers are rebuilt from when they are read back. */
export interface AttemptIdentity {
  eventId: string;
  eventType: string;
  attempt: number;
}

const CONTENT_TYPE = 'application/json';
// deliveryHeaders' order: a stored set is expanded back into it.
const HEADER_ORDER = [
  'content-type',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-webhook-signature',
  'x-webhook-event',
  'x-webhook-attempt',
  'x-webhook-test',
];

function derivable(a: AttemptIdentity, signature: string | undefined): Record<string, string | undefined> {
  return {
    'content-type': CONTENT_TYPE,
    'webhook-id': a.eventId,
    'x-webhook-signature': signature,
    'x-webhook-event': a.eventType,
    'x-webhook-attempt': String(a.attempt),
  };
}

/**
 * The request headers as an attempt row stores them: without the five that its delivery, its
 * number and its signature determine (more than half the bytes of the row's largest field).
 * They are left out only all together and only when each equals what expandRequestHeaders
 * rebuilds; otherwise the set is stored whole. Reading back is exact either way.
 */
export function compactRequestHeaders(headers: Record<string, string>, a: AttemptIdentity): Record<string, string> {
  const rebuilt = derivable(a, headers['webhook-signature']);
  for (const k in rebuilt) if (headers[k] === undefined || headers[k] !== rebuilt[k]) return headers;
  const out: Record<string, string> = {};
  for (const k in headers) if (!(k in rebuilt)) out[k] = headers[k];
  return out;
}

/** The headers an attempt sent, from what its row stores (a set stored whole reads back as it is). */
export function expandRequestHeaders(stored: Record<string, string>, a: AttemptIdentity): Record<string, string> {
  const rebuilt = derivable(a, stored['webhook-signature']);
  for (const k in rebuilt) if (k in stored) return stored;
  const out: Record<string, string> = {};
  for (const k of HEADER_ORDER) {
    const v = stored[k] ?? rebuilt[k];
    if (v !== undefined) out[k] = v;
  }
  for (const k in stored) if (!(k in out)) out[k] = stored[k];
  return out;
}
