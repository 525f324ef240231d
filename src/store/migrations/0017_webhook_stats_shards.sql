-- Endpoint health rollups in shards (see src/store/sql/stats.ts): concurrent outcome writers add
-- to rows of their own shard, so they do not wait on each other's row locks for the same webhook
-- and minute (on PostgreSQL they did: every outcome batch of a busy minute queued behind the
-- others). A read sums the shards with the minutes it sums already. Existing rows become shard 0.
-- Rebuilt rather than altered: SQLite cannot change a primary key in place.
CREATE TABLE webhook_stats_sharded (
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
  shard integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, webhook_id, minute, shard)
);
INSERT INTO webhook_stats_sharded SELECT *, 0 FROM webhook_stats;
DROP TABLE webhook_stats;
ALTER TABLE webhook_stats_sharded RENAME TO webhook_stats;
-- The retention purge deletes by minute across webhooks.
CREATE INDEX webhook_stats_minute ON webhook_stats (minute);
