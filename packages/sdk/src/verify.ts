// Verification of a delivery: Standard Webhooks v1 signatures (HMAC-SHA256 over
// "{webhook-id}.{webhook-timestamp}.{body}"), checked before the body is even parsed.
import { importHmacKey, secretKeyBytes, secretList, signContent, type Secrets } from './crypto.js';
import { base64Decode, decodeUtf8, timingSafeEqual, toBytes, type RawBody } from './encoding.js';
import { WebhookVerificationError } from './errors.js';
import type { SalesOSEvent } from './events.js';
import { readHeader, type HeadersInput } from './headers.js';

export interface VerifyOptions {
  /**
   * How far, in seconds, `webhook-timestamp` may be from now, either way (default 300). It
   * bounds how long a captured request can be replayed; keep your clock synced rather than
   * raising it.
   */
  toleranceSeconds?: number;
  /** The current time in milliseconds; for tests that verify recorded deliveries. */
  now?: () => number;
}

/** A verifier bound to its secrets, whose keys are imported once and reused. */
export type Verifier = (rawBody: RawBody, headers: HeadersInput) => Promise<SalesOSEvent>;

export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Makes a verifier for `secrets`. Prefer it to `verify` in a server: it checks the secrets at
 * once (a TypeError names a malformed one) and imports the keys only once.
 */
export function createVerifier(secrets: Secrets, options: VerifyOptions = {}): Verifier {
  const list = secretList(secrets);
  if (list.length === 0) throw new TypeError('createVerifier needs at least one webhook secret');
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new TypeError('toleranceSeconds must be a number >= 0');
  const now = options.now ?? Date.now;
  // Decoding now throws at start-up for a malformed secret, not at the first delivery.
  const keys = Promise.all(list.map(secretKeyBytes).map(importHmacKey));
  keys.catch(() => {}); // the rejection surfaces on the first call, not as an unhandled one

  return async (rawBody, headers) => {
    const body = toBytes(rawBody);
    const id = requireHeader(headers, 'webhook-id');
    const timestamp = requireHeader(headers, 'webhook-timestamp');
    // X-Webhook-Signature carries the same value, for receivers written against it.
    const signatureHeader = readHeader(headers, 'webhook-signature') ?? readHeader(headers, 'x-webhook-signature');
    if (signatureHeader === undefined || signatureHeader.trim() === '') {
      throw new WebhookVerificationError('missing_header', 'missing header webhook-signature (or X-Webhook-Signature)');
    }
    if (!/^\d{1,15}$/.test(timestamp)) {
      throw new WebhookVerificationError('invalid_signature', 'webhook-timestamp is not a unix time in seconds');
    }

    const candidates = parseSignatures(signatureHeader);
    if (candidates.length === 0) {
      throw new WebhookVerificationError('invalid_signature', 'webhook-signature holds no v1 signature');
    }
    let matched = false;
    for (const key of await keys) {
      const expected = await signContent(key, id, timestamp, body);
      // No early exit: every candidate is compared, so timing tells nothing about which matched.
      for (const candidate of candidates) matched = timingSafeEqual(expected, candidate) || matched;
    }
    if (!matched) {
      throw new WebhookVerificationError('invalid_signature', 'no signature matches the body with this secret');
    }

    // The signature covers the timestamp, so a stale one is a replay or a skewed clock, not a forgery.
    const skew = Number(timestamp) - Math.floor(now() / 1000);
    if (skew < -tolerance) {
      throw new WebhookVerificationError('timestamp_too_old', `webhook-timestamp is ${-skew}s old (tolerance ${tolerance}s)`);
    }
    if (skew > tolerance) {
      throw new WebhookVerificationError('timestamp_too_new', `webhook-timestamp is ${skew}s in the future (tolerance ${tolerance}s)`);
    }
    return parseEvent(body);
  };
}

/**
 * Verifies a delivery and returns its event, or throws a `WebhookVerificationError`.
 * `rawBody` must be the bytes as received: verify before any JSON parsing.
 */
export function verify(rawBody: RawBody, headers: HeadersInput, secrets: Secrets, options?: VerifyOptions): Promise<SalesOSEvent> {
  try {
    return createVerifier(secrets, options)(rawBody, headers);
  } catch (error) {
    return Promise.reject(error);
  }
}

function requireHeader(headers: HeadersInput, name: string): string {
  const value = readHeader(headers, name);
  if (value === undefined || value.trim() === '') {
    throw new WebhookVerificationError('missing_header', `missing header ${name}`);
  }
  return value.trim();
}

/** The decoded v1 signatures of a `webhook-signature` value; other versions are skipped. */
function parseSignatures(header: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const entry of header.split(/\s+/)) {
    // A header repeated by a proxy arrives joined with ", ": drop that comma.
    const [version, value] = entry.replace(/,$/, '').split(',', 2);
    if (version !== 'v1' || !value) continue;
    const bytes = base64Decode(value);
    if (bytes) out.push(bytes);
  }
  return out;
}

function parseEvent(body: Uint8Array): SalesOSEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(body));
  } catch {
    throw new WebhookVerificationError('malformed_payload', 'the body is signed but is not UTF-8 JSON');
  }
  if (!isEnvelope(parsed)) {
    throw new WebhookVerificationError('malformed_payload', 'the body is signed but is not a SalesOS event (id, type, data)');
  }
  // Types newer than this SDK pass through: an old receiver should not reject new events.
  return parsed as SalesOSEvent;
}

function isEnvelope(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  return typeof event.id === 'string' && typeof event.type === 'string' && typeof event.data === 'object' && event.data !== null && !Array.isArray(event.data);
}
