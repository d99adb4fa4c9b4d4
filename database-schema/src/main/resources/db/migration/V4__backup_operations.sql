-- backup-service's backups and restores, running and finished, shared by all its instances so
-- that any of them can tell a client how one is doing. While an operation runs, the instance
-- running it holds a transaction-level advisory lock (1919907687, hashtext(table_name)): that
-- lock keeps a table to one operation at a time across instances, and a row still 'running'
-- without it was left by an instance that stopped.
CREATE TABLE backup_operations (
    id          text        PRIMARY KEY,
    kind        text        NOT NULL,
    table_name  text        NOT NULL,
    state       text        NOT NULL,
    phase       text        NOT NULL,
    done        bigint      NOT NULL,
    total       bigint,
    unit        text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    result      jsonb,
    error       text
);

CREATE UNIQUE INDEX backup_operations_one_running ON backup_operations (table_name) WHERE state = 'running';
