-- Valid rows naming a referenced row that is not in its table yet (a hire sent before its
-- department): db-writer writes each as soon as what it names is there, and refuses it with rule
-- reference once it has waited rowgate.writer.reference-wait. One row per table and id, the
-- latest: a newer row of the same id replaces it, as it would replace the row in its table.
-- refs holds the values of the table's reference columns, in the order of its columns.
CREATE TABLE reference_waits (
    table_name text        NOT NULL,
    id         integer     NOT NULL,
    refs       integer[]   NOT NULL,
    batch_id   text,
    channel    text        NOT NULL,
    record     bytea       NOT NULL,
    since      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_name, id)
);
CREATE INDEX reference_waits_since ON reference_waits (table_name, since);
