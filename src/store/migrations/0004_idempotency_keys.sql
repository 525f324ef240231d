-- Idempotency-Key of the creating POSTs (docs/idempotency.md): per organization, the request it
-- was first used with (fingerprint) and, once that request answered, its status and body, which a
-- replay answers again. status is null while the first request runs (locked_at: since when).
-- Kept 24 hours (created_at), then purged.
CREATE TABLE idempotency_keys (
  organization_id text NOT NULL,
  idempotency_key text NOT NULL,
  fingerprint text NOT NULL,
  status integer,
  response text,
  locked_at bigint NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (organization_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
