-- Ordered delivery per object (a webhook with ordering 'per_object'): each of its deliveries
-- carries the id of the object its event is about (data.object.id), and a claim takes one only
-- when no earlier delivery (by id: publish order) of the same webhook and object is still pending
-- (waiting, retrying, parked or under a lease). Null: no order, as before. The index serves that
-- check; it holds only pending ordered deliveries, so unordered traffic never writes it.
ALTER TABLE deliveries ADD COLUMN ordering_key text;
CREATE INDEX deliveries_ordering ON deliveries (organization_id, webhook_id, ordering_key, id) WHERE status = 'pending' AND ordering_key IS NOT NULL;
