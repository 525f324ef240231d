-- Operational events (SPEC §11): when webhook.failing was last announced for a webhook (epoch ms),
-- so that it is announced at most once an hour however often the webhook flaps, and whether its
-- current run of failures was announced (0/1): only then does a success announce webhook.recovered.
ALTER TABLE webhooks ADD COLUMN failing_notified_at bigint;
ALTER TABLE webhooks ADD COLUMN failing_notified integer NOT NULL DEFAULT 0;
