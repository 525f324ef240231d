// Webhooks: the endpoints an organization subscribes, their signing secrets and their lifecycle.
import { randomBytes } from 'node:crypto';
import { isEventPattern } from '../catalog.ts';
import type { Config } from '../config.ts';
import type { SecretRotationInput, Webhook, WebhookCreate, WebhookUpdate } from '../contract/webhooks.ts';
import { ApiError, notFound, validation, type ErrorDetail } from '../errors.ts';
import { newId } from '../ids.ts';
import { iso, type Auth, type DisabledReason, type Page } from '../model.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../pagination.ts';
import type { SecretRecord, WebhookRecord, WebhookRef, WebhookStore } from '../store/ports.ts';
import { SecretCipher, SecretDecryptError } from '../secret-cipher.ts';
import type { WebhookChangeKind, WebhookChanges } from './changes.ts';
import { applyPolicy, checkPolicy, DEFAULT_POLICY, policyView, type PolicyPatch } from './policy.ts';
import { checkWebhookUrl } from './url.ts';

/** How many secrets sign a delivery at most: the current one and the two newest in their grace. */
export const MAX_SIGNING_SECRETS = 3;

export const generateSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export function webhookView(r: WebhookRecord): Webhook {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    enabled: r.enabled,
    disabled_reason: r.disabled_reason as DisabledReason | null,
    metadata: r.metadata,
    ...policyView(r),
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
  constructor(
    private readonly store: WebhookStore,
    private readonly changes: WebhookChanges,
    private readonly config: Pick<Config, 'production' | 'allowPrivateUrls' | 'secretGraceMs' | 'maxPerEndpoint' | 'encryptionKeys'>,
  ) {
    this.cipher = new SecretCipher(config.encryptionKeys);
  }

  private readonly cipher: SecretCipher;

  /** A secret as stored: encrypted with the first SALESOS_ENCRYPTION_KEY key, if any. */
  private sealed(id: string, secret: string, createdAt: number): SecretRecord {
    const { value, keyId } = this.cipher.seal(secret);
    return { id, secret: value, key_id: keyId, created_at: createdAt };
  }

  /**
   * At start: every encryption key a stored secret names must be configured, and right (one
   * secret per key is decrypted). Throws SecretDecryptError saying which key.
   */
  async checkSecretKeys(): Promise<void> {
    for (const s of await this.store.secretKeySamples()) this.cipher.open(s.secret);
  }

  /** Re-encrypts every stored secret (deleted webhooks' too) with the first key; answers how many. */
  async reencryptSecrets(): Promise<number> {
    const keyId = this.cipher.currentKeyId;
    if (!keyId) throw new SecretDecryptError('SALESOS_ENCRYPTION_KEY is not set: there is no key to encrypt with');
    let done = 0;
    for (;;) {
      const batch = await this.store.secretsNotUnder(keyId, 500);
      if (!batch.length) return done;
      for (const s of batch) {
        const { value, keyId: sealedWith } = this.cipher.seal(this.cipher.open(s.secret));
        if (await this.store.replaceSecret(s, value, sealedWith)) done++;
      }
    }
  }

  /** Tells the webhook's subscribers (this process's publishes and worker, the other processes) of a committed change. */
  private changed(auth: Auth, webhookId: string, kind: WebhookChangeKind): Promise<void> {
    return this.changes.publish({ organizationId: auth.organizationId, webhookId, kind, remote: false });
  }

  /**
   * Checks every field a create or an update sets, and answers every problem at once: one 400
   * whose details name each field (the URL, the events, metadata, each delivery setting), so a
   * form can show them all together. `known` are problems the caller found already (a form's
   * own parsing): they are answered with the rest, and the fields they name are not checked again.
   */
  async check(input: WebhookUpdate, known: ErrorDetail[] = []): Promise<{ url?: string; events?: string[]; policy: PolicyPatch }> {
    const details = [...known];
    const failed: ApiError[] = [];
    const named = new Set(known.map((d) => d.field?.replace(/^body\./, '').split(/[.[]/)[0]));
    const collect = async <T>(field: string, run: () => T | Promise<T>): Promise<T | undefined> => {
      if (named.has(field)) return undefined;
      try {
        return await run();
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'validation_failed') throw e;
        failed.push(e);
        details.push(...(e.details.length ? e.details : [{ field, message: e.message }]));
        return undefined;
      }
    };
    const url = input.url === undefined ? undefined : await collect('url', () => checkWebhookUrl(input.url!, this.config));
    const events = input.events === undefined ? undefined : await collect('events', () => checkEvents(input.events!));
    await collect('metadata', () => checkMetadata(input.metadata));
    const settings = Object.fromEntries(Object.entries(input).filter(([k]) => !named.has(k))) as WebhookUpdate;
    const policy = (await collect('settings', () => checkPolicy(settings, this.config))) ?? {};
    if (details.length) {
      // One check failing keeps its own message (as before); several are summed up.
      const message =
        failed.length === 1 && !known.length
          ? failed[0].message
          : `${details.length} problems: ${details.map((d) => `${d.field?.replace(/^body\./, '') ?? ''} ${d.message}`.trim()).join('; ')}`;
      throw validation(message.slice(0, 1000), details);
    }
    return { url, events, policy };
  }

  async create(auth: Auth, input: WebhookCreate): Promise<Webhook & { secret: string }> {
    const checked = await this.check(input);
    const url = checked.url!;
    const events = checked.events!;
    const policy = applyPolicy(DEFAULT_POLICY, checked.policy);
    const now = Date.now();
    const hook: WebhookRecord = {
      ...policy,
      organization_id: auth.organizationId,
      id: newId('wh'),
      url,
      description: input.description ?? '',
      events,
      enabled: input.enabled !== false,
      disabled_reason: null,
      metadata: input.metadata ?? {},
      failing_since: null,
      last_success_at: null,
      created_at: now,
      updated_at: now,
    };
    const secret = generateSecret();
    await this.store.create(hook, this.sealed(newId('whs'), secret, now));
    await this.changed(auth, hook.id, 'created');
    return { ...webhookView(hook), secret };
  }

  async get(auth: Auth, id: string): Promise<Webhook> {
    const hook = await this.store.get(auth.organizationId, id);
    if (!hook) throw notFound('webhook', id);
    return webhookView(hook);
  }

  async list(auth: Auth, params: ListParams): Promise<Page<Webhook>> {
    const limit = pageLimit(params);
    const rows = await this.store.list(auth.organizationId, { before: decodeCursor(params.cursor), limit: limit + 1 });
    return toPage(rows, limit, webhookView);
  }

  async update(auth: Auth, id: string, patch: WebhookUpdate): Promise<Webhook> {
    const { url, events, policy: settings } = await this.check(patch);
    const done = await this.store.update(auth.organizationId, id, (row) => {
      const next: WebhookRecord = {
        ...row,
        ...applyPolicy(row, settings),
        url: url ?? row.url,
        events: events ?? row.events,
        description: patch.description ?? row.description,
        metadata: patch.metadata ?? row.metadata,
        updated_at: Date.now(),
      };
      if (patch.enabled !== undefined) {
        next.enabled = patch.enabled;
        // Re-enabling clears an automatic disable and its failure streak.
        if (patch.enabled) {
          next.disabled_reason = null;
          next.failing_since = null;
        } else if (row.enabled) {
          next.disabled_reason = 'manual';
        }
      }
      return next;
    });
    if (!done) throw notFound('webhook', id);
    await this.changed(auth, id, 'updated');
    return webhookView(done.after);
  }

  /** Deletes a webhook; its pending deliveries are canceled. */
  async delete(auth: Auth, id: string): Promise<void> {
    if (!(await this.store.delete(auth.organizationId, id, Date.now()))) throw notFound('webhook', id);
    await this.changed(auth, id, 'deleted');
  }

  async secret(auth: Auth, id: string): Promise<{ secret: string }> {
    await this.get(auth, id);
    const secret = await this.store.currentSecret(auth.organizationId, id);
    if (!secret) throw notFound('webhook', id);
    return { secret: this.cipher.open(secret) };
  }

  /**
   * A new secret signs from now on; the current one keeps signing beside it for the grace period
   * (none with `expire_previous_now`). At most MAX_SIGNING_SECRETS sign at once: each secret adds
   * about 48 bytes to two headers, and receivers limit header size (node:http: 16 KiB), so a
   * rotation beyond the bound ends the oldest grace at once.
   */
  async rotateSecret(auth: Auth, id: string, opts: SecretRotationInput = {}): Promise<{ secret: string; previous_secret_expires_at: string }> {
    const secret = generateSecret();
    const now = Date.now();
    const expires = opts.expire_previous_now ? now : now + this.config.secretGraceMs;
    const rotation = { graceEndsAt: expires, maxSigning: MAX_SIGNING_SECRETS };
    if (!(await this.store.rotateSecret(auth.organizationId, id, this.sealed(newId('whs'), secret, now), rotation))) throw notFound('webhook', id);
    await this.changed(auth, id, 'secrets');
    return { secret, previous_secret_expires_at: iso(expires)! };
  }

  /** The secrets that sign its deliveries now, newest first, and when each stops (null: at the next rotation); never their values. */
  async signingSecrets(auth: Auth, id: string): Promise<Array<{ id: string; created_at: string; expires_at: string | null }>> {
    await this.get(auth, id);
    const rows = await this.store.signingSecrets(auth.organizationId, id, Date.now());
    return rows.map((r) => ({ id: r.id, created_at: iso(r.created_at)!, expires_at: iso(r.expires_at) }));
  }

  /** How long a rotated-out secret keeps signing by default (SALESOS_SECRET_GRACE). */
  get secretGraceMs(): number {
    return this.config.secretGraceMs;
  }

  async urls(auth: Auth, ids: string[]): Promise<Map<string, WebhookRef>> {
    return this.store.urls(auth.organizationId, ids);
  }
}
