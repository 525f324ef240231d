// Webhooks and their signing secrets.
import type { PageQuery, SecretRecord, SecretRotation, SigningSecret, StoredSecret, WebhookRecord, WebhookRef, WebhookStore } from '../ports.ts';
import { LIVE_SECRET } from './fragments.ts';
import { park, unpark } from './park.ts';
import { policyColumns, policyValues, WEBHOOK_COLUMNS, webhookRecord, type WebhookRow } from './rows.ts';
import { marks, type SqlDatabase, type SqlRunner } from './runner.ts';

const SET_POLICY = policyColumns()
  .split(', ')
  .map((c) => `${c} = ?`)
  .join(', ');
const STORED_SECRET = 'organization_id, webhook_id, id, secret, key_id';
const INSERT_SECRET = 'INSERT INTO webhook_secrets (organization_id, webhook_id, id, secret, key_id, created_at) VALUES (?, ?, ?, ?, ?, ?)';

export class SqlWebhookStore implements WebhookStore {
  /**
   * @param lockSuffix what makes a SELECT take the row's write lock (PostgreSQL: FOR UPDATE; SQLite
   *   needs none: a transaction holds the one write lock from its start).
   */
  constructor(
    private readonly db: SqlDatabase,
    private readonly lockSuffix: string,
  ) {}

  async create(hook: WebhookRecord, secret: SecretRecord): Promise<void> {
    await this.db.tx(async (q) => {
      await q.exec(
        `INSERT INTO webhooks (organization_id, id, url, description, events, enabled, metadata, created_at, updated_at, ${policyColumns()}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          hook.organization_id,
          hook.id,
          hook.url,
          hook.description,
          JSON.stringify(hook.events),
          hook.enabled ? 1 : 0,
          JSON.stringify(hook.metadata),
          hook.created_at,
          hook.updated_at,
          ...policyValues(hook),
        ],
      );
      await q.exec(INSERT_SECRET, [hook.organization_id, hook.id, secret.id, secret.secret, secret.key_id ?? null, secret.created_at]);
    });
  }

  private async row(q: SqlRunner, organizationId: string, id: string, lock = ''): Promise<WebhookRecord | null> {
    const rows = await q.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE organization_id = ? AND id = ? AND deleted_at IS NULL${lock}`, [
      organizationId,
      id,
    ]);
    return rows.length ? webhookRecord(rows[0]) : null;
  }

  get(organizationId: string, id: string): Promise<WebhookRecord | null> {
    return this.row(this.db, organizationId, id);
  }

  async list(organizationId: string, page: PageQuery): Promise<WebhookRecord[]> {
    const rows = await this.db.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE organization_id = ? AND deleted_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?`,
      [organizationId, page.before, page.limit],
    );
    return rows.map(webhookRecord);
  }

  update(organizationId: string, id: string, change: (current: WebhookRecord) => WebhookRecord) {
    return this.db.tx(async (q) => {
      const before = await this.row(q, organizationId, id, this.lockSuffix);
      if (!before) return null;
      const after = change(before);
      // Deliveries before the webhook row: the worker's outcome writes lock them in that order too.
      if (!after.enabled && before.enabled) await park(q, organizationId, id);
      if (after.enabled && !before.enabled) await unpark(q, organizationId, id, after.updated_at);
      await q.exec(
        `UPDATE webhooks SET url = ?, events = ?, description = ?, metadata = ?, enabled = ?, disabled_reason = ?, failing_since = ?, updated_at = ?, ${SET_POLICY} WHERE organization_id = ? AND id = ?`,
        [
          after.url,
          JSON.stringify(after.events),
          after.description,
          JSON.stringify(after.metadata),
          after.enabled ? 1 : 0,
          after.disabled_reason,
          after.failing_since,
          after.updated_at,
          ...policyValues(after),
          organizationId,
          id,
        ],
      );
      // Re-enabled: its waiting deliveries are due again; wake the workers.
      if (after.enabled && !before.enabled) await q.notify();
      return { before, after };
    });
  }

  delete(organizationId: string, id: string, now: number): Promise<boolean> {
    return this.db.tx(async (q) => {
      if (!(await this.row(q, organizationId, id, this.lockSuffix))) return false;
      // Deliveries before the webhook: the worker writes outcomes in that order too, so the two
      // never wait on each other's locks (a deadlock on PostgreSQL).
      await q.exec(
        "UPDATE deliveries SET status = 'canceled', next_attempt_at = NULL, lease_token = NULL, updated_at = ? WHERE organization_id = ? AND webhook_id = ? AND status = 'pending'",
        [now, organizationId, id],
      );
      await q.exec('UPDATE webhooks SET deleted_at = ?, enabled = 0, updated_at = ? WHERE organization_id = ? AND id = ?', [now, now, organizationId, id]);
      return true;
    });
  }

  async currentSecret(organizationId: string, id: string): Promise<string | null> {
    const rows = await this.db.query<{ secret: string }>(
      'SELECT secret FROM webhook_secrets WHERE organization_id = ? AND webhook_id = ? AND expires_at IS NULL ORDER BY id DESC LIMIT 1',
      [organizationId, id],
    );
    return rows[0]?.secret ?? null;
  }

  signingSecrets(organizationId: string, id: string, now: number): Promise<SigningSecret[]> {
    return this.db.query<SigningSecret>(
      `SELECT s.id, s.created_at, s.expires_at FROM webhook_secrets s WHERE s.organization_id = ? AND s.webhook_id = ? AND ${LIVE_SECRET} ORDER BY s.id DESC`,
      [organizationId, id, now],
    );
  }

  rotateSecret(organizationId: string, id: string, secret: SecretRecord, rotation: SecretRotation): Promise<boolean> {
    const now = secret.created_at;
    return this.db.tx(async (q) => {
      // The webhook's row lock serializes rotations: each one sees the secrets the last one left.
      if (!(await this.row(q, organizationId, id, this.lockSuffix))) return false;
      const end = Math.max(now, rotation.graceEndsAt);
      await q.exec('UPDATE webhook_secrets SET expires_at = ? WHERE organization_id = ? AND webhook_id = ? AND (expires_at IS NULL OR expires_at > ?)', [
        end,
        organizationId,
        id,
        end,
      ]);
      // Bounded signing: beside the new secret, only the newest maxSigning - 1 older ones keep
      // their grace; the grace of the others ends now.
      const live = await q.query<{ id: string }>(
        'SELECT id FROM webhook_secrets WHERE organization_id = ? AND webhook_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id DESC',
        [organizationId, id, now],
      );
      const ended = live.slice(Math.max(0, rotation.maxSigning - 1)).map((r) => r.id);
      if (ended.length) {
        await q.exec(`UPDATE webhook_secrets SET expires_at = ? WHERE organization_id = ? AND webhook_id = ? AND id IN (${marks(ended)})`, [
          now,
          organizationId,
          id,
          ...ended,
        ]);
      }
      await q.exec(INSERT_SECRET, [organizationId, id, secret.id, secret.secret, secret.key_id ?? null, secret.created_at]);
      await q.exec('UPDATE webhooks SET updated_at = ? WHERE organization_id = ? AND id = ?', [secret.created_at, organizationId, id]);
      return true;
    });
  }

  async secretKeySamples(): Promise<StoredSecret[]> {
    const keyIds = await this.db.query<{ key_id: string | null }>('SELECT DISTINCT key_id FROM webhook_secrets');
    const samples = await Promise.all(
      keyIds.map(
        async ({ key_id }) =>
          (
            await this.db.query<StoredSecret>(
              `SELECT ${STORED_SECRET} FROM webhook_secrets WHERE ${key_id === null ? 'key_id IS NULL' : 'key_id = ?'} ORDER BY id DESC LIMIT 1`,
              key_id === null ? [] : [key_id],
            )
          )[0],
      ),
    );
    return samples.filter((s) => s !== undefined);
  }

  secretsNotUnder(keyId: string, limit: number): Promise<StoredSecret[]> {
    return this.db.query<StoredSecret>(`SELECT ${STORED_SECRET} FROM webhook_secrets WHERE key_id IS NULL OR key_id <> ? LIMIT ?`, [keyId, limit]);
  }

  async replaceSecret(s: StoredSecret, secret: string, keyId: string | null): Promise<boolean> {
    const n = await this.db.exec('UPDATE webhook_secrets SET secret = ?, key_id = ? WHERE organization_id = ? AND webhook_id = ? AND id = ? AND secret = ?', [
      secret,
      keyId,
      s.organization_id,
      s.webhook_id,
      s.id,
      s.secret,
    ]);
    return n === 1;
  }

  async urls(organizationId: string, ids: string[]): Promise<Map<string, WebhookRef>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.query<{ id: string; url: string; deleted_at: number | null; enabled: number }>(
      `SELECT id, url, deleted_at, enabled FROM webhooks WHERE organization_id = ? AND id IN (${marks(unique)})`,
      [organizationId, ...unique],
    );
    return new Map(rows.map((r) => [r.id, { url: r.url, deleted: r.deleted_at !== null, enabled: r.enabled === 1 }]));
  }
}
