-- Each claim of an Idempotency-Key gets a token of its own. A request whose lease ran out (its
-- instance cut off from the database for longer than the lease, say) may have lost its key to
-- another request; what it writes to the key afterwards names its token and so cannot touch the
-- other request's claim.
ALTER TABLE idempotency_keys ADD COLUMN claim_token uuid;
