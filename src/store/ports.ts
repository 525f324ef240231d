// The storage port: what the domain asks of storage, in the domain's words. Each interface is
// implemented once per backend (src/store/postgres/, src/store/sqlite/, with the statements both
// run unchanged in src/store/sql/), chosen once at start-up (openStorage in index.ts), and held to
// one contract by the conformance suite in test/store/. Domain code never sees a connection, a
// statement or the name of the database it runs on.
//
// Records are snake_case, as stored and as the API shows them; times are epoch milliseconds.
import type { Filter } from '@salesos/webhooks';
import type { EventType } from '../catalog.ts';
import type { AttemptOutcome, AttemptTrigger, DeliveryStatus, ErrorClass, Ordering, ResponseClass, TaskKind, TaskStatus } from '../model.ts';

export type Backend = 'sqlite' | 'postgres';

export interface Storage {
  /** Which backend this is: for logs, /readyz and metrics, never for a decision. */
  readonly backend: Backend;
  readonly keys: KeyStore;
  readonly webhooks: WebhookStore;
  readonly events: EventStore;
  /** Publishing outside any other transaction (the API, test sends). */
  readonly outbox: Outbox;
  readonly deliveries: DeliveryStore;
  readonly log: DeliveryLog;
  /** Endpoint health: the rollups that complete() writes, read back. */
  readonly stats: EndpointStats;
  readonly crm: CrmStore;
  readonly idempotency: IdempotencyStore;
  readonly rates: RateLimits;
  readonly sessions: SessionStore;
  readonly rateLimits: RateLimitStore;
  readonly signals: Signals;
  readonly workers: WorkerRegistry;
  readonly tasks: BackgroundTaskStore;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Why this storage can no longer be used, or null: the embedded database's file was deleted or
   * replaced under the running process (writes would go to a file nobody reads again).
   */
  lost(): string | null;
  /** Applies pending migrations (under a lock); answers their names. */
  /** Applies the pending migrations (up to number `until`: tests of moving an older database); answers their names. */
  migrate(until?: number): Promise<string[]>;
  close(): Promise<void>;
}

// Organizations and API keys.

export interface ApiKeyRecord {
  organization_id: string;
  id: string;
  name: string;
  prefix: string;
  /** What the key may do: scopes of SCOPES, or `*` for all (src/model.ts). */
  scopes: string[];
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface KeyStore {
  /** The organization of this name, created when new. */
  ensureOrganization(name: string, id: string, now: number): Promise<{ id: string; created: boolean }>;
  /**
   * Stores a key (by its hash; its organization_id is ignored) for the organization of this name,
   * created with `newOrgId` when new, in one transaction. A key stored twice is a DuplicateError.
   */
  createKey(orgName: string, newOrgId: string, key: ApiKeyRecord, keyHash: string): Promise<{ organizationId: string; organizationCreated: boolean }>;
  listKeys(organizationId: string): Promise<ApiKeyRecord[]>;
  /** False when there is no such live key. */
  revokeKey(organizationId: string, id: string, now: number): Promise<boolean>;
  organizationByName(name: string): Promise<{ id: string; name: string } | null>;
  organizationName(organizationId: string): Promise<string | null>;
  /** The live (not revoked) key with this hash. */
  liveKeyByHash(keyHash: string): Promise<{ organization_id: string; id: string; scopes: string[] } | null>;
  hasKeyWithHash(keyHash: string): Promise<boolean>;
  hasAnyKey(): Promise<boolean>;
  /** Records that a key was shown to someone (printed at start, by `salesos keys create`). */
  markShown(keyId: string, now: number): Promise<void>;
  /** Whether any key was ever shown: when none was, nobody holds a key. */
  hasShownKey(): Promise<boolean>;
  isLive(organizationId: string, keyId: string): Promise<boolean>;
}

// Delivery workers' heartbeats.

export interface WorkerRegistry {
  /** Records that this worker is alive now (its record is created on its first beat). */
  beat(workerId: string, startedAt: number, now: number): Promise<void>;
  /** Removes the record of a worker that stops. */
  remove(workerId: string): Promise<void>;
  /** How many workers beat at or after `since`. */
  aliveSince(since: number): Promise<number>;
}

// Webhooks.

/** A custom header as stored: its value as sent, and whether it is secret (masked wherever it is shown). */
export interface StoredHeader {
  value: string;
  secret: boolean;
}

/** A webhook's delivery settings (SPEC §11), validated (src/webhooks/policy.ts); null = the service default. */
export interface WebhookPolicyFields {
  /** As given, in the grammar of SALESOS_RETRY_SCHEDULE. */
  retry_schedule: string | null;
  timeout_ms: number | null;
  max_in_flight: number | null;
  /** Deliveries per second, across every worker process. */
  rate_limit: number | null;
  headers: Record<string, StoredHeader> | null;
  /** Which events it gets beyond their types (src/webhooks/filter.ts), as parseFilter() checked it. */
  filter: Filter | null;
  ordering: Ordering;
}

export interface WebhookRecord extends WebhookPolicyFields {
  organization_id: string;
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  metadata: Record<string, string>;
  failing_since: number | null;
  last_success_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SecretRecord {
  id: string;
  /** As stored: encrypted (enc:v1:…) or clear text. */
  secret: string;
  /** The encryption key's id, or null when `secret` is clear text. */
  key_id?: string | null;
  created_at: number;
}

/** A stored secret, where it belongs. */
export interface StoredSecret {
  organization_id: string;
  webhook_id: string;
  id: string;
  secret: string;
  key_id: string | null;
}

/** A secret as its webhook's page lists it (never its value). */
export interface SigningSecret {
  id: string;
  created_at: number;
  expires_at: number | null;
}

export interface SecretRotation {
  /** When the older secrets stop signing (at the earliest: the new secret's created_at). */
  graceEndsAt: number;
  /** At most this many secrets sign at once, the new one included. */
  maxSigning: number;
}

/** What a delivery shows of its webhook: where it sends, and whether it is deleted or disabled. */
export interface WebhookRef {
  url: string;
  deleted: boolean;
  enabled: boolean;
}

export interface WebhookStore {
  create(hook: WebhookRecord, secret: SecretRecord): Promise<void>;
  /** A webhook that is not deleted. */
  get(organizationId: string, id: string): Promise<WebhookRecord | null>;
  /** Newest first, ids below `before`. */
  list(organizationId: string, page: PageQuery): Promise<WebhookRecord[]>;
  /**
   * Changes a webhook under its row lock (concurrent changes run one after the other, each on
   * the other's result): `change` gets it as stored and answers what it becomes, or throws to
   * change nothing. Disabling parks its waiting deliveries; enabling makes them due now. Null
   * when there is no such webhook.
   */
  update(
    organizationId: string,
    id: string,
    change: (current: WebhookRecord) => WebhookRecord,
  ): Promise<{ before: WebhookRecord; after: WebhookRecord } | null>;
  /** Marks it deleted and cancels its pending deliveries; false when there was none to delete. */
  delete(organizationId: string, id: string, now: number): Promise<boolean>;
  /** The newest secret, the one that signs alone once every grace has ended. */
  currentSecret(organizationId: string, id: string): Promise<string | null>;
  /**
   * Adds a secret (signing from its created_at); every older one still live stops signing at
   * `graceEndsAt` (or keeps its earlier end), and beyond the newest `maxSigning - 1` older ones
   * at once. Serialized per webhook. False when there is no such webhook.
   */
  rotateSecret(organizationId: string, id: string, secret: SecretRecord, rotation: SecretRotation): Promise<boolean>;
  /** The secrets that sign at `now`, newest first: when each began, and when it stops (null: the current one, until a rotation). */
  signingSecrets(organizationId: string, id: string, now: number): Promise<SigningSecret[]>;
  /** One stored secret per encryption key id in use (null: clear text), to check the keys at start. */
  secretKeySamples(): Promise<StoredSecret[]>;
  /** Up to `limit` secrets (of any webhook, deleted ones too) not encrypted with key `keyId`. */
  secretsNotUnder(keyId: string, limit: number): Promise<StoredSecret[]>;
  /** Replaces a stored secret's value, unless it changed since it was read; false then. */
  replaceSecret(s: StoredSecret, secret: string, keyId: string | null): Promise<boolean>;
  /** URLs by id, deleted webhooks included (old deliveries still name them), and whether each is enabled. */
  urls(organizationId: string, ids: string[]): Promise<Map<string, WebhookRef>>;
}

// Events and publishing.

export interface EventRecord {
  organization_id: string;
  id: string;
  type: EventType;
  /** The exact JSON body every delivery of the event sends. */
  body: string;
  created_at: number;
}

export interface EventStore {
  list(organizationId: string, query: EventFilter): Promise<EventRecord[]>;
  get(organizationId: string, id: string): Promise<EventRecord | null>;
  /** Events with ids above `afterId`, in id order (the listen stream). */
  after(organizationId: string, afterId: string, limit: number): Promise<EventRecord[]>;
}

/** What an attempt needs of its webhook besides the event: where to send, how to sign, its health, its settings. */
export interface AttemptContext extends WebhookPolicyFields {
  url: string;
  /** Live secrets, newest first. */
  secrets: string[];
  failing_since: number | null;
  last_success_at: number | null;
}

/** An enabled webhook as a publish sees it: its subscriptions, and what its attempts need. */
export interface Subscriber {
  id: string;
  events: string[];
  context: AttemptContext;
}

export interface NewEvent extends EventRecord {
  idempotency_key: string | null;
}

export interface NewDelivery {
  organization_id: string;
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: EventType;
  trigger: AttemptTrigger;
  created_at: number;
  /**
   * Ordered delivery (the webhook orders per object): the id of the object the event is about. A
   * claim takes the delivery only once no earlier delivery of the webhook with the same key is
   * pending. Null or absent: no order.
   */
  ordering_key?: string | null;
  /** Leased to this process's worker (taken at once, see LocalDispatch), or null: queued. */
  lease: { token: string; until: number } | null;
}

/** Where events are published: the storage itself, or the transaction of a CRM change. */
export interface Outbox {
  subscribers(organizationId: string, now: number): Promise<Subscriber[]>;
  /**
   * Stores events and their deliveries, atomically (with the transaction it belongs to, if any).
   * An event whose idempotency key is already taken, by an earlier event or earlier in the same
   * batch, is skipped with its deliveries. Workers are told of the queued deliveries once they
   * commit. Answers the ids of the events stored.
   */
  publish(events: NewEvent[], deliveries: NewDelivery[]): Promise<Set<string>>;
  eventByIdempotencyKey(organizationId: string, key: string): Promise<EventRecord | null>;
}

// The delivery queue.

export interface Claimed {
  organization_id: string;
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: EventType;
  attempt_count: number;
  /** Of those, attempts answered 429 with Retry-After: they use up no retry. */
  throttled_count: number;
  next_trigger: AttemptTrigger;
  lease_token: string;
  /** When the lease runs out (epoch ms): after that the delivery is due again, for any worker. */
  lease_until: number;
  /** Its object's key when its webhook orders per object (see NewDelivery): its end lets the next one of the object go. */
  ordering_key: string | null;
}

/** A claimed delivery with what its attempt needs. */
export interface ClaimedWork extends Claimed, AttemptContext {
  body: string;
}

export interface ClaimOptions {
  limit: number;
  /** The lease of a delivery whose webhook has no timeout of its own… */
  leaseMs: number;
  /** …and of one whose webhook has: factor × its timeout_ms + slackMs (default: leaseMs too). */
  timeoutLease?: { factor: number; slackMs: number };
  /** At most this many deliveries of one webhook at once (default: no bound)… */
  perWebhook?: number;
  /** …counting these, already held here: webhook id → attempts (less than 0: room beyond perWebhook). */
  busy?: ReadonlyMap<string, number>;
  /** Webhooks to leave out (those at their bound): skipped while scanning, so they do not use up the window. */
  except?: readonly string[];
  now?: number;
}

export interface AttemptRecord {
  id: string;
  attempt_number: number;
  trigger: AttemptTrigger;
  started_at: number;
  duration_ms: number;
  request_headers: Record<string, string>;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  error_class: ErrorClass | null;
  error_message: string | null;
}

/** A change of a webhook's health that an outcome brings. */
export type HealthChange = { kind: 'success' } | { kind: 'failing'; since: number } | { kind: 'disable' };

export interface OutcomeRecord {
  work: Claimed;
  attempt: AttemptRecord;
  /** What the delivery becomes: succeeded, failed, or pending again at next_attempt_at. */
  status: DeliveryStatus;
  next_attempt_at: number | null;
  health: HealthChange | null;
  /** The delivery's throttled attempts, this one included (default: the work's, unchanged). */
  throttled_count?: number;
  /** A delivery of an operational event: its outcome brings no operational event (no loops). */
  quiet?: boolean;
}

/**
 * A change that an operational event tells of (SPEC §11), decided in the transaction that writes
 * the outcome bringing it: a webhook's run of failures announced (`failing`, at most once per
 * CompleteOptions.failingEveryMs), its end (`recovered`, only after an announced one), its
 * automatic disable, or a delivery that reached `failed` (`exhausted`).
 */
export type OperationalNotice =
  | { kind: 'failing' | 'recovered' | 'disabled'; webhook: WebhookRecord; cause: OutcomeRecord }
  | { kind: 'exhausted'; delivery: DeliveryRecord; webhookUrl: string; cause: OutcomeRecord };

export interface CompleteOptions {
  /** Publishes the notices' events through `outbox`, in the outcomes' transaction. */
  publish(notices: OperationalNotice[], outbox: Outbox): Promise<void>;
  /** Publishing failed: the outcomes were written without those events. */
  failed(error: unknown, notices: OperationalNotice[]): void;
  /** webhook.failing is announced for a webhook at most once in this long. */
  failingEveryMs: number;
}

export interface DeliveryStore {
  /**
   * Leases due deliveries of enabled webhooks, oldest due first, and loads what their attempts
   * need. An ordered delivery (ordering_key set) is taken only when no earlier one (by id) of its
   * webhook with the same key is pending, leased or not.
   */
  claim(opts: ClaimOptions): Promise<ClaimedWork[]>;
  /**
   * Writes outcomes and their attempts in one transaction, with the webhooks' health changes
   * (a disable parks the webhook's deliveries), the outcomes rolled up into the endpoint health
   * counts (EndpointStats) and, with `notices`, the operational events they bring. An outcome
   * whose lease no longer holds is dropped (and not counted). Answers how many were written.
   */
  complete(outcomes: OutcomeRecord[], notices?: CompleteOptions): Promise<number>;
  /** Gives leased deliveries back, due now (parked if their webhook is disabled), and tells the workers. */
  release(work: Claimed[]): Promise<void>;
  /** When the earliest pending delivery of an enabled webhook (not one of `except`) after `after` is due. */
  nextDueAt(after: number, except?: readonly string[]): Promise<number | null>;
  /** A disabled webhook's waiting deliveries leave the due range (one under way keeps its lease). */
  park(organizationId: string, webhookId: string): Promise<void>;
  /** …and are due at `now` again when it is enabled. */
  unpark(organizationId: string, webhookId: string, now: number): Promise<void>;
  /** Pending deliveries, and when the earliest of them was due. */
  queueStats(): Promise<{ depth: number; oldestDueAt: number | null }>;
  /**
   * Deletes events older than `cutoff` with their finished deliveries and their attempts (on
   * PostgreSQL, whole partitions first: see prepare), keeping every pending delivery.
   */
  purge(cutoff: number): Promise<PurgeCounts>;
  /**
   * Makes room for what will be written from `now` to `now + aheadMs`: on PostgreSQL, the time
   * partitions of deliveries and attempts, `spanMs` wide each, that retention later drops whole;
   * nothing on SQLite. Safe to run from several processes at once (one does the work).
   */
  prepare(now: number, spanMs: number, aheadMs: number): Promise<void>;
}

export interface PurgeCounts {
  attempts: number;
  deliveries: number;
  events: number;
  /** Endpoint health rollup rows (a webhook's minute) older than the cutoff. */
  rollups: number;
  /** Background tasks (recover, replay) that ended before the cutoff. */
  tasks: number;
}

// Endpoint health: attempt outcomes rolled up per webhook and minute as they are written.

/** What happened at a webhook in a span of time (a minute as stored, a bucket as read). */
export interface RollupCounts {
  /** Deliveries that reached succeeded, and failed. */
  delivered: number;
  failed: number;
  /** Attempts by outcome; every outcome of ATTEMPT_OUTCOMES is present. */
  outcomes: Record<AttemptOutcome, number>;
  /** Attempts that got an answer or timed out, by latency bucket (LATENCY_BOUNDS_MS; LATENCY_BUCKETS long). */
  latency: number[];
}

/** A webhook's minute, as the rollup table keeps it. */
export interface RollupRow extends RollupCounts {
  organization_id: string;
  webhook_id: string;
  /** Epoch ms of the minute its attempts started in. */
  minute: number;
  /** Which of the minute's rows: concurrent writers add to rows of their own (migration 0017). */
  shard: number;
}

export interface EndpointStats {
  /**
   * A webhook's rollups of the minutes in [since, until), summed per bucket of `bucketMs` (buckets
   * start at multiples of bucketMs since the epoch): only buckets with something in them, in order.
   */
  buckets(organizationId: string, webhookId: string, since: number, until: number, bucketMs: number): Promise<Array<RollupCounts & { start: number }>>;
  /** Each webhook's rollups of the minutes in [since, until), summed, in one read (webhooks with none are absent). */
  totals(organizationId: string, webhookIds: string[], since: number, until: number): Promise<Map<string, RollupCounts>>;
}

// The delivery log: what users browse, and the manual actions on it.

export interface DeliveryRecord {
  organization_id: string;
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: EventType;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  lease_token: string | null;
  created_at: number;
  updated_at: number;
}

/** A search of an organization's delivery log; every field narrows it, ids bound the time range. */
export interface DeliveryFilter extends PageQuery {
  webhookId?: string;
  statuses?: DeliveryStatus[];
  eventTypes?: string[];
  eventId?: string;
  /** Ids at or above this one (deliveries created since a time: ids sort by creation). */
  from?: string;
  /** The status class of the last attempt's answer; `none`: no answer (a network error or no attempt yet). */
  responseClass?: ResponseClass;
}

/** A search of an organization's events, newest first. */
export interface EventFilter extends PageQuery {
  types?: string[];
  /** Ids at or above this one (events created since a time). */
  from?: string;
  /** The CRM object the event is about (`data.object.id`). */
  objectId?: string;
}

/** A webhook's newest delivery, and when it was last attempted (or created). */
export interface LastDelivery {
  id: string;
  status: DeliveryStatus;
  attempt_count: number;
  at: number;
}

export type RetryAnswer = { ok: DeliveryRecord } | { refused: 'not_found' | 'canceled' | 'in_progress' };

export interface DeliveryLog {
  /** The organization's deliveries that match every field of the filter, newest first. */
  search(organizationId: string, filter: DeliveryFilter): Promise<DeliveryRecord[]>;
  listForEvent(organizationId: string, eventId: string): Promise<DeliveryRecord[]>;
  get(organizationId: string, id: string): Promise<DeliveryRecord | null>;
  /** Attempts in order; request headers as stored (see compactRequestHeaders). */
  attempts(organizationId: string, deliveryId: string): Promise<AttemptRecord[]>;
  /** Makes a delivery due now for a manual attempt, unless canceled or under way (serialized per delivery). */
  retry(organizationId: string, id: string, now: number): Promise<RetryAnswer>;
  /** Each webhook's newest delivery (webhooks with none are absent). Success rates come from EndpointStats. */
  lastDeliveries(organizationId: string, webhookIds: string[]): Promise<Map<string, LastDelivery>>;
}

// Background tasks: recover and replay of a webhook's time window, run by worker processes.

export interface BackgroundTaskRecord {
  organization_id: string;
  id: string;
  webhook_id: string;
  kind: TaskKind;
  status: TaskStatus;
  /** The window: created at or after window_start, before window_end (epoch ms). */
  window_start: number;
  window_end: number;
  /** Replay: only events with no succeeded delivery to the webhook. */
  only_missing: boolean;
  /** What the window holds, counted when the task starts (null before). */
  total: number | null;
  /** Of those, how many were handled. */
  done: number;
  /** Deliveries created (replay) or re-queued (recover). */
  queued: number;
  /** The cursor: the last event (replay) or delivery (recover) id handled. */
  last_id: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

/** A task a worker claimed: every write of it holds only while its lease does. */
export interface HeldTask extends BackgroundTaskRecord {
  lease_token: string;
}

/** What one chunk of a task did: the cursor after it and how many it handled. */
export interface TaskStep {
  last_id: string;
  done: number;
  leaseUntil: number;
  now: number;
}

export interface BackgroundTaskStore {
  create(task: BackgroundTaskRecord): Promise<void>;
  get(organizationId: string, id: string): Promise<BackgroundTaskRecord | null>;
  /** A webhook's tasks, newest first, ids below `before`. */
  listForWebhook(organizationId: string, webhookId: string, page: PageQuery): Promise<BackgroundTaskRecord[]>;
  /**
   * Leases the oldest task that is queued, or running under an expired lease (its worker died),
   * to `token` until `leaseUntil`; one claimer wins across processes. Null when there is none.
   */
  claim(token: string, now: number, leaseUntil: number): Promise<HeldTask | null>;
  /** Extends the lease (status running, total counted if given); false when it was lost. */
  renew(task: HeldTask, now: number, leaseUntil: number, total?: number): Promise<boolean>;
  /** Ends the task (lease held): succeeded (total becomes done) or failed with a message. */
  finish(task: HeldTask, status: 'succeeded' | 'failed', error: string | null, now: number): Promise<boolean>;
  /** Gives the task back (due for any worker at once), keeping its cursor. */
  release(task: HeldTask): Promise<void>;
  /** Failed deliveries of a webhook with ids in [fromId, toId). */
  countFailed(organizationId: string, webhookId: string, fromId: string, toId: string): Promise<number>;
  /** Events of these types with ids in [fromId, toId). */
  countEvents(organizationId: string, types: readonly string[], fromId: string, toId: string): Promise<number>;
  /**
   * Up to `limit` events of these types with ids in [fromId, toId) above `afterId`, in id order;
   * with `missingFor`, only those without a succeeded delivery to that webhook.
   */
  eventsAfter(
    organizationId: string,
    q: { types: readonly string[]; fromId: string; afterId: string | null; toId: string; limit: number; missingFor?: string },
  ): Promise<EventRecord[]>;
  /**
   * One replay chunk, in one transaction and only while the lease holds: stores the deliveries
   * (parked when the webhook is disabled), advances the cursor and counts. 'lost': the lease was
   * lost, 'gone': the webhook was deleted; nothing was written then.
   */
  replayStep(task: HeldTask, deliveries: NewDelivery[], step: TaskStep): Promise<'ok' | 'lost' | 'gone'>;
  /**
   * One recover chunk, likewise: makes the next `limit` failed deliveries of the window after the
   * cursor due now for a manual attempt. Answers their ids and whether the window is used up.
   */
  recoverStep(task: HeldTask, limit: number, step: Omit<TaskStep, 'last_id' | 'done'>): Promise<{ ids: string[]; finished: boolean } | 'lost' | 'gone'>;
  /** How many of these deliveries still wait for the attempt a task queued them for (pacing). */
  waiting(organizationId: string, deliveryIds: readonly string[]): Promise<number>;
}

// The CRM tables.

/** How a value travels between the API and the database: json is text there, time epoch ms. */
export type FieldKind = 'text' | 'int' | 'json' | 'time';

/** A CRM table: its name and columns come from these descriptors only, never from a request. */
export interface CrmTable {
  table: string;
  fields: Readonly<Record<string, FieldKind>>;
  /** Columns a list may filter on by exact match (an allowlist). */
  filters: readonly string[];
}

/** A CRM row: id, its fields as column values, created_at, updated_at. */
export type CrmRow = Record<string, unknown> & { id: string; created_at: number; updated_at: number };

export interface CrmReads {
  find(t: CrmTable, organizationId: string, id: string): Promise<CrmRow | null>;
  /** Newest first, ids below `before`, filtered by exact values of allowlisted columns. */
  list(t: CrmTable, organizationId: string, filters: Record<string, unknown>, page: PageQuery): Promise<CrmRow[]>;
}

/** A CRM change: its reads and writes and the events it publishes commit together or not at all. */
export interface CrmTransaction extends CrmReads {
  insert(t: CrmTable, organizationId: string, row: CrmRow): Promise<void>;
  /** Takes the row's write lock (so concurrent changes of one object run one after the other), then reads it. */
  lock(t: CrmTable, organizationId: string, id: string): Promise<CrmRow | null>;
  /** Sets these columns (and updated_at). */
  set(t: CrmTable, organizationId: string, id: string, values: Record<string, unknown>, updatedAt: number): Promise<void>;
  remove(t: CrmTable, organizationId: string, id: string): Promise<void>;
  readonly outbox: Outbox;
}

export interface CrmStore extends CrmReads {
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  change<T>(fn: (tx: CrmTransaction) => Promise<T>): Promise<T>;
}

// Idempotency keys of the creating requests.

export interface IdempotencyRecord {
  /** What the key was first used for (method, path and body, hashed). */
  fingerprint: string;
  /** The first request's answer; null while it runs. */
  status: number | null;
  response: string | null;
  /** When the request that holds it started. */
  locked_at: number;
  created_at: number;
}

/** Either the key is now this request's, or an earlier request holds it (answered or in flight). */
export type IdempotencyBegin = { started: true } | { started: false; record: IdempotencyRecord };

export interface IdempotencyStore {
  /**
   * Takes a key for a request (one of any number of concurrent ones wins): a new key, one created
   * before `free.createdBefore` (expired), or one still in flight since before `free.lockedBefore`
   * (its request died). Otherwise answers the record that holds it.
   */
  begin(
    organizationId: string,
    key: string,
    fingerprint: string,
    now: number,
    free: { createdBefore: number; lockedBefore: number },
  ): Promise<IdempotencyBegin>;
  get(organizationId: string, key: string): Promise<IdempotencyRecord | null>;
  /** Stores the answer of the request that holds the key (the one with this fingerprint, in flight). */
  finish(organizationId: string, key: string, fingerprint: string, status: number, response: string): Promise<void>;
  /** Frees a key whose request failed without an answer worth keeping (it may run again). */
  release(organizationId: string, key: string, fingerprint: string): Promise<void>;
  /** Deletes keys created before this time; answers how many. */
  purge(createdBefore: number): Promise<number>;
}

// Rate limits of webhooks, shared by every process.

export interface RateLimits {
  /**
   * Takes a token of a webhook's bucket: `rate` tokens a second, at most `burst` kept (a new
   * bucket is full). Atomic across processes. Answers null when a token was taken, otherwise when
   * the next one is due (epoch ms).
   */
  take(organizationId: string, webhookId: string, rate: number, burst: number, now: number): Promise<number | null>;
}

// Dashboard sessions, shared by every process serving the dashboard.

export interface SessionRecord {
  /** SHA-256 of the id in the cookie: the id itself is never stored. */
  id_hash: string;
  organization_id: string;
  key_id: string;
  organization_name: string;
  key_prefix: string;
  csrf: string;
  /** A message for the next page (JSON), or null. */
  flash: string | null;
  created_at: number;
  seen_at: number;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The session with its key's scopes as they are now (none once the key is gone). */
  get(idHash: string): Promise<(SessionRecord & { scopes: string[] }) | null>;
  /** Writes seen_at and flash. */
  save(idHash: string, seenAt: number, flash: string | null): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Deletes sessions last seen before `seenBefore` or created before `createdBefore`; answers how many. */
  purge(seenBefore: number, createdBefore: number): Promise<number>;
}

// Rate limits shared by every process (windows that start at a bucket's first request, docs/operations.md).

export interface RateLimitStore {
  /**
   * Takes up to `amount` of what is left of `limit` in a bucket's current window, atomically
   * across processes; a window that ended by `now` is replaced by one starting at `now`. Answers
   * how much it took (0: the window is used up) and when the window started.
   */
  take(bucket: string, now: number, windowMs: number, amount: number, limit: number): Promise<{ granted: number; windowStart: number }>;
  /** Deletes buckets whose window started before this time. */
  purge(windowsBefore: number): Promise<number>;
}

// Signals between the processes sharing the database.

export interface Signals {
  /** Calls fn whenever new work is committed (by any process), with the webhook ids it is about ([]: anything). */
  onWork(fn: (about: string[]) => void): () => void;
  /** Tells the other processes that a webhook of an organization changed, once the change committed. */
  announceChange(organizationId: string, webhookId: string): Promise<void>;
  /** Calls fn when another process announced a webhook change. */
  onChange(fn: (organizationId: string, webhookId: string) => void): () => void;
  /** Tells every process (this one too) that API keys were revoked, once that committed. */
  announceKeysRevoked(): Promise<void>;
  /**
   * Calls fn when keys were revoked anywhere, and whenever announcements may have been missed
   * (the listening connection came back): what a process remembers of keys is stale then.
   */
  onKeysRevoked(fn: () => void): () => void;
}

export interface PageQuery {
  /** Ids below this one ('~' for the first page). */
  before: string;
  limit: number;
}
