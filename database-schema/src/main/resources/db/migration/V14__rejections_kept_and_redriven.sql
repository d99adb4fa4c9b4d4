-- <table>_errors becomes a log of rejections: one row per rejected record, identified by the raw
-- record it was made from (its Kafka coordinates, and its receive time, which tells a record from
-- one at the same place of a topic deleted and created again), never merged with another because
-- their values are equal. Each rejection has a state: open, redriven (sent again) or discarded,
-- who set it, when, and why. The errors tables are made from the table definitions; those made
-- before are found by their shape (the raw_hash that made equal values one row) and upgraded here,
-- their rows kept.
DO $$
DECLARE
  errors regclass;
BEGIN
  FOR errors IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relkind = 'r' AND c.relname LIKE '%\_errors' AND pg_table_is_visible(c.oid)
      AND a.attname = 'raw_hash' AND NOT a.attisdropped
  LOOP
    EXECUTE format('ALTER TABLE %s DROP COLUMN raw_hash', errors);
    EXECUTE format($ddl$
        ALTER TABLE %s
            ADD COLUMN state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'redriven', 'discarded')),
            ADD COLUMN state_by     text,
            ADD COLUMN state_at     timestamptz,
            ADD COLUMN state_reason text,
            ADD UNIQUE (source_topic, source_partition, source_offset, received_at)$ddl$, errors);
  END LOOP;
END
$$;

-- Rejected rows sent again (redriven), each as row row_index of a batch of its own: the error it
-- comes from, the values it is sent with (its raw values, or those an operator corrected), when it
-- was published to its raw topic, and when the writer took it. The ingest API records the batch,
-- these rows and the errors' state in one transaction and publishes afterwards (rows without
-- published_at are published by any instance); the writer takes each row once, in the transaction
-- that writes it, and drops any later copy of it.
CREATE TABLE redrive_rows (
    batch_id     text        NOT NULL,
    row_index    integer     NOT NULL,
    table_name   text        NOT NULL,
    error_id     bigint      NOT NULL,
    row_values   jsonb       NOT NULL,
    corrected    boolean     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    taken_at     timestamptz,
    PRIMARY KEY (batch_id, row_index),
    UNIQUE (table_name, error_id)
);
CREATE INDEX redrive_rows_unpublished ON redrive_rows (created_at) WHERE published_at IS NULL;
