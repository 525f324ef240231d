-- Tenant tables carry organization_id and lead their primary keys and indexes with it, so the
-- schema can be distributed by organization (Citus) without a redesign. Times are epoch ms.

CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at bigint NOT NULL
);

CREATE TABLE api_keys (
  organization_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL,
  created_at bigint NOT NULL,
  last_used_at bigint,
  revoked_at bigint,
  PRIMARY KEY (organization_id, id)
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash);

CREATE TABLE webhooks (
  organization_id text NOT NULL,
  id text NOT NULL,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  events text NOT NULL,
  enabled integer NOT NULL DEFAULT 1,
  disabled_reason text,
  metadata text NOT NULL DEFAULT '{}',
  failing_since bigint,
  last_success_at bigint,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  deleted_at bigint,
  PRIMARY KEY (organization_id, id)
);

-- Every live secret signs; a rotated-out one gets expires_at = rotation time + grace.
CREATE TABLE webhook_secrets (
  organization_id text NOT NULL,
  webhook_id text NOT NULL,
  id text NOT NULL,
  secret text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint,
  PRIMARY KEY (organization_id, webhook_id, id)
);

-- body is the exact payload every attempt sends, serialized once.
CREATE TABLE events (
  organization_id text NOT NULL,
  id text NOT NULL,
  type text NOT NULL,
  idempotency_key text,
  body text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE UNIQUE INDEX events_idempotency ON events (organization_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX events_type ON events (organization_id, type, id);
CREATE INDEX events_created ON events (created_at);

-- A delivery is one event for one webhook. While status = 'pending', next_attempt_at is when a
-- worker may claim it; a claim pushes it forward by the lease and sets lease_token, so a worker
-- that dies leaves work that becomes due again when the lease runs out.
CREATE TABLE deliveries (
  organization_id text NOT NULL,
  id text NOT NULL,
  event_id text NOT NULL,
  webhook_id text NOT NULL,
  event_type text NOT NULL,
  status text NOT NULL,
  attempt_count integer NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  last_attempt_at bigint,
  lease_token text,
  next_trigger text NOT NULL DEFAULT 'scheduled',
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_webhook ON deliveries (organization_id, webhook_id, id);
CREATE INDEX deliveries_event ON deliveries (organization_id, event_id);
CREATE INDEX deliveries_created ON deliveries (created_at);

CREATE TABLE attempts (
  organization_id text NOT NULL,
  id text NOT NULL,
  delivery_id text NOT NULL,
  attempt_number integer NOT NULL,
  trigger text NOT NULL,
  started_at bigint NOT NULL,
  duration_ms integer NOT NULL,
  request_headers text NOT NULL,
  response_status integer,
  response_headers text,
  response_body text,
  error_class text,
  error_message text,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX attempts_delivery ON attempts (organization_id, delivery_id, attempt_number);
CREATE INDEX attempts_started ON attempts (started_at);
