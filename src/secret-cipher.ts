// Signing secrets encrypted at rest: AES-256-GCM (node:crypto) under keys from
// SALESOS_ENCRYPTION_KEY, a comma-separated list of `<id>:<base64 of 32 bytes>`. The first key
// encrypts; every key listed decrypts, so a key is rotated by putting the new one first, running
// `salesos secrets reencrypt`, then dropping the old one. A stored value reads
// `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts, a 12-byte random IV, a 16-byte tag).
// Without keys, secrets are stored and read as clear text, as before.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'enc:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses SALESOS_ENCRYPTION_KEY; throws an Error saying what is wrong (the caller names the variable). */
export function parseEncryptionKeys(value: string | undefined): EncryptionKey[] {
  if (!value || !value.trim()) return [];
  const keys: EncryptionKey[] = [];
  for (const part of value.split(',').map((p) => p.trim())) {
    const i = part.indexOf(':');
    const id = i > 0 ? part.slice(0, i) : '';
    const material = i > 0 ? part.slice(i + 1) : '';
    if (!KEY_ID.test(id)) throw new Error('expected a comma-separated list of <id>:<base64 of 32 bytes>, ids of 1 to 32 letters, digits, "_" or "-"');
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) throw new Error(`key ${id} is not the base64 of 32 bytes`);
    if (keys.some((k) => k.id === id)) throw new Error(`key id ${id} appears twice`);
    keys.push({ id, key });
  }
  return keys;
}

export class SecretDecryptError extends Error {}

export class SecretCipher {
  private readonly byId: Map<string, Buffer>;
  // Decrypted values, by stored value: every attempt signs with its webhook's secrets.
  private readonly clear = new Map<string, string>();

  constructor(private readonly keys: readonly EncryptionKey[]) {
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** Whether secrets are encrypted when stored. */
  get encrypting(): boolean {
    return this.keys.length > 0;
  }

  /** The id of the key that encrypts (null: clear text). */
  get currentKeyId(): string | null {
    return this.keys[0]?.id ?? null;
  }

  /** What to store for a secret: encrypted with the first key, or the secret itself without keys. */
  seal(secret: string): { value: string; keyId: string | null } {
    const first = this.keys[0];
    if (!first) return { value: secret, keyId: null };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', first.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return { value: `${PREFIX}${first.id}:${iv.toString('base64')}:${tag.toString('base64')}:${ciphertext.toString('base64')}`, keyId: first.id };
  }

  /** The secret a stored value holds (clear text is answered as it is); throws SecretDecryptError. */
  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const known = this.clear.get(stored);
    if (known !== undefined) return known;
    const [keyId, iv, tag, ciphertext] = stored.slice(PREFIX.length).split(':');
    const key = this.byId.get(keyId);
    if (!key) throw new SecretDecryptError(`a secret is encrypted with key ${keyId}, which SALESOS_ENCRYPTION_KEY does not hold`);
    let secret: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64'));
      decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
      secret = Buffer.concat([decipher.update(Buffer.from(ciphertext ?? '', 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptError(`a secret encrypted with key ${keyId} does not decrypt with the key of that id in SALESOS_ENCRYPTION_KEY (a wrong key)`);
    }
    if (this.clear.size >= 10_000) this.clear.clear();
    this.clear.set(stored, secret);
    return secret;
  }

  /** Whether a stored value is not (yet) encrypted with the first key. */
  stale(stored: string): boolean {
    const first = this.keys[0];
    return first ? !stored.startsWith(`${PREFIX}${first.id}:`) : stored.startsWith(PREFIX);
  }
}
