-- An upload holds a lease on its batch while its rows arrive, renewed by its ingest-api instance.
-- A batch still receiving whose lease ran out was left by an instance that stopped. Batches that
-- producers name, and those of before this column, have none.
ALTER TABLE ingest_batches ADD COLUMN receiving_until timestamptz;
