-- What the pipeline knows about each batch. The ingest API creates the row when it starts a
-- batch and sets received when every row is in Kafka; the writer adds what it persisted and
-- rejected, and creates the row for producers' batches it has not seen.
CREATE TABLE ingest_batches (
    id          text        PRIMARY KEY,
    table_name  text        NOT NULL,
    channel     text        NOT NULL,
    file_name   text,
    received    bigint,
    failure     text,
    valid       bigint      NOT NULL DEFAULT 0,
    rejected    bigint      NOT NULL DEFAULT 0,
    persisted   bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotency-Key of the ingest API: the first answer given for a key, and a hash of the
-- request it answered. A key without a response is claimed by a request still running.
CREATE TABLE idempotency_keys (
    key          text        PRIMARY KEY,
    request_hash bytea,
    batch_id     text,
    status       integer,
    response     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

-- The next Kafka offset the writer has to persist, per consumer group and partition, written
-- in the same transaction as the rows: a redelivered record is recognised and skipped.
CREATE TABLE writer_offsets (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    next_offset    bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);
