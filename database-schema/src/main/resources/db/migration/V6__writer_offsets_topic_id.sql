-- The id Kafka gave the topic whose offsets these are. A topic deleted and created again has a new
-- id and starts again at offset 0: the writer forgets the old topic's offsets instead of taking
-- the new records for ones it has persisted.
ALTER TABLE writer_offsets ADD COLUMN topic_id text;
