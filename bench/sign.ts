// Standard Webhooks signing with node:crypto, as a Node team would write it for its own
// dispatcher: base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the base64-decoded part
// of a `whsec_` secret. The ceiling and every peer sign with this, so they do the same work per
// delivery as SalesOS (which signs with its own signer) without depending on the server's code.
import { createHmac } from 'node:crypto';

const keys = new Map<string, Buffer>();

function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
    keys.set(secret, key);
  }
  return key;
}

/** The `webhook-signature` value for one secret: `v1,<base64>`. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers a delivery carries: content type, id, timestamp, signature, event type, attempt. */
export function signedHeaders(secret: string, id: string, eventType: string, body: string, attempt = 1): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'bench-dispatcher/1.0',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature(secret, id, timestamp, body),
    'x-webhook-event': eventType,
    'x-webhook-attempt': String(attempt),
  };
}

/** A `whsec_` secret from a fill byte: the benchmark's secrets need not be secret. */
export const benchSecret = (fill: number) => 'whsec_' + Buffer.alloc(32, fill).toString('base64');
