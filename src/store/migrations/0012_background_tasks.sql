-- Background tasks (recover, replay): one row per task, claimed by one worker process at a time
-- with a lease (lease_token, lease_until), worked in chunks. last_id is the cursor: the last event
-- (replay) or delivery (recover) id handled, written in the same transaction as the chunk's
-- deliveries, so a task resumed after a crash neither skips nor repeats one. The window is
-- [window_start, window_end) in epoch ms. Not named `tasks`: that is the CRM's table.
CREATE TABLE background_tasks (
  organization_id text NOT NULL,
  id text NOT NULL,
  webhook_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  window_start bigint NOT NULL,
  window_end bigint NOT NULL,
  only_missing integer NOT NULL DEFAULT 0,
  total integer,
  done integer NOT NULL DEFAULT 0,
  queued integer NOT NULL DEFAULT 0,
  last_id text,
  error text,
  lease_token text,
  lease_until bigint,
  created_at bigint NOT NULL,
  started_at bigint,
  finished_at bigint,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
-- A webhook's tasks, newest first.
CREATE INDEX background_tasks_webhook ON background_tasks (organization_id, webhook_id, id);
-- What a worker may claim: only unfinished tasks are in it.
CREATE INDEX background_tasks_open ON background_tasks (id) WHERE status IN ('queued', 'running');
