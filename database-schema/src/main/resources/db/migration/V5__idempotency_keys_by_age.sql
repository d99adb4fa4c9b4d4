-- The ingest API forgets Idempotency-Keys older than its retention every few minutes.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
