-- Worker heartbeats: each process that delivers writes its row every few seconds, and removes it
-- when it stops. A process serving only the API reads them to tell whether any worker is alive
-- (its log, /readyz, the salesos_workers_alive gauge).
CREATE TABLE worker_heartbeats (
  id text PRIMARY KEY,
  started_at bigint NOT NULL,
  beat_at bigint NOT NULL
);
-- When an API key was shown to someone. The key the first start creates is shown once the
-- service is up; a start that died before showing it leaves it unshown, and the next start says
-- how to get a key. Keys stored before this column are taken as shown.
ALTER TABLE api_keys ADD COLUMN shown_at bigint;
UPDATE api_keys SET shown_at = created_at;
