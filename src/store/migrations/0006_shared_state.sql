-- State that every process serving the API must share (issue 22, item 4), so that several `api`
-- processes behind a load balancer need no sticky sessions.
--
-- Dashboard sessions, by the SHA-256 hash of the id in the cookie (the id itself is never stored):
-- the key's organization and id (a revoked key ends the session), what the page shell shows, the
-- CSRF token, a flash message waiting for the next page, and when it was created and last seen
-- (it ends 12 hours after it was last seen or 7 days after it was created). Looked up by id alone,
-- before the organization is known: keyed by id_hash, not by organization.
CREATE TABLE dashboard_sessions (
  id_hash text PRIMARY KEY,
  organization_id text NOT NULL,
  key_id text NOT NULL,
  organization_name text NOT NULL,
  key_prefix text NOT NULL,
  csrf text NOT NULL,
  flash text,
  created_at bigint NOT NULL,
  seen_at bigint NOT NULL
);
CREATE INDEX dashboard_sessions_seen ON dashboard_sessions (seen_at);
-- Rate-limit counters (docs/operations.md, "Rate limits"): per bucket (an API key, a client
-- address's failed keys or sign-ins), when its current window started (at the first request
-- after the previous one ended) and how much of the limit the processes have taken in it. Rows
-- idle for a few minutes are deleted.
CREATE TABLE rate_limits (
  bucket text PRIMARY KEY,
  window_start bigint NOT NULL,
  used integer NOT NULL,
  last_grant integer NOT NULL
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
