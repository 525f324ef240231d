// Webhooks: the endpoints an organization subscribes, their signing secrets and their lifecycle.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { notFound, validation } from '../errors.ts';
import { isEventPattern } from '../catalog.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../pagination.ts';
import { newId } from '../ids.ts';
import type { Db, Queryable } from '../store/db.ts';
import { iso, type Auth, type Page } from '../model.ts';
import type { Webhook, WebhookCreate, WebhookUpdate } from '../contract/webhooks.ts';
import { checkWebhookUrl } from './url.ts';
import { DispatchHooks } from '../events/publish.ts';

export interface WebhookRow {
  organization_id: string;
  id: string;
  url: string;
  description: string;
  events: string;
  enabled: number;
  disabled_reason: string | null;
  metadata: string;
  failing_since: number | null;
  last_success_at: number | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'organization_id, id, url, description, events, enabled, disabled_reason, metadata, failing_since, last_success_at, created_at, updated_at';

export const generateSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export function webhookView(r: WebhookRow): Webhook {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: JSON.parse(r.events),
    enabled: r.enabled === 1,
    disabled_reason: r.disabled_reason,
    metadata: JSON.parse(r.metadata),
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
  };
}

function checkEvents(events: string[]): string[] {
  const unknown = events.filter((e) => !isEventPattern(e));
  if (unknown.length) {
    throw validation(
      `Unknown event type${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      unknown.map((e) => ({ field: 'events', message: `unknown event type ${e}` })),
    );
  }
  return [...new Set(events)];
}

function checkMetadata(metadata: Record<string, string> | undefined): void {
  for (const key of Object.keys(metadata ?? {})) {
    if (key.length < 1 || key.length > 40)
      throw validation('metadata keys must be 1 to 40 characters', [{ field: `metadata.${key.slice(0, 40)}`, message: 'key must be 1 to 40 characters' }]);
  }
}

export class WebhookService {
  /** What this process's publishes dispatch to (see DispatchHooks): every change here resets it. */
  readonly dispatch = new DispatchHooks();
  /**
   * Called after a change of an existing webhook (URL, events, state, secrets, deletion): work
   * this process's worker holds for it was claimed before the change and must not be sent as it was.
   */
  onWebhookChange: ((webhookId: string) => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /**
   * Runs a change of an organization's webhooks (of webhook `id`, unless it is a new one), then
   * drops what publishes and the worker of this process remember of them, and has the other
   * processes sharing the database do the same (see announceChange).
   */
  private async change<T>(auth: Auth, id: string | null, fn: (q: Queryable) => Promise<T>): Promise<T> {
    let committed = false;
    try {
      const result = await this.db.tx(fn);
      committed = true;
      return result;
    } finally {
      this.dispatch.forget(auth.organizationId);
      if (id) this.onWebhookChange?.(id);
      // Not announced (the database is unreachable): other processes send what they hold as it
      // was claimed, and their publishes see the change within a second (DispatchHooks).
      if (id && committed) await this.db.announceChange(auth.organizationId, id).catch(() => {});
    }
  }

  async create(auth: Auth, input: WebhookCreate): Promise<Webhook & { secret: string }> {
    const url = await checkWebhookUrl(input.url, this.config);
    const events = checkEvents(input.events);
    checkMetadata(input.metadata);
    const now = Date.now();
    const row: WebhookRow = {
      organization_id: auth.organizationId,
      id: newId('wh'),
      url,
      description: input.description ?? '',
      events: JSON.stringify(events),
      enabled: input.enabled === false ? 0 : 1,
      disabled_reason: null,
      metadata: JSON.stringify(input.metadata ?? {}),
      failing_since: null,
      last_success_at: null,
      created_at: now,
      updated_at: now,
    };
    const secret = generateSecret();
    await this.change(auth, null, async (q) => {
      await q.exec(
        'INSERT INTO webhooks (organization_id, id, url, description, events, enabled, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [row.organization_id, row.id, row.url, row.description, row.events, row.enabled, row.metadata, now, now],
      );
      await q.exec('INSERT INTO webhook_secrets (organization_id, webhook_id, id, secret, created_at) VALUES (?, ?, ?, ?, ?)', [
        row.organization_id,
        row.id,
        newId('whs'),
        secret,
        now,
      ]);
    });
    return { ...webhookView(row), secret };
  }

  async row(auth: Auth, id: string, q: Queryable = this.db): Promise<WebhookRow> {
    const rows = await q.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE organization_id = ? AND id = ? AND deleted_at IS NULL`, [
      auth.organizationId,
      id,
    ]);
    if (!rows.length) throw notFound('webhook', id);
    return rows[0];
  }

  async get(auth: Auth, id: string): Promise<Webhook> {
    return webhookView(await this.row(auth, id));
  }

  async list(auth: Auth, params: ListParams): Promise<Page<Webhook>> {
    const limit = pageLimit(params);
    const before = decodeCursor(params.cursor);
    const rows = await this.db.query<WebhookRow>(
      `SELECT ${COLUMNS} FROM webhooks WHERE organization_id = ? AND deleted_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?`,
      [auth.organizationId, before, limit + 1],
    );
    return toPage(rows, limit, webhookView);
  }

  async update(auth: Auth, id: string, patch: WebhookUpdate): Promise<Webhook> {
    const url = patch.url === undefined ? undefined : await checkWebhookUrl(patch.url, this.config);
    const events = patch.events === undefined ? undefined : checkEvents(patch.events);
    checkMetadata(patch.metadata);
    return this.change(auth, id, async (q) => {
      const row = await this.row(auth, id, q);
      const next: WebhookRow = {
        ...row,
        url: url ?? row.url,
        events: events ? JSON.stringify(events) : row.events,
        description: patch.description ?? row.description,
        metadata: patch.metadata ? JSON.stringify(patch.metadata) : row.metadata,
        updated_at: Date.now(),
      };
      if (patch.enabled !== undefined) {
        next.enabled = patch.enabled ? 1 : 0;
        // Re-enabling clears an automatic disable and its failure streak.
        if (patch.enabled) {
          next.disabled_reason = null;
          next.failing_since = null;
        } else if (row.enabled) {
          next.disabled_reason = 'manual';
        }
      }
      // Deliveries before the webhook (the worker's lock order, see delete).
      if (!next.enabled && row.enabled) await parkDeliveries(q, row.organization_id, row.id);
      if (next.enabled && !row.enabled) await unparkDeliveries(q, row.organization_id, row.id, next.updated_at);
      await q.exec(
        'UPDATE webhooks SET url = ?, events = ?, description = ?, metadata = ?, enabled = ?, disabled_reason = ?, failing_since = ?, updated_at = ? WHERE organization_id = ? AND id = ?',
        [
          next.url,
          next.events,
          next.description,
          next.metadata,
          next.enabled,
          next.disabled_reason,
          next.failing_since,
          next.updated_at,
          row.organization_id,
          row.id,
        ],
      );
      // Re-enabled: its waiting deliveries are due again; wake the workers.
      if (next.enabled && !row.enabled) await q.notify();
      return webhookView(next);
    });
  }

  /** Deletes a webhook; its pending deliveries are canceled. */
  async delete(auth: Auth, id: string): Promise<void> {
    await this.change(auth, id, async (q) => {
      const row = await this.row(auth, id, q);
      const now = Date.now();
      // Deliveries before the webhook: the worker writes outcomes in that order too, so the two
      // never wait on each other's locks (a deadlock on PostgreSQL).
      await q.exec(
        "UPDATE deliveries SET status = 'canceled', next_attempt_at = NULL, lease_token = NULL, updated_at = ? WHERE organization_id = ? AND webhook_id = ? AND status = 'pending'",
        [now, row.organization_id, id],
      );
      await q.exec('UPDATE webhooks SET deleted_at = ?, enabled = 0, updated_at = ? WHERE organization_id = ? AND id = ?', [now, now, row.organization_id, id]);
    });
  }

  async secret(auth: Auth, id: string): Promise<{ secret: string }> {
    await this.row(auth, id);
    const rows = await this.db.query<{ secret: string }>(
      'SELECT secret FROM webhook_secrets WHERE organization_id = ? AND webhook_id = ? AND expires_at IS NULL ORDER BY id DESC LIMIT 1',
      [auth.organizationId, id],
    );
    return { secret: rows[0].secret };
  }

  /** A new secret signs from now on; the current one keeps signing beside it for the grace period. */
  async rotateSecret(auth: Auth, id: string): Promise<{ secret: string; previous_secret_expires_at: string }> {
    const secret = generateSecret();
    const now = Date.now();
    const expires = now + this.config.secretGraceMs;
    await this.change(auth, id, async (q) => {
      const row = await this.row(auth, id, q);
      await q.exec('UPDATE webhook_secrets SET expires_at = ? WHERE organization_id = ? AND webhook_id = ? AND (expires_at IS NULL OR expires_at > ?)', [
        expires,
        row.organization_id,
        id,
        expires,
      ]);
      await q.exec('INSERT INTO webhook_secrets (organization_id, webhook_id, id, secret, created_at) VALUES (?, ?, ?, ?, ?)', [
        row.organization_id,
        id,
        newId('whs'),
        secret,
        now,
      ]);
      await q.exec('UPDATE webhooks SET updated_at = ? WHERE organization_id = ? AND id = ?', [now, row.organization_id, id]);
    });
    return { secret, previous_secret_expires_at: iso(expires)! };
  }
}

/**
 * A disabled webhook's waiting deliveries stay pending but leave the due range (next_attempt_at
 * NULL), so that a large backlog of a disabled endpoint costs the claim nothing; enabling the
 * webhook makes them due now. One under way keeps its lease and its outcome.
 */
export async function parkDeliveries(q: Queryable, organizationId: string, webhookId: string): Promise<void> {
  await q.exec("UPDATE deliveries SET next_attempt_at = NULL WHERE organization_id = ? AND webhook_id = ? AND status = 'pending' AND lease_token IS NULL", [
    organizationId,
    webhookId,
  ]);
}

async function unparkDeliveries(q: Queryable, organizationId: string, webhookId: string, now: number): Promise<void> {
  await q.exec("UPDATE deliveries SET next_attempt_at = ? WHERE organization_id = ? AND webhook_id = ? AND status = 'pending' AND next_attempt_at IS NULL", [
    now,
    organizationId,
    webhookId,
  ]);
}

/** Secrets that sign right now, newest first. */
export async function liveSecrets(q: Queryable, organizationId: string, webhookId: string, now = Date.now()): Promise<string[]> {
  const rows = await q.query<{ secret: string }>(
    'SELECT secret FROM webhook_secrets WHERE organization_id = ? AND webhook_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id DESC',
    [organizationId, webhookId, now],
  );
  return rows.map((r) => r.secret);
}
