// Organizations and API keys (keys stored as their SHA-256 hash only).
import type { ApiKeyRecord, KeyStore } from '../ports.ts';
import { stablePlan, type SqlDatabase, type SqlRunner } from './runner.ts';

export class SqlKeyStore implements KeyStore {
  constructor(private readonly db: SqlDatabase) {}

  async ensureOrganization(name: string, id: string, now: number, q: SqlRunner = this.db): Promise<{ id: string; created: boolean }> {
    const found = await q.query<{ id: string }>('SELECT id FROM organizations WHERE name = ?', [name]);
    if (found.length) return { id: found[0].id, created: false };
    const inserted = await q.exec('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [id, name, now]);
    if (inserted) return { id, created: true };
    const again = await q.query<{ id: string }>('SELECT id FROM organizations WHERE name = ?', [name]);
    return { id: again[0].id, created: false };
  }

  async createKey(orgName: string, newOrgId: string, key: ApiKeyRecord, keyHash: string): Promise<{ organizationId: string; organizationCreated: boolean }> {
    return this.db.tx(async (q) => {
      const org = await this.ensureOrganization(orgName, newOrgId, key.created_at, q);
      await q.exec('INSERT INTO api_keys (organization_id, id, name, prefix, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        org.id,
        key.id,
        key.name,
        key.prefix,
        keyHash,
        key.scopes.join(' '),
        key.created_at,
      ]);
      return { organizationId: org.id, organizationCreated: org.created };
    });
  }

  async listKeys(organizationId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.db.query<Omit<ApiKeyRecord, 'scopes'> & { scopes: string }>(
      'SELECT organization_id, id, name, prefix, scopes, created_at, last_used_at, revoked_at FROM api_keys WHERE organization_id = ? ORDER BY id DESC',
      [organizationId],
    );
    return rows.map((r) => ({ ...r, scopes: r.scopes.split(' ') }));
  }

  async revokeKey(organizationId: string, id: string, now: number): Promise<boolean> {
    return (
      (await this.db.exec('UPDATE api_keys SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL', [now, organizationId, id])) > 0
    );
  }

  async organizationByName(name: string): Promise<{ id: string; name: string } | null> {
    return (await this.db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE name = ?', [name]))[0] ?? null;
  }

  async organizationName(organizationId: string): Promise<string | null> {
    return (await this.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = ?', [organizationId]))[0]?.name ?? null;
  }

  async liveKeyByHash(keyHash: string): Promise<{ organization_id: string; id: string; scopes: string[] } | null> {
    const rows = await this.db.query<{ organization_id: string; id: string; scopes: string }>(
      stablePlan('SELECT organization_id, id, scopes FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL'),
      [keyHash],
    );
    return rows[0] ? { ...rows[0], scopes: rows[0].scopes.split(' ') } : null;
  }

  async hasKeyWithHash(keyHash: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM api_keys WHERE key_hash = ?', [keyHash])).length > 0;
  }

  async hasAnyKey(): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM api_keys LIMIT 1')).length > 0;
  }

  async markShown(keyId: string, now: number): Promise<void> {
    await this.db.exec('UPDATE api_keys SET shown_at = ? WHERE id = ? AND shown_at IS NULL', [now, keyId]);
  }

  async hasShownKey(): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM api_keys WHERE shown_at IS NOT NULL LIMIT 1')).length > 0;
  }

  async isLive(organizationId: string, keyId: string): Promise<boolean> {
    const rows = await this.db.query<{ revoked_at: number | null }>('SELECT revoked_at FROM api_keys WHERE organization_id = ? AND id = ?', [
      organizationId,
      keyId,
    ]);
    return rows.length === 1 && rows[0].revoked_at === null;
  }
}
