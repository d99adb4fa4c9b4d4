-- The table definitions, applied to the database as versions: db-writer applies the files of its
-- definitions directory when it starts, an admin call at run time; every service of every instance
-- follows the latest version. Each version keeps the definitions whole (JSON), the fingerprint of
-- each table's valid-row schema, what changed, and who applied it. Tables and their errors tables
-- are made from the definitions, no longer by migrations: those of the hiring data that V1 and V2
-- made are taken over by the first version, as their columns match their definitions.
CREATE TABLE table_definitions (
    version     integer     PRIMARY KEY,
    definitions jsonb       NOT NULL,
    schemas     jsonb       NOT NULL,
    changes     jsonb       NOT NULL,
    applied_by  text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- Every Avro schema that rowgate has written valid rows with, by its CRC-64-AVRO fingerprint (the
-- one in each record's single-object encoding), so that a record of any of them is still read, on
-- any instance and after any restart. first_version 0: the schemas of the classes generated before
-- the definitions were files.
CREATE TABLE table_schemas (
    fingerprint   bigint      PRIMARY KEY,
    table_name    text        NOT NULL,
    schema        text        NOT NULL,
    first_version integer     NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX table_schemas_table ON table_schemas (table_name);

INSERT INTO table_schemas (fingerprint, table_name, schema, first_version) VALUES
    (6360554218300378958, 'departments', '{"type":"record","name":"Department","namespace":"dev.rowgate.avro","doc":"A valid row of departments (rowgate.departments.valid).","fields":[{"name":"id","type":"int"},{"name":"department","type":{"type":"string","avro.java.string":"String"}},{"name":"origin","type":{"type":"record","name":"Origin","doc":"Where a row came from: the channel, its batch and its place in it, and when it arrived.","fields":[{"name":"channel","type":{"type":"enum","name":"Channel","symbols":["API_JSON","API_CSV","PRODUCER"],"default":"PRODUCER"}},{"name":"batchId","type":["null",{"type":"string","avro.java.string":"String"}],"doc":"Batch id stamped by the ingest API, or chosen by a producer.","default":null},{"name":"index","type":["null","int"],"doc":"0-based position of the row in its JSON batch.","default":null},{"name":"line","type":["null","long"],"doc":"1-based line of the CSV file where the record starts.","default":null},{"name":"fileName","type":["null",{"type":"string","avro.java.string":"String"}],"default":null},{"name":"receivedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}},{"name":"source","type":{"type":"record","name":"SourceOffset","doc":"Kafka coordinates of the raw record a valid or rejected record was made from.","fields":[{"name":"topic","type":{"type":"string","avro.java.string":"String"}},{"name":"partition","type":"int"},{"name":"offset","type":"long"}]}}]}', 0),
    (-4879108355373393990, 'jobs', '{"type":"record","name":"Job","namespace":"dev.rowgate.avro","doc":"A valid row of jobs (rowgate.jobs.valid).","fields":[{"name":"id","type":"int"},{"name":"job","type":{"type":"string","avro.java.string":"String"}},{"name":"origin","type":{"type":"record","name":"Origin","doc":"Where a row came from: the channel, its batch and its place in it, and when it arrived.","fields":[{"name":"channel","type":{"type":"enum","name":"Channel","symbols":["API_JSON","API_CSV","PRODUCER"],"default":"PRODUCER"}},{"name":"batchId","type":["null",{"type":"string","avro.java.string":"String"}],"doc":"Batch id stamped by the ingest API, or chosen by a producer.","default":null},{"name":"index","type":["null","int"],"doc":"0-based position of the row in its JSON batch.","default":null},{"name":"line","type":["null","long"],"doc":"1-based line of the CSV file where the record starts.","default":null},{"name":"fileName","type":["null",{"type":"string","avro.java.string":"String"}],"default":null},{"name":"receivedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}},{"name":"source","type":{"type":"record","name":"SourceOffset","doc":"Kafka coordinates of the raw record a valid or rejected record was made from.","fields":[{"name":"topic","type":{"type":"string","avro.java.string":"String"}},{"name":"partition","type":"int"},{"name":"offset","type":"long"}]}}]}', 0),
    (-2925868920429170817, 'hired_employees', '{"type":"record","name":"HiredEmployee","namespace":"dev.rowgate.avro","doc":"A valid row of hired_employees (rowgate.hired_employees.valid).","fields":[{"name":"id","type":"int"},{"name":"name","type":{"type":"string","avro.java.string":"String"}},{"name":"datetime","type":{"type":"long","logicalType":"timestamp-micros"}},{"name":"department_id","type":"int"},{"name":"job_id","type":"int"},{"name":"origin","type":{"type":"record","name":"Origin","doc":"Where a row came from: the channel, its batch and its place in it, and when it arrived.","fields":[{"name":"channel","type":{"type":"enum","name":"Channel","symbols":["API_JSON","API_CSV","PRODUCER"],"default":"PRODUCER"}},{"name":"batchId","type":["null",{"type":"string","avro.java.string":"String"}],"doc":"Batch id stamped by the ingest API, or chosen by a producer.","default":null},{"name":"index","type":["null","int"],"doc":"0-based position of the row in its JSON batch.","default":null},{"name":"line","type":["null","long"],"doc":"1-based line of the CSV file where the record starts.","default":null},{"name":"fileName","type":["null",{"type":"string","avro.java.string":"String"}],"default":null},{"name":"receivedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}},{"name":"source","type":{"type":"record","name":"SourceOffset","doc":"Kafka coordinates of the raw record a valid or rejected record was made from.","fields":[{"name":"topic","type":{"type":"string","avro.java.string":"String"}},{"name":"partition","type":"int"},{"name":"offset","type":"long"}]}}]}', 0);

-- A waiting row's key is that of its table, of any type and any number of columns: its text (a
-- JSON array of texts for a key of several columns), and the values it references as text.
ALTER TABLE reference_waits RENAME COLUMN id TO row_key;
ALTER TABLE reference_waits ALTER COLUMN row_key TYPE text USING row_key::text;
ALTER TABLE reference_waits ALTER COLUMN refs TYPE text[] USING refs::text[];
