-- A request holds its Idempotency-Key on a lease that its ingest-api instance renews while it
-- runs; a key whose lease ran out was left by an instance that stopped and may be taken over.
-- Claims running at the migration keep the 15 minutes they had.
ALTER TABLE idempotency_keys ADD COLUMN claimed_until timestamptz;
UPDATE idempotency_keys SET claimed_until = created_at + interval '15 minutes' WHERE response IS NULL;
