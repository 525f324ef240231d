// Byte helpers built on what every runtime has (TextEncoder, atob/btoa), so the SDK needs
// neither Buffer nor node:crypto and runs unchanged on Deno, Bun and Cloudflare Workers.

const encoder = new TextEncoder();
// fatal: a body that is not valid UTF-8 cannot be the JSON SalesOS sent.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A raw request body as the frameworks hand it over. Buffer is a Uint8Array. */
export type RawBody = string | Uint8Array | ArrayBuffer;

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Throws a TypeError on invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function toBytes(body: RawBody): Uint8Array {
  if (typeof body === 'string') return utf8(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // A parsed object here means a JSON body parser ran first: its re-serialization would not
  // be the bytes SalesOS signed, so say so instead of failing with "invalid signature".
  throw new TypeError(
    'rawBody must be the raw request body (string, Buffer, Uint8Array or ArrayBuffer), not a parsed ' +
      'object: verify before any JSON body parser runs (for example express.raw({ type: "application/json" }))',
  );
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (padding required); null when `text` is not that. */
export function base64Decode(text: string): Uint8Array | null {
  // atob alone is lenient (it skips whitespace and accepts missing padding).
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Compares two byte strings in time that depends only on their lengths, so an attacker cannot
 * learn a valid signature byte by byte from response times (=== stops at the first difference).
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Lengths are public (every v1 signature is 32 bytes), so leaving early on them leaks nothing.
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
