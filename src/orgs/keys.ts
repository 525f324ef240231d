// Organizations and API keys. A key is shown once at creation; only its SHA-256 hash is stored
// (keys are 256-bit random, so a fast hash is enough: there is nothing to brute-force).
import { hash, randomBytes } from 'node:crypto';
import { notFound, validation } from '../errors.ts';
import { newId } from '../ids.ts';
import { ALL_SCOPES, iso, SCOPES, type Auth } from '../model.ts';
import { DuplicateError } from '../store/errors.ts';
import type { ApiKeyRecord, KeyStore, Signals } from '../store/ports.ts';

export const DEFAULT_ORGANIZATION = 'default';

// One-shot: about a quarter of createHash().update().digest()'s time (0.3 against 1.5 µs here),
// paid on every authenticated request.
export const hashKey = (key: string) => hash('sha256', key, 'hex');
export const generateKey = () => `sos_${randomBytes(32).toString('base64url')}`;

export function keyView(k: ApiKeyRecord) {
  return {
    id: k.id,
    organization_id: k.organization_id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    created_at: iso(k.created_at),
    last_used_at: iso(k.last_used_at),
    revoked_at: iso(k.revoked_at),
  };
}

/**
 * How long a process trusts a key it checked. A revocation is announced to every process (NOTIFY
 * on PostgreSQL), which forget what they trusted at once; this bounds it should an announcement
 * be lost.
 */
export const AUTH_CACHE_MS = 1000;

/** Scopes as given (`*` alone, or known scopes without repeats); anything else is a 400 naming it. */
export function checkScopes(scopes: readonly string[]): string[] {
  const list = [...new Set(scopes.map((s) => s.trim()).filter(Boolean))];
  const unknown = list.filter((s) => s !== ALL_SCOPES && !(SCOPES as readonly string[]).includes(s));
  if (!list.length || unknown.length)
    throw validation(`Unknown scope${unknown.length === 1 ? '' : 's'} ${unknown.join(', ') || '(none given)'}; scopes are ${SCOPES.join(', ')} or * (all)`, [
      { field: 'scopes', message: unknown.length ? `unknown: ${unknown.join(', ')}` : 'at least one' },
    ]);
  return list.includes(ALL_SCOPES) ? [ALL_SCOPES] : list;
}

export class KeyService {
  private readonly cache = new Map<string, { auth: Auth; at: number }>();

  /** @param signals where revocations are announced (to every process sharing the database) */
  constructor(
    private readonly store: KeyStore,
    private readonly signals: Pick<Signals, 'announceKeysRevoked'> | null = null,
  ) {}

  /** Forgets every key this process trusted (keys were revoked, here or elsewhere). */
  forget(): void {
    this.cache.clear();
  }

  async ensureOrganization(name: string): Promise<{ id: string; name: string; created: boolean }> {
    const org = await this.store.ensureOrganization(name, newId('org'), Date.now());
    return { ...org, name };
  }

  /**
   * Creates a key (and its organization when new); answers the key itself, shown only now.
   * `scopes`: what it may do (SCOPES, or `*`); an unknown scope is a 400 naming it.
   */
  async createKey(
    orgName: string,
    keyName = 'default',
    key = generateKey(),
    scopes: readonly string[] = [ALL_SCOPES],
  ): Promise<{ key: string; record: ApiKeyRecord; organizationCreated: boolean }> {
    const record: ApiKeyRecord = {
      organization_id: '',
      id: newId('key'),
      name: keyName,
      prefix: key.slice(0, 8),
      scopes: checkScopes(scopes),
      created_at: Date.now(),
      last_used_at: null,
      revoked_at: null,
    };
    const { organizationId, organizationCreated } = await this.store.createKey(orgName, newId('org'), record, hashKey(key));
    return { key, record: { ...record, organization_id: organizationId }, organizationCreated };
  }

  listKeys(organizationId: string): Promise<ApiKeyRecord[]> {
    return this.store.listKeys(organizationId);
  }

  async revokeKey(organizationId: string, id: string): Promise<void> {
    if (!(await this.store.revokeKey(organizationId, id, Date.now()))) throw notFound('API key', id);
    this.cache.clear();
    await this.signals?.announceKeysRevoked();
  }

  organizationByName(name: string): Promise<{ id: string; name: string } | null> {
    return this.store.organizationByName(name);
  }

  async organizationName(organizationId: string): Promise<string> {
    return (await this.store.organizationName(organizationId)) ?? organizationId;
  }

  /** Whether a key still exists (a dashboard session ends when its key is revoked). */
  isLive(auth: Auth): Promise<boolean> {
    return this.store.isLive(auth.organizationId, auth.keyId);
  }

  async authenticate(key: string): Promise<Auth | null> {
    if (key.length < 16 || key.length > 200) return null;
    const hash = hashKey(key);
    // Valid keys are cached briefly: one query less per request. A revocation takes effect at
    // once here and, announced, in the other processes (within AUTH_CACHE_MS at the latest).
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < AUTH_CACHE_MS) return cached.auth;
    const row = await this.store.liveKeyByHash(hash);
    const auth = row ? { organizationId: row.organization_id, keyId: row.id, scopes: row.scopes } : null;
    if (auth) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(hash, { auth, at: Date.now() });
    }
    return auth;
  }

  /**
   * At start, once the service is up: SALESOS_API_KEY, when set, becomes a key of the default
   * organization; otherwise the very first start creates one, to print once and then
   * markShown(). Answers that key, `unshown` when keys exist but none was ever shown (a start
   * died before printing its key: nobody holds one), or null.
   */
  async bootstrap(configuredKey: string | null): Promise<{ key: string; keyId: string } | 'unshown' | null> {
    if (configuredKey) {
      if (await this.store.hasKeyWithHash(hashKey(configuredKey))) return null;
      try {
        const { record } = await this.createKey(DEFAULT_ORGANIZATION, 'SALESOS_API_KEY', configuredKey);
        await this.store.markShown(record.id, Date.now()); // whoever set it holds it
      } catch (e) {
        // Two processes starting at once with the same key: the other one stored it first, which
        // is all this start needed.
        if (!(e instanceof DuplicateError)) throw e;
      }
      return null;
    }
    if (await this.store.hasAnyKey()) return (await this.store.hasShownKey()) ? null : 'unshown';
    const { key, record } = await this.createKey(DEFAULT_ORGANIZATION, 'bootstrap');
    return { key, keyId: record.id };
  }

  /** Records that a key was shown (printed at start or by `salesos keys create`). */
  markShown(keyId: string): Promise<void> {
    return this.store.markShown(keyId, Date.now());
  }
}
