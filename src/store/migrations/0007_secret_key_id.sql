-- Signing secrets encrypted at rest (docs/operations.md, "Encryption at rest"): the id of the
-- SALESOS_ENCRYPTION_KEY key a secret is encrypted with, or null for a secret stored as clear
-- text. Lets a start check that every key in use is configured and right, and `salesos secrets
-- reencrypt` find what the first key does not encrypt yet.
ALTER TABLE webhook_secrets ADD COLUMN key_id text;
