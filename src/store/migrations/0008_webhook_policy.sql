-- Per-webhook delivery settings (SPEC §11); null = the service default. retry_schedule is the text
-- as given ("10s,1m"), timeout in ms, headers and filter JSON text (headers: name -> {value, secret}).
ALTER TABLE webhooks ADD COLUMN retry_schedule text;
ALTER TABLE webhooks ADD COLUMN timeout_ms integer;
ALTER TABLE webhooks ADD COLUMN max_in_flight integer;
ALTER TABLE webhooks ADD COLUMN rate_limit integer;
ALTER TABLE webhooks ADD COLUMN headers text;
ALTER TABLE webhooks ADD COLUMN filter text;
ALTER TABLE webhooks ADD COLUMN ordering text NOT NULL DEFAULT 'none';

-- Attempts of a delivery answered 429 with Retry-After (error_class throttled): they do not use up
-- its retry schedule.
ALTER TABLE deliveries ADD COLUMN throttled_count integer NOT NULL DEFAULT 0;

-- The token bucket of a webhook with a rate_limit, shared by every worker process: tokens as of
-- updated_at (epoch ms); a take refills by the time elapsed since.
CREATE TABLE rate_buckets (
  organization_id text NOT NULL,
  webhook_id text NOT NULL,
  tokens double precision NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, webhook_id)
);
