-- Every delivery is inserted, then updated at least once, and every attempt inserted: each index
-- on these tables is written that often. These two served only the retention purge, which now
-- reaches old rows through their events (events_created, deliveries_event, attempts_delivery).
DROP INDEX deliveries_created;
DROP INDEX attempts_started;
