// Prefixed, time-sortable ids: `evt_` + a 26-character ULID (48-bit milliseconds, 80 random
// bits, Crockford base32). Sorting ids sorts by creation time, which cursor pagination relies on.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ID_PREFIXES = ['org', 'key', 'wh', 'whs', 'evt', 'dlv', 'att', 'lead', 'acct', 'cont', 'opp', 'quote', 'ord', 'mtg', 'task'] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

let lastTime = -1;
const lastRandom = new Uint8Array(10);

/** The 10-character time part of a ULID: 48-bit milliseconds in Crockford base32. */
function encodeTime(time: number): string {
  let out = '';
  let t = Math.max(0, Math.floor(time));
  for (let i = 9; i >= 0; i--) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encode(time: number, random: Uint8Array): string {
  let out = encodeTime(time);
  // 80 random bits -> 16 characters of 5 bits each.
  let bits = 0;
  let value = 0;
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A new ULID, strictly increasing within this process (monotonic within one millisecond). */
export function ulid(now = Date.now()): string {
  if (now <= lastTime) {
    // Same millisecond (or the clock went back): increment the previous random part.
    for (let i = 9; i >= 0; i--) {
      if (lastRandom[i] === 255) {
        lastRandom[i] = 0;
      } else {
        lastRandom[i]++;
        break;
      }
    }
    return encode(lastTime, lastRandom);
  }
  lastTime = now;
  lastRandom.set(randomBytes(10));
  return encode(now, lastRandom);
}

export function newId(prefix: IdPrefix, now?: number): string {
  return `${prefix}_${ulid(now)}`;
}

/**
 * The smallest id of a prefix created at or after `ms` (a zero random part). Ids sort by creation
 * time, so "created since" is an id range on the indexes that already serve the lists.
 */
export function idFloor(prefix: IdPrefix, ms: number): string {
  return `${prefix}_${encodeTime(ms)}${'0'.repeat(16)}`;
}

const ID_RE = /^[a-z]{2,5}_[0-9A-HJKMNP-TV-Z]{26}$/;

/** The JSON Schema `pattern` of one prefix's ids (the OpenAPI document and request validation). */
export const idPattern = (prefix: IdPrefix): string => `^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`;

/** A well-formed id of a prefix, for the examples of the API document. */
export const exampleId = (prefix: IdPrefix): string => `${prefix}_01JDX3Q8M7K4T2V9R5Y6Z0ABCD`;
export function isId(value: string, prefix?: IdPrefix): boolean {
  return ID_RE.test(value) && (prefix === undefined || value.startsWith(`${prefix}_`));
}
