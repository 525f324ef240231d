// Signing, for your own tests: produce exactly the headers a SalesOS delivery carries, so a
// handler can be exercised end to end without the service.
import { importHmacKey, randomBytes, secretList, signContent, type Secrets } from './crypto.js';
import { base64Encode, toBytes, type RawBody } from './encoding.js';

export interface SignInput {
  /** The `webhook-id`: the event id (`evt_…`) in SalesOS deliveries. */
  id: string;
  /** Unix seconds or a Date; default now. */
  timestamp?: number | Date;
  /** The exact body that will be sent. */
  body: RawBody;
  /** Several secrets give several signatures, as during a rotation. */
  secret: Secrets;
}

/** The `webhook-signature` value: `v1,<base64>` per secret, space-separated. */
export async function sign(input: SignInput): Promise<string> {
  const timestamp = unixSeconds(input.timestamp);
  if (input.id.includes('.')) throw new TypeError('a webhook id must not contain "."');
  const body = toBytes(input.body);
  const signatures = await Promise.all(
    secretList(input.secret).map(async (secret) => `v1,${base64Encode(await signContent(await importHmacKey(secret), input.id, timestamp, body))}`),
  );
  return signatures.join(' ');
}

/**
 * The headers of a SalesOS delivery, lower-case, ready for `fetch` or a test client (plus
 * `x-webhook-event` when an event type was given).
 */
export type SignedHeaders = Record<string, string> & {
  'content-type': 'application/json';
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'x-webhook-signature': string;
};

export interface SignHeadersInput extends SignInput {
  /** Adds `X-Webhook-Event`, as SalesOS sends it. */
  eventType?: string;
}

/** Signs `body` and returns every header SalesOS sends with it. */
export async function signHeaders(input: SignHeadersInput): Promise<SignedHeaders> {
  const timestamp = unixSeconds(input.timestamp);
  const signature = await sign({ ...input, timestamp: Number(timestamp) });
  const headers: SignedHeaders = {
    'content-type': 'application/json',
    'webhook-id': input.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signature,
    'x-webhook-signature': signature,
  };
  if (input.eventType !== undefined) headers['x-webhook-event'] = input.eventType;
  return headers;
}

/** A new secret in SalesOS's format: `whsec_` + base64 of 32 random bytes. */
export async function generateSecret(): Promise<string> {
  return `whsec_${base64Encode(await randomBytes(32))}`;
}

function unixSeconds(timestamp: number | Date | undefined): string {
  if (timestamp === undefined) return String(Math.floor(Date.now() / 1000));
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new TypeError('timestamp must be unix seconds (an integer) or a Date');
  return String(seconds);
}
