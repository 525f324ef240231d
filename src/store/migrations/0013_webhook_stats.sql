-- Endpoint health (GET /v1/webhooks/{id}/stats, the dashboard's rates and charts): attempt outcomes
-- rolled up per webhook and minute as they are written (DeliveryStore.complete, same transaction),
-- so a read sums at most a row per minute of its range instead of scanning the attempts log.
-- minute: epoch ms of the minute the attempts started in. delivered / failed: deliveries that
-- reached succeeded / failed. o_*: attempts by outcome (src/model.ts ATTEMPT_OUTCOMES, one column
-- each). h0..h23: attempts (that got an answer or timed out) by latency bucket (LATENCY_BOUNDS_MS).
-- Purged with the log (SALESOS_RETENTION), by minute.
CREATE TABLE webhook_stats (
  organization_id text NOT NULL,
  webhook_id text NOT NULL,
  minute bigint NOT NULL,
  delivered integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  o_2xx integer NOT NULL DEFAULT 0,
  o_4xx integer NOT NULL DEFAULT 0,
  o_5xx integer NOT NULL DEFAULT 0,
  o_timeout integer NOT NULL DEFAULT 0,
  o_connection_refused integer NOT NULL DEFAULT 0,
  o_connection_reset integer NOT NULL DEFAULT 0,
  o_dns integer NOT NULL DEFAULT 0,
  o_tls integer NOT NULL DEFAULT 0,
  o_redirect integer NOT NULL DEFAULT 0,
  o_blocked_address integer NOT NULL DEFAULT 0,
  o_invalid_response integer NOT NULL DEFAULT 0,
  o_network integer NOT NULL DEFAULT 0,
  o_throttled integer NOT NULL DEFAULT 0,
  h0 integer NOT NULL DEFAULT 0,
  h1 integer NOT NULL DEFAULT 0,
  h2 integer NOT NULL DEFAULT 0,
  h3 integer NOT NULL DEFAULT 0,
  h4 integer NOT NULL DEFAULT 0,
  h5 integer NOT NULL DEFAULT 0,
  h6 integer NOT NULL DEFAULT 0,
  h7 integer NOT NULL DEFAULT 0,
  h8 integer NOT NULL DEFAULT 0,
  h9 integer NOT NULL DEFAULT 0,
  h10 integer NOT NULL DEFAULT 0,
  h11 integer NOT NULL DEFAULT 0,
  h12 integer NOT NULL DEFAULT 0,
  h13 integer NOT NULL DEFAULT 0,
  h14 integer NOT NULL DEFAULT 0,
  h15 integer NOT NULL DEFAULT 0,
  h16 integer NOT NULL DEFAULT 0,
  h17 integer NOT NULL DEFAULT 0,
  h18 integer NOT NULL DEFAULT 0,
  h19 integer NOT NULL DEFAULT 0,
  h20 integer NOT NULL DEFAULT 0,
  h21 integer NOT NULL DEFAULT 0,
  h22 integer NOT NULL DEFAULT 0,
  h23 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, webhook_id, minute)
);
-- The retention purge deletes by minute across webhooks.
CREATE INDEX webhook_stats_minute ON webhook_stats (minute);
