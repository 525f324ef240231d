-- Storage that stays flat under sustained load (docs/operations.md, "Partitions"): on PostgreSQL,
-- deliveries and attempts become tables partitioned BY RANGE (id). Ids are time-sortable (the
-- first 10 characters after the prefix are the creation time in ms), so a time slot is an id range:
-- the primary keys (organization_id, id) hold the partition key as they are, and every read by
-- id, and the cursor pagination, stays what it was. The service creates the time partitions ahead
-- (src/store/postgres/partitions.ts) and retention drops whole ones; a default partition takes
-- anything outside them.
--
-- An existing table is moved without copying a row: it is renamed, its indexes keep their
-- definitions under new names, and it is attached whole as the first partition, from the lowest
-- id to just above its highest, which retention drops once it is all past retention and holds no
-- pending delivery. The partitioned table gets the same indexes under the old names (those of the
-- moved table are attached to them, not built again), the claim index deliveries_due included.
-- Events stay one table: their idempotency keys are unique across all of them
-- (events_idempotency), which no index of a table partitioned by id can be.
-- SQLite is untouched: it keeps one table each, and batched deletes.
-- begin postgres only
DO $$
DECLARE
  t text;
  defs text[];
  idx record;
  top text;
BEGIN
  FOREACH t IN ARRAY ARRAY['deliveries', 'attempts'] LOOP
    SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO defs
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = format('%I', t)::regclass AND NOT i.indisprimary;
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_moved');
    EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', t || '_moved', t || '_pkey', t || '_moved_pkey');
    FOR idx IN SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE i.indrelid = format('%I', t || '_moved')::regclass AND NOT i.indisprimary LOOP
      EXECUTE format('ALTER INDEX %I RENAME TO %I', idx.relname, left(idx.relname, 50) || '_moved');
    END LOOP;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS) PARTITION BY RANGE (id)', t, t || '_moved');
    EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (organization_id, id)', t);
    FOR n IN 1 .. coalesce(array_length(defs, 1), 0) LOOP
      EXECUTE defs[n];
    END LOOP;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_default', t);
    EXECUTE format('SELECT max(id) FROM %I', t || '_moved') INTO top;
    IF top IS NULL THEN
      EXECUTE format('DROP TABLE %I', t || '_moved');
    ELSE
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%L)', t, t || '_moved', top || '0');
    END IF;
  END LOOP;
END $$;
-- end postgres only
