-- Searches across an organization's log (GET /v1/deliveries, GET /v1/events).
-- The organization's whole delivery log and event log walk their primary keys (organization_id,
-- id) newest first; time ranges are id ranges. Two searches would otherwise scan:
-- failed deliveries (rare among millions of succeeded ones): a partial index, written only when a
-- delivery fails, so the hot path (pending -> succeeded) never touches it.
CREATE INDEX deliveries_failed ON deliveries (organization_id, id) WHERE status = 'failed';
-- the events about one CRM object (data.object.id, read from the stored body).
CREATE INDEX events_object ON events (organization_id, (body::jsonb #>> '{data,object,id}'), id); -- postgres only
CREATE INDEX events_object ON events (organization_id, json_extract(body, '$.data.object.id'), id); -- sqlite only
