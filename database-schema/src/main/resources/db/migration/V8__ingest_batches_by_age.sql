-- The ingest API forgets the status of batches older than its retention. (By creation, a column
-- never updated: the writer's count updates stay heap-only.)
CREATE INDEX ingest_batches_created_at ON ingest_batches (created_at);
