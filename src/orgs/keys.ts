// Organizations and API keys. A key is shown once at creation; only its SHA-256 hash is stored
// (keys are 256-bit random, so a fast hash is enough: there is nothing to brute-force).
import { createHash, randomBytes } from 'node:crypto';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { isUniqueViolation, stablePlan, type Db, type Queryable } from '../store/db.ts';
import { iso, type Auth } from '../model.ts';

export const DEFAULT_ORGANIZATION = 'default';

export interface ApiKeyRow {
  organization_id: string;
  id: string;
  name: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const generateKey = () => `sos_${randomBytes(32).toString('base64url')}`;

export function keyView(k: ApiKeyRow) {
  return {
    id: k.id,
    organization_id: k.organization_id,
    name: k.name,
    prefix: k.prefix,
    created_at: iso(k.created_at),
    last_used_at: iso(k.last_used_at),
    revoked_at: iso(k.revoked_at),
  };
}

export const AUTH_CACHE_MS = 5000;

export class KeyService {
  private readonly cache = new Map<string, { auth: Auth; at: number }>();

  constructor(private readonly db: Db) {}

  async ensureOrganization(name: string, q: Queryable = this.db): Promise<{ id: string; name: string; created: boolean }> {
    const found = await q.query<{ id: string }>('SELECT id FROM organizations WHERE name = ?', [name]);
    if (found.length) return { id: found[0].id, name, created: false };
    const id = newId('org');
    const inserted = await q.exec('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [id, name, Date.now()]);
    if (inserted) return { id, name, created: true };
    const again = await q.query<{ id: string }>('SELECT id FROM organizations WHERE name = ?', [name]);
    return { id: again[0].id, name, created: false };
  }

  /** Creates a key (and its organization when new); answers the key itself, shown only now. */
  async createKey(orgName: string, keyName = 'default', key = generateKey()): Promise<{ key: string; record: ApiKeyRow; organizationCreated: boolean }> {
    return this.db.tx(async (q) => {
      const org = await this.ensureOrganization(orgName, q);
      const record: ApiKeyRow = {
        organization_id: org.id,
        id: newId('key'),
        name: keyName,
        prefix: key.slice(0, 8),
        created_at: Date.now(),
        last_used_at: null,
        revoked_at: null,
      };
      await q.exec('INSERT INTO api_keys (organization_id, id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        record.organization_id,
        record.id,
        record.name,
        record.prefix,
        hashKey(key),
        record.created_at,
      ]);
      return { key, record, organizationCreated: org.created };
    });
  }

  async listKeys(organizationId: string): Promise<ApiKeyRow[]> {
    return this.db.query<ApiKeyRow>(
      'SELECT organization_id, id, name, prefix, created_at, last_used_at, revoked_at FROM api_keys WHERE organization_id = ? ORDER BY id DESC',
      [organizationId],
    );
  }

  async revokeKey(organizationId: string, id: string): Promise<void> {
    const n = await this.db.exec('UPDATE api_keys SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL', [
      Date.now(),
      organizationId,
      id,
    ]);
    if (!n) throw notFound('API key', id);
    this.cache.clear();
  }

  async organizationByName(name: string): Promise<{ id: string; name: string } | null> {
    const rows = await this.db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE name = ?', [name]);
    return rows[0] ?? null;
  }

  async authenticate(key: string): Promise<Auth | null> {
    if (key.length < 16 || key.length > 200) return null;
    const hash = hashKey(key);
    // Valid keys are cached briefly: one query less per request. A revocation takes effect at
    // once in this process and within AUTH_CACHE_MS in the others.
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < AUTH_CACHE_MS) return cached.auth;
    const rows = await this.db.query<{ organization_id: string; id: string }>(
      stablePlan('SELECT organization_id, id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL'),
      [hash],
    );
    const auth = rows.length ? { organizationId: rows[0].organization_id, keyId: rows[0].id } : null;
    if (auth) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(hash, { auth, at: Date.now() });
    }
    return auth;
  }

  /**
   * At start: SALESOS_API_KEY, when set, becomes a key of the default organization; otherwise the
   * very first start creates one. Answers a key to print once, or null.
   */
  async bootstrap(configuredKey: string | null): Promise<string | null> {
    if (configuredKey) {
      const exists = await this.db.query('SELECT 1 FROM api_keys WHERE key_hash = ?', [hashKey(configuredKey)]);
      if (exists.length) return null;
      try {
        await this.createKey(DEFAULT_ORGANIZATION, 'SALESOS_API_KEY', configuredKey);
      } catch (e) {
        // Two processes starting at once with the same key: the other one stored it first (its
        // insert won the unique index), which is all this start needed.
        if (!isUniqueViolation(e)) throw e;
        const now = await this.db.query('SELECT 1 FROM api_keys WHERE key_hash = ?', [hashKey(configuredKey)]);
        if (!now.length) throw e;
      }
      return null;
    }
    const any = await this.db.query('SELECT 1 FROM api_keys LIMIT 1');
    if (any.length) return null;
    const { key } = await this.createKey(DEFAULT_ORGANIZATION, 'bootstrap');
    return key;
  }
}
