// Web Crypto access. Node 19+, Deno, Bun and Workers expose globalThis.crypto; Node 18 only
// has it as node:crypto's `webcrypto`, loaded lazily so other runtimes never see that import.
import { base64Decode, concatBytes, utf8 } from './encoding.js';

/**
 * The part of Web Crypto used here, written out so that the emitted declarations need neither the
 * DOM lib nor @types/node (and Workers' types declare `crypto` as a const, which
 * `typeof globalThis.crypto` cannot name).
 */
interface WebCrypto {
  subtle: {
    importKey(format: 'raw', keyData: ArrayBuffer, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: false, usages: ['sign']): Promise<HmacKey>;
    sign(algorithm: 'HMAC', key: HmacKey, data: ArrayBuffer): Promise<ArrayBuffer>;
  };
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** A CryptoKey, opaque to this package: it only hands it back to `subtle.sign`. */
type HmacKey = object;

let cached: Promise<WebCrypto> | undefined;

export function webCrypto(): Promise<WebCrypto> {
  cached ??= loadWebCrypto();
  return cached;
}

async function loadWebCrypto(): Promise<WebCrypto> {
  const global = (globalThis as unknown as { crypto?: WebCrypto }).crypto;
  if (global?.subtle) return global;
  // A variable specifier keeps bundlers for non-Node targets from trying to resolve it.
  const specifier = 'node:crypto';
  const mod = (await import(specifier)) as { webcrypto?: WebCrypto };
  if (!mod.webcrypto?.subtle) throw new Error('@salesos/webhooks needs Web Crypto (crypto.subtle)');
  return mod.webcrypto;
}

/** A webhook secret: `whsec_<base64 key>` as SalesOS shows it, plain base64, or the key bytes. */
export type Secret = string | Uint8Array;

/** One secret, or several while a rotation's grace period runs (any one may match). */
export type Secrets = Secret | readonly Secret[];

/** The secrets as a list. */
export function secretList(secrets: Secrets): readonly Secret[] {
  return Array.isArray(secrets) ? secrets : [secrets as Secret];
}

const SECRET_PREFIX = 'whsec_';

/** The HMAC key bytes of a secret; a TypeError for a secret that is not valid base64. */
export function secretKeyBytes(secret: Secret): Uint8Array {
  if (secret instanceof Uint8Array) return secret;
  if (typeof secret !== 'string') throw new TypeError('a webhook secret must be a string like "whsec_..."');
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = base64Decode(encoded);
  if (!key || key.length === 0) {
    throw new TypeError('the webhook secret is not "whsec_" followed by base64: copy it whole from SalesOS');
  }
  return key;
}

export async function importHmacKey(secret: Secret): Promise<HmacKey> {
  const { subtle } = await webCrypto();
  return subtle.importKey('raw', ownBuffer(secretKeyBytes(secret)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** HMAC-SHA256 of `${id}.${timestamp}.${body}`, the Standard Webhooks signed content. */
export async function signContent(key: HmacKey, id: string, timestamp: string, body: Uint8Array): Promise<Uint8Array> {
  const { subtle } = await webCrypto();
  const content = concatBytes([utf8(`${id}.${timestamp}.`), body]);
  return new Uint8Array(await subtle.sign('HMAC', key, ownBuffer(content)));
}

/**
 * The bytes as an ArrayBuffer of their own. The DOM lib's Web Crypto types (TypeScript 5.7+)
 * refuse views that may sit on a SharedArrayBuffer; a plain ArrayBuffer suits every typing.
 */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  // new Uint8Array(view) copies; Buffer's slice() would not.
  return (whole ? bytes.buffer : new Uint8Array(bytes).buffer) as ArrayBuffer;
}

export async function randomBytes(length: number): Promise<Uint8Array> {
  const crypto = await webCrypto();
  return crypto.getRandomValues(new Uint8Array(length));
}
