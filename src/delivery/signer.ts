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

export function deliveryHeaders(opts: { secrets: readonly string[]; eventId: string; eventType: string; body: string; attempt: number; now?: number }): Record<string, string> {
  const timestamp = Math.floor((opts.now ?? Date.now()) / 1000);
  const signature = sign(opts.secrets, opts.eventId, timestamp, opts.body);
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': opts.eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
    'x-webhook-signature': signature,
    'x-webhook-event': opts.eventType,
    'x-webhook-attempt': String(opts.attempt),
  };
}
